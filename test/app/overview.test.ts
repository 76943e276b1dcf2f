/** The manager's overview: progress per outcome, owners grouped by how long ago they were chased. */
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { overview } from '../../src/app/cycle/overview';
import { submitReturn } from '../../src/app/returns/submit-return';
import { tick } from '../../src/app/cycle/tick';
import { world } from '../support/world';

it('counts per outcome, and groups who still owes by their last chase or reminder', async () => {
  const w = await world({ installAll: true });
  await w.people.markUnreachable(
    'area-ops.dover@example.org',
    { code: 'removed', reason: 'blocked the bot' },
    '2016-06-30T00:00:00Z',
  );
  await tick(w.deps, '2016-07-01T08:00:00Z', w.lease);
  const mine = w.plan.activities.filter((a) => a.owner === 'area-ops.gravesham@example.org');
  for (const a of mine)
    await submitReturn(w.deps, {
      cycleKey: '2016-17-Q1',
      item: `a:${a.id}`,
      by: 'area-ops.gravesham@example.org',
      serviceManager: false,
      answer: { rag: 'green', commentary: 'Done' },
      now: '2016-07-16T09:00:00Z', // after the deadline: late
    });
  const at = async (now: string) => {
    if (now >= '2016-07-07T08:00:00Z') await tick(w.deps, '2016-07-07T08:00:00Z', w.lease);
    const state = await loadCycleState(w.deps, (await w.cycles.get('2016-17-Q1'))!);
    const people = new Map((await w.people.all()).map((p) => [p.upn, p]));
    return overview(state, people, await w.outbox.list('2016-17-Q1'), now, 'Europe/London');
  };
  const early = await at('2016-07-06T09:00:00Z');
  expect(early.answered).toBe(mine.length);
  expect(early.late).toBe(mine.length);
  expect(early.outcomes.reduce((n, o) => n + o.answered + o.outstanding, 0)).toBe(w.plan.activities.length);
  const outcome1 = early.outcomes.find((o) => o.number === 1)!;
  expect(outcome1.answered).toBe(mine.filter((a) => a.outcome === outcome1.title).length);
  expect(early.waiting.map((g) => g.label)).toEqual([
    'Last chased 2 to 6 days ago',
    'Not chased yet (not reachable when the quarter opened)',
  ]);
  expect(early.waiting[1]!.owners.map((o) => o.upn)).toEqual(['area-ops.dover@example.org']);
  expect(early.waiting[0]!.owners.some((o) => o.upn === 'area-ops.gravesham@example.org')).toBe(false);
  expect(early.unreachable).toEqual([
    {
      upn: 'area-ops.dover@example.org',
      reason: 'unreachable: blocked the bot: ask them to add RAG Chaser again in Teams (Apps > RAG Chaser)',
    },
  ]);
  // The reminder on 7 July is a chase too: those reminded move to "today or yesterday".
  const later = await at('2016-07-08T09:00:00Z');
  expect(later.waiting.map((g) => g.label)[0]).toBe('Chased today or yesterday');
  const late = await at('2016-07-15T09:00:00Z');
  expect(late.waiting.map((g) => g.label)[0]).toBe('Last chased 7 days ago or more');
  await w.drop();
});
