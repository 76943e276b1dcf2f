/** The digest in Teams: preview and review (service managers), approve, publish to the SMT channel. */
import { checkWithAi, withAiFlags } from '../app/digest/ai-check';
import { messageCard } from '../cards/message-card';
import { loadCycleState } from '../app/cycle/cycle-state';
import { reviewFlags } from '../app/digest/review-flags';
import { sendBackReturn } from '../app/returns/send-back';
import type { Cycle } from '../domain/cycle';
import { aiAllowance } from '../app/ask/ai-allowance';
import type { TurnContext } from 'botbuilder';
import {
  ConfirmApproval,
  approveDigest,
  loadDigest,
  publishDigest,
  reviewSupportingOutcome,
} from '../app/digest/digest';
import { BUSY, withSendLease } from '../app/sending/send-lease';
import { digestCards } from '../cards/digest-cards';
import { CARD_ACTIONS, inputValue, type CardActionData } from '../cards/actions';
import { reviewCard, type ReviewOptions } from '../cards/digest-review';
import { draftCommentary } from '../app/digest/draft-commentary';
import type { CardJson } from '../cards/render';
import { NotAuthorisedError, ValidationError } from '../domain/errors';
import { errorCard, explain, say, sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

/** The latest open quarter, else the latest quarter (one read of the cycles). */
async function latestCycle(services: BotDeps) {
  const cycles = await services.cycles.all();
  return cycles.filter((c) => c.status === 'open').at(-1) ?? cycles.at(-1);
}

/** The quarter a manager's digest command is about, or undefined after saying why there is none. */
async function managersCycle(services: BotDeps, context: TurnContext, caller: Caller, doing: string) {
  const cycle = await latestCycle(services);
  if (!caller.serviceManager || !cycle) {
    await say(context, `Cannot ${doing}`, [
      !cycle ? 'No quarter has been opened.' : `Only service managers can ${doing} the digest.`,
    ]);
    return undefined;
  }
  return cycle;
}

export async function digestPreview(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  if (!caller.serviceManager) {
    await say(context, 'Not allowed', ['Only service managers can preview the digest.']);
    return;
  }
  const cycle = await latestCycle(services);
  if (!cycle) {
    await say(context, 'No digest yet', ['No quarter has been opened, so there is nothing to digest.']);
    return;
  }
  const state = await loadCycleState(services, cycle);
  const digest = await loadDigest(services, cycle, { loaded: state });
  const flags = reviewFlags(state, services.zone);
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
  const cycle = await managersCycle(services, context, caller, 'approve');
  if (!cycle) return;
  const confirmed = /\banyway\s*$/i.test(context.activity.text);
  try {
    await approveDigest(services, cycle.key, caller.upn, services.clock(), { confirmed });
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
  const cycle = await managersCycle(services, context, caller, 'publish');
  if (!cycle) return;
  const result = await withSendLease({ leases: services.leases, waitMs: 30_000 }, (holding) =>
    publishDigest(services, cycle.key, caller.upn, services.clock(), holding),
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
  if (!caller.serviceManager)
    return errorCard(new NotAuthorisedError('Only service managers can review the digest.'));
  const field = (name: (typeof CARD_ACTIONS.saveReview.inputs)[number]) => inputValue(d, name, d.n);
  let notice = 'Saved. Approve the digest when every supporting outcome is ready.';
  try {
    await reviewSupportingOutcome(
      services,
      d.cycle,
      d.so,
      {
        commentary: field('commentary') ?? '',
        override: field('override') ?? 'none',
        reason: field('reason') ?? '',
        aiDraft: d.aiDraft ?? '',
      },
      caller.upn,
      services.clock(),
    );
  } catch (error) {
    notice = `⚠ Not saved: ${explain(error).message}`;
  }
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  return reviewOf(services, cycle, d.outcome, notice);
}

/** `approveDigest`: records the approval; answers with the review card saying so. */
export async function approveFromCard(
  services: BotDeps,
  caller: Caller,
  data: CardActionData<'approveDigest'>,
): Promise<CardJson> {
  if (!caller.serviceManager)
    return errorCard(new NotAuthorisedError('Only service managers can approve the digest.'));
  const cycle = await services.cycles.get(data.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  try {
    await approveDigest(services, data.cycle, caller.upn, services.clock(), {
      confirmed: data.confirm === 'yes',
    });
  } catch (error) {
    if (!(error instanceof ConfirmApproval)) throw error;
    return reviewOf(services, cycle, data.outcome, error.message, {
      confirmApproval: true,
    });
  }
  return reviewOf(
    services,
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
  if (!caller.serviceManager)
    return errorCard(new NotAuthorisedError('Only service managers can review the digest.'));
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  const draft = await draftCommentary(
    services,
    cycle,
    d.so,
    aiAllowance(services.leases, caller.upn, services.clock()),
  );
  services.log.info({ cycle: cycle.key, so: d.so, by: draft.by }, 'commentary drafted');
  return reviewOf(
    services,
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
  cycle: Cycle,
  outcome: number,
  notice: string,
  options: Omit<ReviewOptions, 'ai'> = {},
): Promise<CardJson> {
  const state = await loadCycleState(services, cycle);
  const digest = await loadDigest(services, cycle, { loaded: state });
  return reviewCard(digest, cycle.key, outcome, notice, services.service?.key, {
    ai: Boolean(services.assistant),
    flags: reviewFlags(state, services.zone),
    ...options,
  });
}

/** `sendBack`: the item goes back to its owner with the note; answers with the review card saying so. */
export async function sendBackFromCard(
  services: BotDeps,
  caller: Caller,
  data: CardActionData<'sendBack'>,
): Promise<CardJson> {
  let notice: string;
  try {
    const done = await sendBackReturn(services, {
      actor: { upn: caller.upn, serviceManager: caller.serviceManager },
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
  return reviewOf(services, cycle, data.outcome, notice);
}

/** `checkReview` (Check with AI): the review card again, the AI's flags for one supporting outcome added. */
export async function checkReview(
  services: BotDeps,
  caller: Caller,
  d: CardActionData<'checkReview'>,
): Promise<CardJson> {
  if (!caller.serviceManager)
    return errorCard(new NotAuthorisedError('Only service managers can review the digest.'));
  const cycle = await services.cycles.get(d.cycle);
  if (!cycle) return errorCard(new ValidationError('That quarter no longer exists.'));
  const state = await loadCycleState(services, cycle);
  const base = reviewFlags(state, services.zone);
  const ai = await checkWithAi(
    services.assistant,
    state,
    d.so,
    aiAllowance(services.leases, caller.upn, services.clock()),
  );
  services.log.info({ cycle: cycle.key, so: d.so, ok: ai.ok }, 'returns checked with AI');
  const flags = ai.ok
    ? { ...base, bySupportingOutcome: withAiFlags(base.bySupportingOutcome, d.so, ai.flagged) }
    : base;
  const notice = !ai.ok
    ? `⚠ No AI check (${ai.why}): the flags shown are the plain rules'.`
    : ai.flagged.length
      ? `AI: ${ai.flagged.length} item(s) to look at, marked "AI:". The AI never changes a rating; you decide.`
      : 'AI: nothing stands out in this supporting outcome.';
  return reviewOf(services, cycle, d.outcome, notice, {
    flags,
  });
}
