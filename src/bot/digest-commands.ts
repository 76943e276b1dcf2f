/** The digest in Teams: preview and review (service managers), approve, publish to the SMT channel. */
import type { TurnContext } from 'botbuilder';
import { aiAllowance } from '../app/ask/ai-allowance';
import { ConfirmApproval, approveDigest, publishDigest, reviewSupportingOutcome } from '../app/digest/digest';
import { checkForReview, draftForReview, latestCycle, reviewDigest } from '../app/digest/review';
import { sendBackReturn } from '../app/returns/send-back';
import { BUSY, withSendLease } from '../app/sending/send-lease';
import type { Actor } from '../app/ports';
import { CARD_ACTIONS, inputValue, type CardActionData } from '../cards/actions';
import { digestCards } from '../cards/digest-cards';
import { reviewCard, type ReviewOptions } from '../cards/digest-review';
import { messageCard } from '../cards/message-card';
import type { CardJson } from '../cards/render';
import type { Cycle } from '../domain/cycle';
import { NotAuthorisedError, ValidationError } from '../domain/errors';
import { errorCard, explain, say, sendCards } from './replies';
import { actorOf, type BotDeps, type Caller } from './deps';

/** The quarter a manager's digest command is about, or undefined after saying there is none. */
async function quarterFor(services: BotDeps, context: TurnContext, doing: string) {
  const cycle = await latestCycle(services);
  if (!cycle) await say(context, `Cannot ${doing}`, ['No quarter has been opened.']);
  return cycle;
}

export async function digestPreview(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const { cycle, digest, flags } = await reviewDigest(services, { actor: actorOf(services, caller) });
  await sendCards(context, digestCards(digest, services.zone, true));
  await sendCards(
    context,
    digest.outcomes.map((o) =>
      reviewCard(digest, cycle.key, o.number, '', services.service?.key, {
        ai: Boolean(services.assistant),
        flags,
      }),
    ),
  );
}

export async function digestApproveCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const cycle = await quarterFor(services, context, 'approve');
  if (!cycle) return;
  const confirmed = /\banyway\s*$/i.test(context.activity.text);
  try {
    await approveDigest(services, {
      actor: actorOf(services, caller),
      cycleKey: cycle.key,
      now: services.clock(),
      confirmed,
    });
  } catch (error) {
    if (!(error instanceof ConfirmApproval)) throw error;
    await say(context, 'Not approved yet', [
      error.message,
      'Type "digest approve anyway" to approve it as it is.',
    ]);
    return;
  }
  await say(context, 'Digest approved', [
    `The ${cycle.label} digest is approved. "digest publish" posts it now; otherwise it goes to the SMT channel when the schedule says.`,
  ]);
}

export async function digestPublishCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const cycle = await quarterFor(services, context, 'publish');
  if (!cycle) return;
  const actor = actorOf(services, caller);
  const result = await withSendLease({ leases: services.leases, waitMs: 30_000 }, (holding) =>
    publishDigest(services, { actor, cycleKey: cycle.key, now: services.clock(), holding }),
  );
  if (!result) throw BUSY;
  await say(context, result.complete ? 'Digest published' : 'Digest not fully posted', [
    result.complete
      ? `Posted ${result.cards} card(s) to the SMT channel. ${cycle.label} is now closed for returns.`
      : `Some cards could not be posted (${result.result.failed.map((f) => f.error).join('; ') || 'retrying'}). Try "digest publish" again; nothing is posted twice.`,
  ]);
}

/** `saveReview`: stores one supporting outcome's commentary/override; answers with the review card refreshed. */
export async function saveReview(
  services: BotDeps,
  caller: Caller,
  d: CardActionData<'saveReview'>,
): Promise<CardJson> {
  const field = (name: (typeof CARD_ACTIONS.saveReview.inputs)[number]) => inputValue(d, name, d.n);
  const actor = actorOf(services, caller);
  let notice = 'Saved. Approve the digest when every supporting outcome is ready.';
  try {
    await reviewSupportingOutcome(services, {
      actor,
      cycleKey: d.cycle,
      soId: d.so,
      review: {
        commentary: field('commentary') ?? '',
        override: field('override') ?? 'none',
        reason: field('reason') ?? '',
        aiDraft: d.aiDraft ?? '',
      },
      now: services.clock(),
    });
  } catch (error) {
    if (error instanceof NotAuthorisedError) throw error;
    notice = `⚠ Not saved: ${explain(error).message}`;
  }
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  return reviewOf(services, actor, cycle, d.outcome, notice);
}

/** `approveDigest`: records the approval; answers with the review card saying so. */
export async function approveFromCard(
  services: BotDeps,
  caller: Caller,
  data: CardActionData<'approveDigest'>,
): Promise<CardJson> {
  const actor = actorOf(services, caller);
  let refused: ConfirmApproval | undefined;
  try {
    await approveDigest(services, {
      actor,
      cycleKey: data.cycle,
      now: services.clock(),
      confirmed: data.confirm === 'yes',
    });
  } catch (error) {
    if (!(error instanceof ConfirmApproval)) throw error;
    refused = error;
  }
  const cycle = await services.cycles.get(data.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  if (refused)
    return reviewOf(services, actor, cycle, data.outcome, refused.message, { confirmApproval: true });
  return reviewOf(
    services,
    actor,
    cycle,
    data.outcome,
    `✔ Approved by ${caller.upn}. It is posted to the SMT channel when due, or now with "digest publish".`,
  );
}

/** `draftReview` (Draft with AI): the review card again, with an AI draft (or the usual one, saying why). */
export async function draftReview(
  services: BotDeps,
  caller: Caller,
  d: CardActionData<'draftReview'>,
): Promise<CardJson> {
  const actor = actorOf(services, caller);
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  const draft = await draftForReview(services, {
    actor,
    cycle,
    soId: d.so,
    mayUseAi: aiAllowance(services.leases, caller.upn, services.clock()),
  });
  services.log.info({ cycle: cycle.key, so: d.so, by: draft.by }, 'commentary drafted');
  return reviewOf(
    services,
    actor,
    cycle,
    d.outcome,
    draft.by === 'ai'
      ? 'AI draft ready: open Review under the supporting outcome, edit it, then Save.'
      : `⚠ No AI draft (${draft.why}): the draft under Review is the usual one, from the owners' commentaries.`,
    {
      drafted: { so: d.so, text: draft.text, byAi: draft.by === 'ai' },
    },
  );
}

/**
 * A review card with the digest and what to challenge, both from one read of the cycle; `flags` given
 * (Check with AI) replace the plain rules' own.
 */
async function reviewOf(
  services: BotDeps,
  actor: Actor,
  cycle: Cycle,
  outcome: number,
  notice: string,
  options: Omit<ReviewOptions, 'ai'> = {},
): Promise<CardJson> {
  const { digest, flags } = await reviewDigest(services, { actor, cycle });
  return reviewCard(digest, cycle.key, outcome, notice, services.service?.key, {
    ai: Boolean(services.assistant),
    flags,
    ...options,
  });
}

/** `sendBack`: the item goes back to its owner with the note; answers with the review card saying so. */
export async function sendBackFromCard(
  services: BotDeps,
  caller: Caller,
  data: CardActionData<'sendBack'>,
): Promise<CardJson> {
  const actor = actorOf(services, caller);
  let notice: string;
  try {
    const done = await sendBackReturn(services, {
      actor,
      item: data.item,
      note: inputValue(data, 'note', data.n),
      now: services.clock(),
      quarter: data.quarter || undefined,
    });
    services.log.info({ item: done.item.key, by: caller.upn }, 'return sent back');
    notice = `↩ ${data.item} sent back to ${done.to.join(' and ')}. It counts as outstanding until answered again.`;
  } catch (error) {
    if (error instanceof NotAuthorisedError) return errorCard(error);
    notice = `⚠ Not sent back: ${explain(error).message}`;
  }
  if (data.from === 'ask')
    return messageCard({ title: 'Send back', lines: [notice, 'Ask again for a fresh list.'] });
  const cycle = await services.cycles.get(data.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  return reviewOf(services, actor, cycle, data.outcome, notice);
}

/** `checkReview` (Check with AI): the review card again, the AI's flags for one supporting outcome added. */
export async function checkReview(
  services: BotDeps,
  caller: Caller,
  d: CardActionData<'checkReview'>,
): Promise<CardJson> {
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  const { review, ai } = await checkForReview(services, {
    actor: actorOf(services, caller),
    cycle,
    soId: d.so,
    mayUseAi: aiAllowance(services.leases, caller.upn, services.clock()),
  });
  services.log.info({ cycle: cycle.key, so: d.so, ok: ai.ok }, 'returns checked with AI');
  const notice = !ai.ok
    ? `⚠ No AI check (${ai.why}): the flags shown are the plain rules'.`
    : ai.flagged.length
      ? `AI: ${ai.flagged.length} item(s) to look at, marked "AI:". The AI never changes a rating; you decide.`
      : 'AI: nothing stands out in this supporting outcome.';
  return reviewCard(review.digest, cycle.key, d.outcome, notice, services.service?.key, {
    ai: Boolean(services.assistant),
    flags: review.flags,
  });
}
