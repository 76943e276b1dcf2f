/**
 * Sends one proactive message per recipient for a cycle step, through the outbox:
 * ensure row -> skip if already done -> claim (ETag) -> send -> record a labelled result.
 * Safe to run again after a crash or from two processes: a row is claimed by one sender only.
 */
import type { OutboxRepository, OutboxRow } from '../store/outbox-repository';
import type { Messenger, OutboundMessage, PeopleStore } from './ports';

export interface PlannedMessage {
  /** Stable id within the cycle, e.g. `chase|<upn>|1`. */
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
  /** Built only when the message is actually sent (so a resumed step sends current content). */
  readonly build: () => Promise<OutboundMessage>;
}

export interface FanoutResult {
  readonly sent: string[];
  readonly alreadyDone: string[];
  readonly unreachable: { readonly recipient: string; readonly reason: string }[];
  readonly failed: { readonly recipient: string; readonly error: string }[];
  readonly busy: string[];
}

export interface FanoutDeps {
  readonly outbox: OutboxRepository;
  readonly people: PeopleStore;
  readonly messenger: Messenger;
}

/** A claim older than this is taken to be from a sender that died. */
export const STALE_CLAIM_MS = 10 * 60 * 1000;

function claimable(row: OutboxRow, now: string, retryFailed: boolean): boolean {
  if (row.status === 'pending') return true;
  if (row.status === 'failed') return retryFailed;
  if (row.status === 'sending') return Date.parse(now) - Date.parse(row.claimedAt) > STALE_CLAIM_MS;
  return false;
}

export async function fanOut(
  deps: FanoutDeps,
  cycleKey: string,
  messages: readonly PlannedMessage[],
  now: () => string,
  options: { retryFailed?: boolean; onProgress?: (done: number, total: number) => void } = {},
): Promise<FanoutResult> {
  const result: FanoutResult = { sent: [], alreadyDone: [], unreachable: [], failed: [], busy: [] };
  let done = 0;
  for (const message of messages) {
    done += 1;
    const row = await deps.outbox.ensure(cycleKey, message.id, message.recipient, message.kind, now());
    if (!claimable(row, now(), options.retryFailed ?? false)) {
      if (row.status === 'sending') result.busy.push(message.recipient);
      else if (row.status === 'unreachable')
        result.unreachable.push({ recipient: message.recipient, reason: row.lastError });
      else if (row.status === 'failed')
        result.failed.push({ recipient: message.recipient, error: row.lastError });
      else result.alreadyDone.push(message.recipient);
      options.onProgress?.(done, messages.length);
      continue;
    }
    const person = await deps.people.get(message.recipient);
    if (!person?.conversation || !person.reachable) {
      const reason = person?.unreachableReason || 'has not installed the RAG Chaser app';
      await deps.outbox.finish(row, { status: 'unreachable', lastError: reason }, now());
      result.unreachable.push({ recipient: message.recipient, reason });
      options.onProgress?.(done, messages.length);
      continue;
    }
    const claimed = await deps.outbox.claim(row, now());
    if (!claimed) {
      result.busy.push(message.recipient);
      continue;
    }
    const outcome = await deps.messenger.send(person.conversation, await message.build());
    if (outcome.outcome === 'sent') {
      await deps.outbox.finish(
        claimed,
        {
          status: 'sent',
          activityId: outcome.activityId,
          conversationId: outcome.conversationId,
          lastError: '',
        },
        now(),
      );
      result.sent.push(message.recipient);
    } else if (outcome.outcome === 'unreachable') {
      await deps.outbox.finish(claimed, { status: 'unreachable', lastError: outcome.reason }, now());
      await deps.people.markUnreachable(message.recipient, outcome.reason, now());
      result.unreachable.push({ recipient: message.recipient, reason: outcome.reason });
    } else {
      await deps.outbox.finish(claimed, { status: 'failed', lastError: outcome.error }, now());
      result.failed.push({ recipient: message.recipient, error: outcome.error });
    }
    options.onProgress?.(done, messages.length);
  }
  const once = <T extends { recipient: string }>(list: T[]) => [
    ...new Map(list.map((x) => [x.recipient, x])).values(),
  ];
  return { ...result, unreachable: once(result.unreachable), failed: once(result.failed) };
}
