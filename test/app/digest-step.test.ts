import { manager } from '../support/actors';
import { approveDigest } from '../../src/app/digest/digest';
import { tick } from '../../src/app/cycle/tick';
import { submitReturn } from '../../src/app/returns/submit-return';
import { cardText } from '../support/adaptive-cards';
import { world } from '../support/world';

describe('the scheduled digest step (Azurite, injected clock)', () => {
  it('waits for approval, then posts to the SMT channel at the next tick and closes the quarter; never twice', async () => {
    const w = await world({ installAll: true });
    const deps = { ...w.deps, serviceManagers: ['svc@example.org'] };
    await w.people.upsert(
      'svc@example.org',
      { conversation: 'conv:svc', reachable: true },
      '2016-06-01T00:00:00Z',
    );
    await tick(deps, '2016-07-01T08:00:00Z', w.lease);
    await submitReturn(w.deps, {
      cycleKey: '2016-17-Q1',
      item: 'a:LRA-1.1.03',
      by: 'area-ops.maidstone@example.org',
      serviceManager: false,
      answer: { rag: 'amber', commentary: 'Two schools closed early' },
      now: '2016-07-05T10:00:00Z',
    });

    const due = await tick(deps, '2016-07-18T08:00:00Z', w.lease);
    expect(due.steps.find((s) => s.step === 'digest')?.complete).toBe(false);
    expect(w.messenger.to('conv:smt')).toHaveLength(0);
    expect(cardText(w.messenger.to('conv:svc').at(-1)?.message.card)).toMatch(
      /Digest due: 2016\/17 Q1[\s\S]*not approved yet/,
    );

    await w.people.setSmtChannel({
      conversation: 'conv:smt',
      name: 'SMT',
      registeredBy: 'svc@example.org',
      registeredAt: '2016-07-18T09:00:00Z',
    });
    await approveDigest(
      { ...deps, digests: w.digests },
      { actor: manager('svc@example.org'), cycleKey: '2016-17-Q1', now: '2016-07-18T09:30:00Z' },
    );
    const next = await tick(deps, '2016-07-18T09:31:00Z', w.lease);
    expect(next.steps.find((s) => s.step === 'digest')?.complete).toBe(true);
    const posted = w.messenger.to('conv:smt').map((m) => cardText(m.message.card));
    expect(posted[0]).toMatch(/2016\/17 Q1 digest[\s\S]*Approved by svc@example.org[\s\S]*▲ Amber 1/);
    expect(posted.slice(1).every((t) => /^Outcome \d/.test(t))).toBe(true);
    expect((await w.cycles.get('2016-17-Q1'))?.status).toBe('closed');
    expect((await w.digests.published('2016-17-Q1'))?.by).toBe('scheduler');

    const count = w.messenger.sent.length;
    await tick(deps, '2016-07-18T09:32:00Z', w.lease);
    await tick(deps, '2016-07-19T09:00:00Z', w.lease);
    expect(w.messenger.sent.length).toBe(count);
    await w.drop();
  }, 60_000);
});
