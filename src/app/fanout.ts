/**
 * Sends one proactive message per planned message of a cycle step, through the outbox:
 * ensure row -> skip if done -> claim (ETag) -> send -> record a labelled result.
 * Run under the send lease; safe to run again after a crash: a claim left by a holder that lost its lease
 * is taken over; its message is looked for in the chat first (through the messenger) so it is not sent twice.
 */
import { createHash } from 'node:crypto';
import type { AppDeps, Clock, OutboundMessage, OutboxRow } from './ports';

export interface PlannedMessage {
  /** Stable id within the cycle, e.g. `chase|<upn>|1`. */
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
  /** A conversation to post into instead of the recipient's 1:1 chat (e.g. the SMT channel). */
  readonly conversation?: string;
  /** Built only when the message is actually sent (so a resumed step sends current content). */
  readonly build: () => Promise<OutboundMessage>;
}

export interface FanoutResult {
  readonly sent: string[];
  readonly alreadyDone: string[];
  readonly unreachable: { readonly recipient: string; readonly reason: string }[];
  readonly failed: { readonly recipient: string; readonly error: string }[];
  /** Temporary failures (throttled, 5xx): sent again by a later run. */
  readonly retrying: string[];
  /** Claimed by another live sender. */
  readonly busy: string[];
}

/** A fresh result with nothing in it (new arrays each time: fanOut fills them in). */
export function emptyResult(): FanoutResult {
  return { sent: [], alreadyDone: [], unreachable: [], failed: [], retrying: [], busy: [] };
}

export type FanoutDeps = Pick<AppDeps, 'outbox' | 'people' | 'messenger'>;

export interface FanoutOptions {
  /** Who is sending: the send-lease holder, or a one-off sender (a hand-over). */
  readonly holder: string;
  /**
   * Take over a claim left by another holder: under the send lease, such a claim is that of a sender that
   * lost the lease (it died, or stalled past the lease's expiry), and its message is looked for in the chat
   * before it is sent again. A one-off sender outside the lease (a hand-over) sets false: it never takes a
   * claim that a live sender may still be sending, so two such senders send each message once. @default true
   */
  readonly takeOverClaims?: boolean;
  /** Send rows marked failed again (`resend failed`). */
  readonly retryFailed?: boolean;
  /** Runs a temporarily failing message is tried in before it is marked failed. @default 10 */
  readonly maxRuns?: number;
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked between messages; false = we lost the lease, stop. */
  readonly stillHolding?: () => Promise<boolean>;
}

function claimable(row: OutboxRow, options: FanoutOptions): boolean {
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

export async function fanOut(
  deps: FanoutDeps,
  cycleKey: string,
  messages: readonly PlannedMessage[],
  clock: Clock,
  options: FanoutOptions,
): Promise<FanoutResult> {
  const result = emptyResult();
  const maxRuns = options.maxRuns ?? deps.messenger.maxRuns ?? 10;
  let done = 0;
  for (const message of messages) {
    done += 1;
    if (options.stillHolding && done % 25 === 0 && !(await options.stillHolding())) {
      result.busy.push(...messages.slice(done - 1).map((m) => m.recipient));
      break;
    }
    const row = await deps.outbox.ensure(cycleKey, message.id, message.recipient, message.kind, clock());
    if (!claimable(row, options)) {
      if (row.status === 'sending') result.busy.push(message.recipient);
      else if (row.status === 'unreachable')
        result.unreachable.push({ recipient: message.recipient, reason: row.lastError });
      else if (row.status === 'failed')
        result.failed.push({ recipient: message.recipient, error: row.lastError });
      else result.alreadyDone.push(message.recipient);
      options.onProgress?.(done, messages.length);
      continue;
    }
    const person = message.conversation
      ? { conversation: message.conversation, reachable: true, unreachableReason: '' }
      : await deps.people.get(message.recipient);
    if (!person?.conversation || !person.reachable) {
      const reason = person?.unreachableReason || 'has not installed the RAG Chaser app';
      await deps.outbox.finish(row, { status: 'unreachable', lastError: reason }, clock());
      result.unreachable.push({ recipient: message.recipient, reason });
      options.onProgress?.(done, messages.length);
      continue;
    }
    const claimed = await deps.outbox.claim(row, options.holder, clock());
    if (!claimed) {
      result.busy.push(message.recipient);
      continue;
    }
    const outbound = { ...(await message.build()), ref: deliveryRef(cycleKey, message.id) };
    const outcome = await deps.messenger.send(person.conversation, outbound, {
      mayAlreadyBeSentSince: mayAlreadyBeSentSince(row),
    });
    if (outcome.outcome === 'sent') {
      await deps.outbox.finish(
        claimed,
        {
          status: 'sent',
          activityId: outcome.activityId,
          conversationId: outcome.conversationId,
          lastError: outcome.foundInChat ? 'found in the chat: sent before a crash' : '',
        },
        clock(),
      );
      (outcome.foundInChat ? result.alreadyDone : result.sent).push(message.recipient);
    } else if (outcome.outcome === 'unreachable') {
      await deps.outbox.finish(claimed, { status: 'unreachable', lastError: outcome.reason }, clock());
      await deps.people.markUnreachable(message.recipient, outcome.reason, clock());
      result.unreachable.push({ recipient: message.recipient, reason: outcome.reason });
    } else if (outcome.outcome === 'retry-later' && claimed.attempts < maxRuns) {
      await deps.outbox.finish(claimed, { status: 'retrying', lastError: outcome.error }, clock());
      result.retrying.push(message.recipient);
    } else {
      await deps.outbox.finish(claimed, { status: 'failed', lastError: outcome.error }, clock());
      result.failed.push({ recipient: message.recipient, error: outcome.error });
    }
    options.onProgress?.(done, messages.length);
  }
  const once = <T extends { recipient: string }>(list: T[]) => [
    ...new Map(list.map((x) => [x.recipient, x])).values(),
  ];
  return { ...result, unreachable: once(result.unreachable), failed: once(result.failed) };
}

/** The short reference a message's card carries, stable for one outbox row (cards/ref.ts). */
export function deliveryRef(cycleKey: string, messageId: string): string {
  return `rc-${createHash('sha256').update(`${cycleKey}\n${messageId}`).digest('hex').slice(0, 12)}`;
}

/**
 * Since when a row's message may already be in the chat: a claim left by a sender that died mid-send, or
 * a row an earlier run left retrying (its last attempt may have reached Teams without an answer).
 */
function mayAlreadyBeSentSince(row: OutboxRow): string | undefined {
  if (row.status !== 'sending' && row.status !== 'retrying') return undefined;
  return row.claimedAt || row.updatedAt;
}

/** True when nothing of the step is left to send (every message sent, unreachable or failed). */
export function isComplete(result: FanoutResult): boolean {
  return result.retrying.length === 0 && result.busy.length === 0;
}
