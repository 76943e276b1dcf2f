/**
 * A published quarter never changes: no review or approval after publishing, nothing published that a
 * manager did not approve (an answer after approval needs approving again), a close that failed after
 * publishing made at the next tick, and closing never undone by a step written from a stale read.
 */
import { manager } from '../support/actors';
import {
  approveDigest,
  loadDigest,
  publishDigest,
  reviewSupportingOutcome,
} from '../../src/app/digest/digest';
import { withSendLease } from '../../src/app/sending/send-lease';
import { submitReturn } from '../../src/app/returns/submit-return';
import { tick } from '../../src/app/cycle/tick';
import { renderReport } from '../../src/report/report';
import { cardText } from '../support/adaptive-cards';
import { freshStores, world } from '../support/world';

const SM = 'svc@example.org';
const Q1 = '2016-17-Q1';

async function quarterReadyToPublish() {
  const w = await world({ installAll: true });
  const deps = { ...w.deps, serviceManagers: [SM] };
  await w.people.upsert(SM, { conversation: 'conv:svc', reachable: true }, '2016-06-01T00:00:00Z');
  await w.people.setSmtChannel({
    conversation: 'conv:smt',
    name: 'SMT',
    registeredBy: SM,
    registeredAt: '2016-06-01T00:00:00Z',
  });
  await tick(deps, '2016-07-01T08:00:00Z', w.lease);
  const answer = (item: string, by: string, rag: string, now: string) =>
    submitReturn(w.deps, {
      cycleKey: Q1,
      item,
      by,
      serviceManager: false,
      answer: { rag, commentary: `${rag} at ${now}` },
      now,
    });
  await answer('a:LRA-1.1.03', 'area-ops.maidstone@example.org', 'amber', '2016-07-05T10:00:00Z');
  return { w, deps, answer };
}
const publish = (w: Awaited<ReturnType<typeof world>>, deps: typeof w.deps, now: string) =>
  withSendLease(w.lease, (holding) =>
    publishDigest(deps, { actor: manager(SM), cycleKey: Q1, now: now, holding: holding }),
  );

describe('the published record', () => {
  it('publishes only what was approved: an answer after approval stops it until approved again', async () => {
    const { w, deps, answer } = await quarterReadyToPublish();
    await approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' });
    await answer('a:LRA-1.1.01', 'area-ops.gravesham@example.org', 'red', '2016-07-13T10:00:00Z');
    await expect(publish(w, deps, '2016-07-13T11:00:00Z')).rejects.toThrow(
      /1 answer\(s\) arrived after the digest was approved/,
    );
    // The scheduled step does not post it either: the managers are told why.
    const due = await tick(deps, '2016-07-18T08:00:00Z', w.lease);
    expect(due.steps.find((s) => s.step === 'digest')?.complete).toBe(false);
    expect(w.messenger.to('conv:smt')).toHaveLength(0);
    expect(cardText(w.messenger.to('conv:svc').at(-1)?.message.card)).toMatch(
      /1 answer\(s\) arrived after it was approved/,
    );
    await approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-18T09:00:00Z' });
    expect((await publish(w, deps, '2016-07-18T09:05:00Z'))?.complete).toBe(true);
    expect(cardText(w.messenger.to('conv:smt')[0]?.message.card)).toMatch(/Red 1/);
  });

  it('refuses a review or an approval once published; the report and digest stay byte for byte', async () => {
    const { w, deps } = await quarterReadyToPublish();
    await approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' });
    expect((await publish(w, deps, '2016-07-12T10:00:00Z'))?.complete).toBe(true);
    const cycle = (await w.cycles.get(Q1))!;
    const before = renderReport(await loadDigest(deps, cycle), 'md', w.zone);
    const so = (await loadDigest(deps, cycle)).outcomes[0]!.supportingOutcomes[0]!;
    await expect(
      reviewSupportingOutcome(deps, {
        actor: manager(SM),
        cycleKey: Q1,
        soId: so.id,
        review: { commentary: 'Rewritten afterwards' },
        now: '2016-07-20T09:00:00Z',
      }),
    ).rejects.toThrow(/published to SMT on .*: it is the record now, and a review no longer changes it/);
    await expect(
      approveDigest(deps, {
        actor: manager('someone@example.org'),
        cycleKey: Q1,
        now: '2016-07-20T09:00:00Z',
      }),
    ).rejects.toThrow(/an approval no longer/);
    expect(renderReport(await loadDigest(deps, cycle), 'md', w.zone)).toBe(before);
  });

  it('a close that failed after publishing is made at the next tick; nothing is posted twice', async () => {
    const { w, deps } = await quarterReadyToPublish();
    await approveDigest(deps, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' });
    // Published, then the process died before the quarter was closed.
    const failingClose = {
      ...deps,
      cycles: new Proxy(deps.cycles, {
        get: (t, p) =>
          p === 'update'
            ? () => Promise.reject(new Error('storage went away'))
            : (Reflect.get(t, p) as unknown),
      }),
    };
    await expect(publish(w, failingClose, '2016-07-12T10:00:00Z')).rejects.toThrow(/storage went away/);
    expect(await w.digests.published(Q1)).toBeDefined();
    expect((await w.cycles.get(Q1))?.status).toBe('open');
    const posted = w.messenger.to('conv:smt').length;
    await tick(deps, '2016-07-12T10:01:00Z', w.lease);
    expect((await w.cycles.get(Q1))?.status).toBe('closed');
    expect(w.messenger.to('conv:smt')).toHaveLength(posted);
  });
});

describe.each(['memory', 'azurite'] as const)('cycle changes on fresh reads: %s', (storage) => {
  it('a step marked done from a stale copy never reopens a closed quarter; concurrent changes all land', async () => {
    const { stores, drop } = await freshStores(storage);
    try {
      const cycle = {
        key: Q1,
        label: '2016/17 Q1',
        quarter: { startYear: 2016, q: 1 as const },
        status: 'open' as const,
        completed: [] as string[],
      };
      await stores.cycles.create(cycle as never);
      await Promise.all([
        ...['chase', 'reminder-5', 'reminder-1', 'escalate'].map((step) =>
          stores.cycles.update(Q1, (c) => ({ ...c, completed: [...c.completed, step] })),
        ),
        stores.cycles.update(Q1, (c) => ({ ...c, status: 'closed' })),
      ]);
      const stored = await stores.cycles.get(Q1);
      expect(stored?.status).toBe('closed');
      expect([...(stored?.completed ?? [])].sort()).toEqual([
        'chase',
        'escalate',
        'reminder-1',
        'reminder-5',
      ]);
      expect(await stores.cycles.update('2099-00-Q1', (c) => c)).toBeUndefined();
    } finally {
      await drop();
    }
  });
});

describe("the published digest's Committee report button", () => {
  it('carries the service it was published for', async () => {
    const { w, deps } = await quarterReadyToPublish();
    const inLra = { ...deps, service: { key: 'lra', name: 'Libraries', shown: true, first: true } };
    await approveDigest(inLra, { actor: manager(SM), cycleKey: Q1, now: '2016-07-12T09:00:00Z' });
    await withSendLease(w.lease, (holding) =>
      publishDigest(inLra, {
        actor: manager(SM),
        cycleKey: Q1,
        now: '2016-07-12T10:00:00Z',
        holding: holding,
      }),
    );
    const summary = w.messenger.to('conv:smt')[0]?.message.card as {
      actions?: { data?: { service?: string; command?: string } }[];
    };
    expect(summary.actions?.[0]?.data).toMatchObject({ command: 'report 2016/17 Q1', service: 'lra' });
  });
});
