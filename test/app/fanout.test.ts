/** fanOut's outcomes, one row per case, on the in-memory stores (held to the Table adapters by test/store). */
import {
  fanOut,
  type FanoutOptions,
  type FanoutResult,
  type PlannedMessage,
} from '../../src/app/sending/fanout';
import type { Messenger, OutboxRow, SendOptions, SendResult, Stores } from '../../src/app/ports';
import { memoryStores } from '../../src/store/memory';
import { world } from '../support/world';

const CYCLE = '2016-17-Q1';
const NOW = '2016-07-01T08:00:00Z';
const UPN = 'area-ops.gravesham@example.org';

class ScriptedMessenger implements Messenger {
  readonly calls: { conversation: string; options: SendOptions | undefined }[] = [];
  constructor(private readonly answer: SendResult) {}
  send(conversation: string, _message: unknown, options?: SendOptions): Promise<SendResult> {
    this.calls.push({ conversation, options });
    return Promise.resolve(this.answer);
  }
}

const SENT: SendResult = { outcome: 'sent', activityId: 'act-1', conversationId: 'conv-1' };
const message = (n = 1, recipient = UPN): PlannedMessage => ({
  id: `chase|${recipient}|${n}`,
  recipient,
  kind: 'chase',
  build: () => Promise.resolve({ text: 'Your card' }),
});

/** Puts the row in a state as an earlier run would have left it. */
async function rowIn(
  stores: Stores,
  state: 'pending' | 'sending by another' | OutboxRow['status'],
  attempts = 0,
) {
  const row = await stores.outbox.ensure(CYCLE, message().id, UPN, 'chase', NOW);
  if (state === 'pending') return;
  const claimed = (await stores.outbox.claim(row, 'dead-holder', '2016-07-01T07:59:00Z'))!;
  for (let i = 1; i < attempts; i += 1) await stores.outbox.finish(claimed, { status: 'retrying' }, NOW);
  const again = attempts > 1 ? (await stores.outbox.get(CYCLE, row.id))! : claimed;
  const reclaimed = attempts > 1 ? (await stores.outbox.claim(again, 'dead-holder', NOW))! : claimed;
  if (state !== 'sending by another' && state !== 'sending')
    await stores.outbox.finish(reclaimed, { status: state, lastError: 'earlier' }, NOW);
}

interface Case {
  readonly name: string;
  readonly row?: Parameters<typeof rowIn>[1];
  readonly attempts?: number;
  readonly reachable?: boolean;
  readonly answer?: SendResult;
  readonly options?: Partial<FanoutOptions>;
  readonly bucket: keyof FanoutResult;
  readonly status: OutboxRow['status'];
  readonly sends: number;
  readonly lookFirst?: boolean;
}

const CASES: Case[] = [
  { name: 'pending, reachable: sent', bucket: 'sent', status: 'sent', sends: 1 },
  {
    name: 'sending by another holder, for a sender outside the lease: left alone',
    row: 'sending by another',
    options: { takeOverClaims: false },
    bucket: 'busy',
    status: 'sending',
    sends: 0,
  },
  {
    name: 'sending by a holder that lost the lease: taken over, looked for in the chat first',
    row: 'sending by another',
    bucket: 'sent',
    status: 'sent',
    sends: 1,
    lookFirst: true,
  },
  {
    name: 'not installed: unreachable, nothing sent',
    reachable: false,
    bucket: 'unreachable',
    status: 'unreachable',
    sends: 0,
  },
  {
    name: 'blocked the bot (403): unreachable',
    answer: { outcome: 'unreachable', code: 'removed', reason: 'blocked the bot' },
    bucket: 'unreachable',
    status: 'unreachable',
    sends: 1,
  },
  {
    name: 'throttled: retrying, for a later run',
    answer: { outcome: 'retry-later', error: '429' },
    bucket: 'retrying',
    status: 'retrying',
    sends: 1,
  },
  {
    name: 'throttled on its last run: failed',
    row: 'retrying',
    attempts: 2,
    options: { maxRuns: 3 },
    answer: { outcome: 'retry-later', error: '429' },
    bucket: 'failed',
    status: 'failed',
    sends: 1,
    lookFirst: true,
  },
  {
    name: 'refused for good: failed',
    answer: { outcome: 'failed', error: '400' },
    bucket: 'failed',
    status: 'failed',
    sends: 1,
  },
  { name: 'failed before: not sent again', row: 'failed', bucket: 'failed', status: 'failed', sends: 0 },
  {
    name: 'failed before, resend failed: sent',
    row: 'failed',
    options: { retryFailed: true },
    bucket: 'sent',
    status: 'sent',
    sends: 1,
  },
  { name: 'sent before: already done', row: 'sent', bucket: 'alreadyDone', status: 'sent', sends: 0 },
  {
    name: 'found in the chat after a crash: already done, not sent again',
    row: 'sending by another',
    answer: { ...SENT, foundInChat: true },
    bucket: 'alreadyDone',
    status: 'sent',
    sends: 1,
    lookFirst: true,
  },
];

describe('fanOut outcomes', () => {
  it.each(CASES)('$name', async (c) => {
    const stores = memoryStores();
    await stores.people.upsert(
      UPN,
      c.reachable === false ? { name: 'Gravesham' } : { conversation: 'conv:gravesham', reachable: true },
      NOW,
    );
    if (c.row) await rowIn(stores, c.row, c.attempts);
    const messenger = new ScriptedMessenger(c.answer ?? SENT);
    const result = await fanOut({ ...stores, messenger }, CYCLE, [message()], () => NOW, {
      holder: 'me',
      ...c.options,
    });
    const recipients = (result[c.bucket] as (string | { recipient: string })[]).map((x) =>
      typeof x === 'string' ? x : x.recipient,
    );
    expect(recipients).toEqual([UPN]);
    expect((await stores.outbox.get(CYCLE, message().id))?.status).toBe(c.status);
    expect(messenger.calls).toHaveLength(c.sends);
    if (c.sends)
      expect(messenger.calls[0]?.options?.mayAlreadyBeSentSince !== undefined).toBe(c.lookFirst ?? false);
    if (c.status === 'unreachable') expect((await stores.people.get(UPN))?.reachable).toBe(false);
  });

  it('lease lost mid-run: stops at the next check, the rest is left for the holder', async () => {
    const stores = memoryStores();
    const owners = Array.from({ length: 30 }, (_, i) => `owner${i}@example.org`);
    for (const upn of owners)
      await stores.people.upsert(upn, { conversation: `conv:${upn}`, reachable: true }, NOW);
    const messenger = new ScriptedMessenger(SENT);
    const result = await fanOut(
      { ...stores, messenger },
      CYCLE,
      owners.map((o) => message(1, o)),
      () => NOW,
      {
        holder: 'me',
        stillHolding: () => Promise.resolve(false),
      },
    );
    expect(result.sent).toHaveLength(24);
    expect(result.busy).toEqual(owners.slice(24));
    expect(messenger.calls).toHaveLength(24);
    const rows = await stores.outbox.list(CYCLE);
    // Rows are prepared a chunk at a time: those not reached stay pending for the next holder.
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(24);
    expect(
      rows
        .filter((r) => r.status === 'pending')
        .map((r) => r.recipient)
        .sort(),
    ).toEqual(owners.slice(24).sort());
  });

  it('two one-off senders outside the lease send each message once: the claim decides', async () => {
    const w = await world({ installAll: true });
    const recipients = [...new Set(w.plan.activities.map((a) => a.owner))];
    const messages = recipients.map((r) => message(1, r));
    const [a, b] = await Promise.all([
      fanOut(w.deps, CYCLE, messages, () => '2016-07-01T08:00:00Z', {
        holder: 'instance-a',
        takeOverClaims: false,
      }),
      fanOut(w.deps, CYCLE, messages, () => '2016-07-01T09:00:00Z', {
        holder: 'instance-b',
        takeOverClaims: false,
      }),
    ]);
    expect(a.sent.length + b.sent.length).toBe(recipients.length);
    expect(w.messenger.sent).toHaveLength(recipients.length);
    expect(new Set(w.messenger.sent.map((s) => s.conversation)).size).toBe(recipients.length);
  });
});
