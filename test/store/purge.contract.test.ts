/**
 * `purge` as a use case over the stores' ports, held to the same result on both adapters: the quarters
 * before the one given go with their answers, history, messages and digest rows; the rest stays; a dry
 * run only counts.
 */
import { purgeBefore } from '../../src/app/cycle/purge';
import { planCycle } from '../../src/domain/cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import type { Stores } from '../../src/app/ports';
import { eachAdapter } from './adapters';

const NOW = '2016-10-03T08:00:00Z';

async function quarter(stores: Stores, q: string, items: string[]) {
  const cycle = planCycle(parseQuarter(q), DEFAULT_SCHEDULE, 'Europe/London', NOW, 'scheduler');
  await stores.cycles.create(cycle);
  for (const [i, item] of items.entries()) {
    await stores.returns.save(
      cycle.key,
      {
        item: `a:${item}`,
        rag: 'green',
        commentary: `On track ${i}`,
        submittedBy: 'stock@example.org',
        submittedAt: NOW,
        late: false,
        version: 1,
      },
      undefined,
    );
    await stores.outbox.ensure(
      cycle.key,
      `chase|owner${i}@example.org|1`,
      `owner${i}@example.org`,
      'chase',
      NOW,
    );
  }
  await stores.digests.saveReview(cycle.key, 'SO1', {
    commentary: 'Fine',
    by: 'svc@example.org',
    at: NOW,
  });
  return cycle;
}

eachAdapter('purge', (stores) => {
  it('removes only the quarters before the one given, with every row they had; a dry run removes nothing', async () => {
    const s = stores();
    const q4 = await quarter(s, '2015/16-Q4', ['LRA-1.1.01', 'LRA-1.1.02']);
    const q1 = await quarter(s, '2016/17-Q1', ['LRA-1.1.01']);
    const q2 = await quarter(s, '2016/17-Q2', ['LRA-1.1.03']);

    const dry = await purgeBefore(s, { before: parseQuarter('2016/17-Q2'), dryRun: true });
    expect(dry.map((d) => [d.label, d.answers, d.messages, d.digestRows])).toEqual([
      [q4.label, 2, 2, 1],
      [q1.label, 1, 1, 1],
    ]);
    for (const d of dry) expect(d.returnRows).toBeGreaterThanOrEqual(d.answers * 2); // each answer has its history
    expect((await s.cycles.all()).map((c) => c.key)).toEqual([q4.key, q1.key, q2.key]);
    expect((await s.returns.list(q4.key)).length).toBe(2);

    const done = await purgeBefore(s, { before: parseQuarter('2016/17-Q2'), dryRun: false });
    expect(done).toEqual(dry);
    expect((await s.cycles.all()).map((c) => c.key)).toEqual([q2.key]);
    for (const key of [q4.key, q1.key]) {
      expect((await s.returns.list(key)).length).toBe(0);
      expect(await s.returns.history(key)).toEqual([]);
      expect(await s.outbox.list(key)).toEqual([]);
      expect((await s.digests.reviews(key)).size).toBe(0);
    }
    // The quarter kept is whole.
    expect((await s.returns.list(q2.key)).length).toBe(1);
    expect(await s.outbox.list(q2.key)).toHaveLength(1);
    expect(await purgeBefore(s, { before: parseQuarter('2016/17-Q2'), dryRun: false })).toEqual([]);
  });
});
