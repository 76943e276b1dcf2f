/**
 * Sends one proactive message per planned message of a cycle step, through the outbox (send-message.ts:
 * claim, send, record). Run under the send lease; safe to run again after a crash: a claim left by a holder
 * that lost its lease is taken over; its message is looked for in the chat first, so it is not sent twice.
 */
import { reachRecipients } from './reach';
import {
  emptyResult,
  type FanoutDeps,
  type FanoutOptions,
  type FanoutResult,
  type PlannedMessage,
} from './fanout-types';
import type { Clock, OutboxRow, Person } from '../ports';
import { sendMessage, type SendContext } from './send-message';

export { deliveryRef } from './send-message';
export * from './fanout-types';

/** Rows are prepared this many at a time: one entity-group transaction. */
const CHUNK = 100;

/**
 * Sends the messages through the outbox, many at once. Messages may be produced as they are consumed (a
 * generator that renders each owner's card when its turn comes), so the first card goes out at once and a
 * large fan-out never holds every card in memory. Rows are prepared a chunk at a time (`ensureMany`, one
 * transaction per 100) with their recipients read together; then up to `concurrency` recipients are sent
 * to at once, each recipient's own messages (the parts of a long card) one after another, in order. The
 * messenger paces every send to Teams' limits; correctness rests on the claims, not on the order.
 */
export async function fanOut(
  deps: FanoutDeps,
  cycleKey: string,
  messages: Iterable<PlannedMessage>,
  clock: Clock,
  options: FanoutOptions,
): Promise<FanoutResult> {
  const result = emptyResult();
  const ctx: SendContext = {
    deps,
    cycleKey,
    clock,
    options,
    result,
    maxRuns: options.maxRuns ?? deps.messenger.maxRuns ?? 10,
  };
  const concurrency = options.concurrency ?? 24;
  const total = Array.isArray(messages) ? messages.length : (options.expected ?? 0);
  const inFlight = new Set<Promise<void>>();
  let started = 0;
  let done = 0;
  let stopped = false;
  const iterator = messages[Symbol.iterator]();
  // A large fan-out reads everyone once (one paged scan); a small one reads its recipients a chunk at a time.
  let everyone: Promise<Map<string, Person>> | undefined;
  const recipients = (chunk: readonly PlannedMessage[]) => {
    const upns = [...new Set(chunk.filter((m) => !m.conversation).map((m) => m.recipient))];
    if (total <= CHUNK) return deps.people.many(upns);
    everyone ??= deps.people.all().then((all) => new Map(all.map((p) => [p.upn, p])));
    return everyone;
  };
  for (let chunk = await take(iterator, CHUNK); chunk.length > 0; chunk = await take(iterator, CHUNK)) {
    if (stopped) {
      result.busy.push(...chunk.map((m) => m.recipient));
      continue;
    }
    const rows = await deps.outbox.ensureMany(cycleKey, chunk, clock());
    const people = await recipients(chunk);
    const reached = await reachRecipients(deps, chunk, people, clock());
    result.left.push(...reached.left);
    await options.prepare?.([...new Set(chunk.map((m) => m.recipient))]);
    for (const group of byDestination(chunk, rows)) {
      const first = started + 1;
      started += group.length;
      // Every 25 messages: still holding the lease? If not, the rest is left for the holder.
      const check = Math.floor(started / 25) > Math.floor((first - 1) / 25);
      if (stopped || (check && options.stillHolding && !(await options.stillHolding()))) {
        stopped = true;
        result.busy.push(...group.map(([m]) => m.recipient));
        continue;
      }
      while (inFlight.size >= concurrency) await Promise.race(inFlight);
      const task = (async () => {
        for (const [message, row] of group) {
          const person = message.conversation
            ? {
                conversation: message.conversation,
                reachable: true,
                unreachableReason: '',
                unreachableCode: '',
              }
            : people.get(message.recipient.toLowerCase());
          await sendMessage(
            ctx,
            message,
            row,
            person,
            reached.retryLater.get(message.recipient.toLowerCase()),
          );
          done += 1;
          options.onProgress?.(done, Math.max(total, done));
        }
      })().finally(() => inFlight.delete(task));
      inFlight.add(task);
    }
  }
  await Promise.all(inFlight);
  const once = <T extends { recipient: string }>(list: T[]) => [
    ...new Map(list.map((x) => [x.recipient, x])).values(),
  ];
  return { ...result, unreachable: once(result.unreachable), failed: once(result.failed) };
}

/** Up to `n` messages from the iterator, letting timers and I/O run between them (building is CPU work). */
async function take(iterator: Iterator<PlannedMessage>, n: number): Promise<PlannedMessage[]> {
  const chunk: PlannedMessage[] = [];
  while (chunk.length < n) {
    const next = iterator.next();
    if (next.done) break;
    chunk.push(next.value);
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return chunk;
}

/** Consecutive messages to the same destination, kept together so that they go in order. */
function byDestination(chunk: readonly PlannedMessage[], rows: readonly OutboxRow[]) {
  const groups: [PlannedMessage, OutboxRow][][] = [];
  let key = '';
  chunk.forEach((message, i) => {
    const row = rows[i];
    if (!row) throw new Error(`no outbox row for ${message.id}`);
    const k = `${message.recipient}\n${message.conversation ?? ''}`;
    if (k !== key || groups.length === 0) groups.push([]);
    key = k;
    groups.at(-1)?.push([message, row]);
  });
  return groups;
}

/** True when nothing of the step is left to send (every message sent, unreachable or failed). */
export function isComplete(result: FanoutResult): boolean {
  return result.retrying.length === 0 && result.busy.length === 0;
}
