import { diffPlans } from '../../src/domain/plan-diff';
import type { Activity, Measure, Plan } from '../../src/domain/plan';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { eachAdapter } from './adapters';

const activity = (id: string, order: number, text = `Activity ${id}`): Activity => ({
  id,
  outcome: 'Outcome 1',
  supportingOutcome: 'Supporting outcome 1.1',
  function: 'Archives',
  text,
  justification: 'Because',
  districts: ['Dover', 'Thanet'],
  priorityRefs: ['A1'],
  owner: 'archives@example.org',
  deputy: undefined,
  manager: 'head.archives@example.org',
  order,
});
const kpi: Measure = {
  ref: 'LRA06',
  description: 'Visits',
  kind: 'kpi',
  unit: 'count',
  direction: 'higher',
  floor: 10,
  target: 20,
  owner: 'registration@example.org',
  order: 1,
};
const plan = (activities: Activity[], measures: Measure[] = [kpi]): Plan => ({
  name: 'Plan',
  activities,
  measures,
});

eachAdapter('PlanStore', (stores) => {
  it('has no plan before the first import', async () => {
    expect(await stores().plans.load()).toBeUndefined();
    expect(await stores().plans.snapshot()).toBeUndefined();
  });

  it('keeps what was applied, in plan order, and reports progress to the end', async () => {
    const next = plan([activity('B', 2), activity('A', 1)]);
    const progress: number[][] = [];
    await stores().plans.apply(diffPlans(undefined, next), '2016-06-01T00:00:00Z', (d, t) =>
      progress.push([d, t]),
    );
    const loaded = await stores().plans.load();
    expect(loaded?.name).toBe('Plan');
    expect(loaded?.activities.map((a) => a.id)).toEqual(['A', 'B']);
    expect(loaded?.activities[0]).toEqual(activity('A', 1));
    expect(loaded?.measures).toEqual([kpi]);
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('a re-import updates in place and keeps retired items apart, for past quarters', async () => {
    const first = plan([activity('A', 1), activity('B', 2)]);
    await stores().plans.apply(diffPlans(undefined, first), '2016-06-01T00:00:00Z');
    const second = { ...plan([activity('A', 1, 'Changed text')], []), name: 'Plan v2' };
    await stores().plans.apply(diffPlans(first, second), '2016-06-02T00:00:00Z');
    const snapshot = await stores().plans.snapshot();
    expect(snapshot?.plan.name).toBe('Plan v2');
    expect(snapshot?.plan.activities.map((a) => a.text)).toEqual(['Changed text']);
    expect(snapshot?.plan.measures).toEqual([]);
    expect(snapshot?.retired.activities.map((a) => a.id)).toEqual(['B']);
    expect(snapshot?.retired.measures.map((m) => m.ref)).toEqual(['LRA06']);
  });

  it('remembers the newest plan file previewed in chat', async () => {
    const p = stores().plans;
    expect(await p.latestUpload()).toBeUndefined();
    const upload = (id: string) => ({
      id,
      by: 'manager@example.org',
      planFingerprint: 'none',
      files: [
        {
          name: 'plan.xlsx',
          url: `https://contoso-my.sharepoint.com/${id}?tempauth=x`,
          sha256: 'a'.repeat(64),
        },
      ],
    });
    await p.setLatestUpload(upload('up-1'));
    await p.setLatestUpload(upload('up-2'));
    expect(await p.latestUpload()).toEqual(upload('up-2'));
    await p.setLatestUpload({ ...upload('up-2'), done: true });
    expect((await p.latestUpload())?.done).toBe(true);
  });

  it('the schedule is the default until set; the roll-up rule is majority until set', async () => {
    expect(await stores().plans.schedule()).toEqual(DEFAULT_SCHEDULE);
    expect(await stores().plans.rollUpRule()).toBe('majority');
    const changed = { ...DEFAULT_SCHEDULE, deadlineAfterQuarterEnd: 12, remindersBeforeDeadline: [3] };
    await stores().plans.setSchedule(changed, 'svc@example.org', '2016-06-01T00:00:00Z');
    await stores().plans.setRollUpRule('worst');
    expect(await stores().plans.schedule()).toEqual(changed);
    expect(await stores().plans.rollUpRule()).toBe('worst');
  });
});
