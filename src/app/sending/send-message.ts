/**
 * One planned message through its outbox row: skip if done -> claim (conditional on the row's version) ->
 * send -> record a labelled result. The fan-out calls it for every message, many at once.
 */
import { createHash } from 'node:crypto';
import type { FanoutDeps, FanoutOptions, FanoutResult, PlannedMessage } from './fanout-types';
import type { Clock, OutboxRow, Person } from '../ports';

export interface SendContext {
  readonly deps: FanoutDeps;
  readonly cycleKey: string;
  readonly clock: Clock;
  readonly options: FanoutOptions;
  readonly result: FanoutResult;
  readonly maxRuns: number;
}

/** Whether this sender may claim the row (also the email fallback's rule). */
export function claimable(
  row: OutboxRow,
  options: Pick<FanoutOptions, 'holder' | 'retryFailed' | 'takeOverClaims'>,
): boolean {
  switch (row.status) {
    case 'pending':
    case 'retrying':
      return true;
    case 'failed':
      return options.retryFailed ?? false;
    case 'sending':
      return (options.takeOverClaims ?? true) && row.claimedBy !== options.holder;
    default:
      return false;
  }
}

/** Sends one message whose row was ensured; `person` is its recipient as read for this run. */
export async function sendMessage(
  ctx: SendContext,
  message: PlannedMessage,
  row: OutboxRow,
  person: Pick<Person, 'conversation' | 'reachable' | 'unreachableReason'> | undefined,
  /** The app is being installed for them and hit a temporary fault: try again in a later run. */
  installing?: string,
): Promise<void> {
  const { deps, result, clock } = ctx;
  const to = message.recipient;
  if (!claimable(row, ctx.options)) {
    if (row.status === 'sending') result.busy.push(to);
    else if (row.status === 'unreachable') result.unreachable.push({ recipient: to, reason: row.lastError });
    else if (row.status === 'failed') result.failed.push({ recipient: to, error: row.lastError });
    else result.alreadyDone.push(to);
    return;
  }
  if ((!person?.conversation || !person.reachable) && installing) {
    const claimed = await deps.outbox.claim(row, ctx.options.holder, clock());
    if (!claimed) return void result.busy.push(to);
    const last = claimed.attempts >= ctx.maxRuns;
    await deps.outbox.finish(
      claimed,
      { status: last ? 'unreachable' : 'retrying', lastError: installing },
      clock(),
    );
    if (last) result.unreachable.push({ recipient: to, reason: installing });
    else result.retrying.push(to);
    return;
  }
  if (!person?.conversation || !person.reachable) {
    const reason = person?.unreachableReason || 'has not installed the RAG Chaser app';
    await deps.outbox.finish(row, { status: 'unreachable', lastError: reason }, clock());
    result.unreachable.push({ recipient: to, reason });
    return;
  }
  const claimed = await deps.outbox.claim(row, ctx.options.holder, clock());
  if (!claimed) {
    result.busy.push(to);
    return;
  }
  const outbound = { ...(await message.build()), ref: deliveryRef(ctx.cycleKey, message.id) };
  const outcome = await deps.messenger.send(person.conversation, outbound, {
    mayAlreadyBeSentSince: mayAlreadyBeSentSince(row),
  });
  if (outcome.outcome === 'sent') {
    const lastError = outcome.foundInChat ? 'found in the chat: sent before a crash' : '';
    const { activityId, conversationId } = outcome;
    await deps.outbox.finish(claimed, { status: 'sent', activityId, conversationId, lastError }, clock());
    (outcome.foundInChat ? result.alreadyDone : result.sent).push(to);
  } else if (outcome.outcome === 'unreachable') {
    await deps.outbox.finish(claimed, { status: 'unreachable', lastError: outcome.reason }, clock());
    await deps.people.markUnreachable(to, outcome, clock());
    result.unreachable.push({ recipient: to, reason: outcome.reason });
  } else if (outcome.outcome === 'retry-later' && claimed.attempts < ctx.maxRuns) {
    await deps.outbox.finish(claimed, { status: 'retrying', lastError: outcome.error }, clock());
    result.retrying.push(to);
  } else {
    await deps.outbox.finish(claimed, { status: 'failed', lastError: outcome.error }, clock());
    result.failed.push({ recipient: to, error: outcome.error });
  }
}

/** The short reference a message's card carries, stable for one outbox row (shared/card-ref.ts). */
export function deliveryRef(cycleKey: string, messageId: string): string {
  return `rc-${createHash('sha256').update(`${cycleKey}\n${messageId}`).digest('hex').slice(0, 12)}`;
}

/**
 * Since when a row's message may already be in the chat: a claim left by a sender that died mid-send, or
 * a row an earlier run left retrying (its last attempt may have reached Teams without an answer).
 */
export function mayAlreadyBeSentSince(row: OutboxRow): string | undefined {
  if (row.status !== 'sending' && row.status !== 'retrying') return undefined;
  return row.claimedAt || row.updatedAt;
}
