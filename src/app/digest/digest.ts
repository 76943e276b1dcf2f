/** Use cases of the digest: compile, review per supporting outcome, approve, publish to the SMT channel. */
import { openSendBacks } from '../returns/send-back-state';
import { formatMessageId } from '../../domain/message-id';
import { planOf } from '../cycle/cycle-state';
import { answersSinceApproval, closeQuarter, refuseIfPublished } from './published-record';
import { quarterIn } from '../../domain/service';
import { z } from 'zod';
import type { Cycle } from '../../domain/cycle';
import { compileDigest, type Digest } from '../../domain/digest';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { outline } from '../../domain/plan';
import { ragSchema } from '../../domain/rag';
import { emailedAt, reachOf } from '../sending/reached';
import { outstandingByOwner } from '../sending/step-messages';
import type { Actor, AppDeps, Person } from '../ports';
import { requireManager, systemActor } from '../council/actors';
import { fanOut, isComplete, type FanoutResult, type PlannedMessage } from '../sending/fanout';
import { emptyResult } from '../sending/fanout-types';
import { effectiveOwner, loadCycleState, type CycleState } from '../cycle/cycle-state';
import { planItems } from '../../domain/returns';
import type { Holding } from '../sending/send-lease';
import { serviceManagers, type StepDeps } from '../cycle/run-steps';

export type DigestDeps = StepDeps & Pick<AppDeps, 'digests'>;

export async function cycleOrThrow(deps: Pick<AppDeps, 'cycles'>, cycleKey: string): Promise<Cycle> {
  const cycle = await deps.cycles.get(cycleKey);
  if (!cycle) throw new NotFoundError(`There is no cycle for ${cycleKey}: open the quarter first.`);
  return cycle;
}

/**
 * The digest of a cycle. With the reporting zone, its outstanding list says how each owner was reached
 * (the council summary, which lists no owners, leaves it out). `asAt`: as it stood then (a published one).
 */
export async function loadDigest(
  deps: Pick<AppDeps, 'plans' | 'returns' | 'digests' | 'people' | 'outbox'> & Partial<Pick<AppDeps, 'zone'>>,
  cycle: Cycle,
  options: {
    readonly asAt?: string | undefined;
    /** The cycle's state, when the caller has just read it (not read again). */
    readonly loaded?: CycleState | undefined;
  } = {},
): Promise<Digest> {
  const [loaded, rule, reviews, approval, rows, published] = await Promise.all([
    options.loaded ?? loadCycleState(deps, cycle),
    cycle.rollUpRule ?? deps.plans.rollUpRule(),
    deps.digests.reviews(cycle.key),
    deps.digests.approval(cycle.key),
    deps.zone ? deps.outbox.list(cycle.key, 'email|') : [],
    deps.digests.published(cycle.key),
  ]);
  // As it stood at `asAt`: a published quarter always reads as it was published (the approved state).
  const asAt = options.asAt ?? (published ? (published.asAt ?? published.at) : undefined);
  const state = asAt
    ? { ...loaded, returns: new Map([...loaded.returns].filter(([, r]) => r.submittedAt <= asAt)) }
    : loaded;
  const zone = deps.zone;
  const people = zone
    ? await deps.people.many([...outstandingByOwner(state).keys()])
    : new Map<string, Person>();
  const emailed = emailedAt(rows);
  const byKey = new Map(planItems(state.plan).map((i) => [i.key as string, i]));
  return compileDigest({
    plan: state.plan,
    quarterLabel: cycle.label,
    q: cycle.quarter.q,
    returns: state.returns,
    previous: state.previous,
    rule,
    reviews,
    approval,
    sentBack: new Set(state.sentBack?.keys() ?? []),
    sendBacks: (loaded.sendBacks ?? []).map((s) => ({
      id: s.item.slice(2),
      by: s.by,
      at: s.at,
      note: s.note,
      // Answered again: the answer now stands on a later version than the one sent back.
      answeredAgain: (loaded.returns.get(s.item)?.version ?? 0) > s.version,
    })),
    ownerOf: (key) => {
      const item = byKey.get(key);
      return item ? effectiveOwner(state, item) : '';
    },
    reachedOf: zone
      ? (owner) => reachOf(people.get(owner.toLowerCase()), emailed.get(owner), zone).text
      : undefined,
  });
}

const reviewSchema = z
  .object({
    commentary: z
      .string()
      .max(4000, 'Keep the overall commentary to 4,000 characters.')
      .transform((s) => s.trim()),
    override: z.union([z.literal('none'), ragSchema]).default('none'),
    reason: z
      .string()
      .max(1000, 'Keep the reason to 1,000 characters.')
      .default('')
      .transform((s) => s.trim()),
    /** The AI draft the card offered: a commentary saved exactly as drafted is labelled "AI draft". */
    aiDraft: z
      .string()
      .max(4000)
      .default('')
      .transform((s) => s.trim()),
  })
  .refine((r) => r.override === 'none' || r.reason.length > 0, {
    message: 'Give a reason for overriding the computed rating.',
    path: ['reason'],
  });

/** Saves a supporting outcome's overall commentary and any override; a change withdraws an approval. */
export async function reviewSupportingOutcome(
  deps: Pick<AppDeps, 'cycles' | 'plans' | 'digests'>,
  input: {
    readonly actor: Actor;
    readonly cycleKey: string;
    readonly soId: string;
    readonly review: unknown;
    readonly now: string;
  },
): Promise<void> {
  requireManager(input.actor, 'review the digest');
  const { cycleKey, soId, now } = input;
  const by = input.actor.upn;
  const cycle = await cycleOrThrow(deps, cycleKey);
  await refuseIfPublished(deps, cycle, 'a review');
  const plan = await planOf(deps.plans, cycle);
  // The id as the outline gives it (from the names as written), the same as the digest's and the card's.
  const exists = outline(plan.activities).some((o) => o.supportingOutcomes.some((s) => s.id === soId));
  if (!exists)
    throw new NotFoundError(
      'That supporting outcome is not in the plan any more. Run "digest preview" again.',
    );
  const parsed = reviewSchema.safeParse(input.review);
  if (!parsed.success) throw new ValidationError(parsed.error.issues.map((i) => i.message).join(' '));
  const r = parsed.data;
  await deps.digests.saveReview(cycle.key, soId, {
    commentary: r.commentary,
    override: r.override === 'none' ? undefined : { rag: r.override, reason: r.reason },
    aiDraft: r.aiDraft !== '' && r.commentary === r.aiDraft,
    by,
    at: now,
  });
  await deps.digests.withdrawApproval(cycle.key);
}

/** Thrown when returns are sent back and not answered again: approving needs saying so (`confirmed`). */
export class ConfirmApproval extends ValidationError {}

export async function approveDigest(
  deps: Pick<AppDeps, 'cycles' | 'digests' | 'returns'>,
  input: {
    readonly actor: Actor;
    readonly cycleKey: string;
    readonly now: string;
    /** Said after being told that returns sent back are not answered again. */
    readonly confirmed?: boolean;
  },
): Promise<void> {
  requireManager(input.actor, 'approve the digest');
  const { cycleKey, now } = input;
  const by = input.actor.upn;
  const cycle = await cycleOrThrow(deps, cycleKey);
  await refuseIfPublished(deps, cycle, 'an approval');
  const waiting = await openSendBacks(deps, cycle.key);
  if (waiting.length && !input.confirmed)
    throw new ConfirmApproval(
      `${waiting.length} return(s) sent back and not answered again (${waiting
        .slice(0, 5)
        .map((s) => s.item.slice(2))
        .join(
          ', ',
        )}${waiting.length > 5 ? ', …' : ''}): the digest would show them as not returned. Approve anyway, or wait for the answers.`,
    );
  await deps.digests.approve(cycle.key, { by, at: now });
}

export interface PublishResult {
  readonly cards: number;
  readonly result: FanoutResult;
  readonly complete: boolean;
}

/** Posts the approved digest to the SMT channel (summary, then one card per outcome) and closes the quarter. */
export async function publishDigest(
  deps: DigestDeps,
  input: {
    readonly actor: Actor;
    readonly cycleKey: string;
    readonly now: string;
    readonly holding: Holding;
  },
): Promise<PublishResult> {
  requireManager(input.actor, 'publish the digest');
  const { cycleKey, now, holding } = input;
  const by = input.actor.upn;
  const cycle = await cycleOrThrow(deps, cycleKey);
  const channel = await deps.people.smtChannel();
  if (!channel)
    throw new ValidationError(
      'No SMT channel is registered. In the SMT team channel, mention the bot with "register smt channel", then publish again.',
    );
  if (await deps.digests.published(cycle.key)) {
    // Published already (a close that failed afterwards): close it now; nothing is posted twice.
    await closeQuarter(deps, cycle.key);
    return { cards: 0, result: emptyResult(), complete: true };
  }
  const approval = await deps.digests.approval(cycle.key);
  if (!approval)
    throw new ValidationError(
      'The digest is not approved yet. Review it ("digest preview") and approve it, then publish.',
    );
  const late = await answersSinceApproval(deps, cycle, approval);
  if (late)
    throw new ValidationError(
      `${late} answer(s) arrived after the digest was approved, so it was not published: SMT sees only what a manager approved. Type "digest preview", check them, and approve again.`,
    );
  // Exactly what was approved: the record as it stood then.
  const digest = await loadDigest(deps, cycle, { asAt: approval.at });
  const cards = deps.cards.digest(digest, deps.zone, false, deps.service?.key ?? '');
  const messages: PlannedMessage[] = cards.map((card, i) => ({
    id: formatMessageId({ kind: 'digest', part: i + 1 }),
    recipient: 'smt-channel',
    kind: 'digest',
    conversation: channel.conversation,
    build: () => Promise.resolve({ card }),
  }));
  const result = await fanOut(deps, cycle.key, messages, () => now, {
    holder: holding.holder,
    stillHolding: holding.stillHolding,
  });
  const complete = isComplete(result) && result.failed.length === 0 && result.unreachable.length === 0;
  if (complete) {
    await deps.digests.markPublished(cycle.key, { by, at: now, asAt: approval.at });
    await closeQuarter(deps, cycle.key);
  }
  return { cards: cards.length, result, complete };
}

/**
 * The scheduled digest step: publish if approved; otherwise remind the service managers once that it is due.
 * Returns true when the step is complete.
 */
export async function digestStep(
  deps: DigestDeps,
  cycle: Cycle,
  now: string,
  holding: Holding,
): Promise<boolean> {
  if (await deps.digests.published(cycle.key)) {
    // A close that failed after publishing is made now: the published quarter takes no more answers.
    if (cycle.status !== 'closed') await closeQuarter(deps, cycle.key);
    return true;
  }
  const approval = await deps.digests.approval(cycle.key);
  const channel = await deps.people.smtChannel();
  const late = approval ? await answersSinceApproval(deps, cycle, approval) : 0;
  if (approval && channel && !late)
    return (await publishDigest(deps, { actor: systemActor('scheduler'), cycleKey: cycle.key, now, holding }))
      .complete;
  const why = !approval
    ? 'it is not approved yet: type "digest preview" to review and approve it'
    : late
      ? `${late} answer(s) arrived after it was approved: type "digest preview", check them, and approve again`
      : 'no SMT channel is registered: type "register smt channel" in that channel';
  const card = deps.cards.message({
    title: `Digest due: ${quarterIn(deps.service, cycle.label)}`,
    lines: [
      `The ${quarterIn(deps.service, cycle.label)} digest is due for the SMT channel, but ${why}. It is posted at the next minute after that.`,
    ],
  });
  const reminders: PlannedMessage[] = (await serviceManagers(deps)).map((sm) => ({
    id: formatMessageId({ kind: 'digest-due', recipient: sm }),
    recipient: sm,
    kind: 'digest-due',
    build: () => Promise.resolve({ card }),
  }));
  await fanOut(deps, cycle.key, reminders, () => now, { holder: holding.holder });
  return false;
}
