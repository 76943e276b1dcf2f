import { planCycle } from '../../src/domain/cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { eachAdapter } from './adapters';

const cycleOf = (q: string, now = '2016-07-01T08:00:00Z') =>
  planCycle(parseQuarter(q), DEFAULT_SCHEDULE, 'Europe/London', now, 'scheduler');

eachAdapter('CycleStore', (stores) => {
  it('creates a cycle once: a second create returns the stored one', async () => {
    const first = cycleOf('2016/17-Q1');
    expect(await stores().cycles.create(first)).toEqual({ cycle: first, created: true });
    const again = await stores().cycles.create(cycleOf('2016/17-Q1', '2016-07-02T08:00:00Z'));
    expect(again).toEqual({ cycle: first, created: false });
    expect(await stores().cycles.get(first.key)).toEqual(first);
    expect(await stores().cycles.get('2099-00-Q1')).toBeUndefined();
  });

  it('lists cycles oldest quarter first; the current one is the latest open; save replaces', async () => {
    const q4 = cycleOf('2015/16-Q4', '2016-04-01T08:00:00Z');
    const q1 = cycleOf('2016/17-Q1');
    const q2 = cycleOf('2016/17-Q2', '2016-10-03T08:00:00Z');
    for (const c of [q2, q4, q1]) await stores().cycles.create(c);
    expect((await stores().cycles.all()).map((c) => c.key)).toEqual([q4.key, q1.key, q2.key]);
    expect((await stores().cycles.current())?.key).toBe(q2.key);
    await stores().cycles.update(q2.key, (c) => ({ ...c, status: 'closed', completed: ['chase', 'digest'] }));
    expect((await stores().cycles.current())?.key).toBe(q1.key);
    expect((await stores().cycles.get(q2.key))?.completed).toEqual(['chase', 'digest']);
  });
});
