import { importPlan } from '../../src/app/plan/import-plan';
import { readImportFile } from '../../src/files/read-table';
import { ValidationError } from '../../src/domain/errors';
import { outline } from '../../src/domain/plan';
import type { PlanStore } from '../../src/app/ports';
import { MemoryPlanStore } from '../../src/store/memory/plan-store';
import { csv, sampleFile } from '../support/samples';

const NOW = '2016-06-01T10:00:00Z';
const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
const KPI_HEADER =
  'ref,description,kind,unit,direction,floor,target,q1_lower,q1_upper,q2_lower,q2_upper,q3_lower,q3_upper,q4_lower,q4_upper,owner';

async function importSample(plans: PlanStore, extra: { dryRun?: boolean } = {}) {
  return importPlan(plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: NOW,
    ...extra,
  });
}

async function problemsOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems;
}

/** What the plan store holds, to assert "nothing changed". */
const stored = async (plans: PlanStore) => JSON.stringify(await plans.snapshot());

describe('plan import', () => {
  let plans: MemoryPlanStore;
  beforeEach(() => {
    plans = new MemoryPlanStore();
  });

  it('loads the LRA 2016/17 sample: 4 outcomes, 86 activities, 9 KPIs and 4 indicators', async () => {
    const result = await importSample(plans);
    expect(result.written).toBe(true);
    const plan = await plans.load();
    expect(plan?.name).toBe('LRA Service Plan 2016/17');
    expect(plan?.activities).toHaveLength(86);
    const tree = outline(plan?.activities ?? []);
    expect(tree.map((o) => o.title)).toEqual([
      'Children and young people in Kent get the best start in life',
      'Kent communities feel the benefits of economic growth by being in-work, healthy and enjoying a good quality of life',
      'Older and vulnerable residents are safe and supported with choices to live independently',
      'KCC complies with all legislation relating to Libraries, Registration Services and Archives',
    ]);
    expect(plan?.measures.filter((m) => m.kind === 'kpi').map((m) => m.ref)).toEqual([
      'LRA06',
      'LRA07',
      'LRA12',
      'LRA13',
      'DT09',
      'DT10',
      'LRA14',
      'LRA15',
      'LRA16',
    ]);
    expect(plan?.measures.filter((m) => m.kind === 'indicator').map((m) => m.ref)).toEqual([
      'LRA01',
      'LRA02',
      'LRA04',
      'LRA05',
    ]);
    const review = plan?.activities.find((a) => a.text === 'Review schools offer');
    expect(review).toMatchObject({
      priorityRefs: ['A1'],
      districts: ['Countywide'],
      function: 'Service Development',
    });
    const lra01 = plan?.measures.find((m) => m.ref === 'LRA01');
    expect(lra01).toMatchObject({
      kind: 'indicator',
      unit: 'thousands',
      ranges: { 1: { lower: 1159, upper: 1268 }, 4: { lower: 1078, upper: 1180 } },
    });
    expect(plan?.measures.find((m) => m.ref === 'LRA16')).toMatchObject({ floor: 41565, target: 42500 });
  });

  it('re-importing the same files writes nothing', async () => {
    await importSample(plans);
    const apply = jest.spyOn(plans, 'apply');
    const again = await importSample(plans);
    expect(again.written).toBe(false);
    expect(again.change.unchanged).toBe(86 + 13);
    expect(apply).not.toHaveBeenCalled();
  });

  it('a changed file updates in place and retires removed activities without deleting them', async () => {
    await importSample(plans);
    const text = new TextDecoder().decode(sampleFile('activities.csv').bytes).split('\n');
    const changed = [
      text[0],
      text[1]?.replace('MakerSpace Day', 'MakerSpace Fortnight'),
      ...text.slice(3),
    ].join('\n');
    const result = await importPlan(plans, {
      read: readImportFile,
      activities: csv('activities.csv', changed),
      now: NOW,
    });
    expect(result.change.updated.activities.map((a) => a.id)).toEqual(['LRA-1.1.01']);
    expect(result.change.retired.activities.map((a) => a.id)).toEqual(['LRA-1.1.02']);
    expect(result.change.moved.activities).toHaveLength(84);
    const snap = await plans.snapshot();
    expect(snap?.plan.activities).toHaveLength(85);
    expect(snap?.plan.measures).toHaveLength(13);
    expect(snap?.retired.activities.map((a) => a.id)).toEqual(['LRA-1.1.02']);
    expect(snap?.plan.activities[0]?.text).toMatch(/^MakerSpace Fortnight/);
  });

  it('dry run validates and reports but writes nothing', async () => {
    const result = await importSample(plans, { dryRun: true });
    expect(result.written).toBe(false);
    expect(result.change.added.activities).toHaveLength(86);
    expect(await plans.snapshot()).toBeUndefined();
  });

  it('a broken activities file is rejected whole, every problem located, tables unchanged', async () => {
    await importSample(plans);
    const before = await stored(plans);
    const broken = [
      HEADER,
      'A1,Outcome,SO,Stock,Do a thing,Because,Countywide,,stock@example.org,',
      'A1,Outcome,SO,Stock,Duplicate id,Because,Countywide,,stock@example.org,',
      'A2,Outcome,SO,Stock,No owner,Because,Countywide,,,',
      'A3,Outcome,SO,Stock,Bad email,Because,Countywide,,not-an-email,',
      'A4,Outcome,,Stock,Empty supporting outcome,Because,Countywide,,stock@example.org,',
      'A5,Outcome,SO,Stock,Bad ref,Because,Countywide,Z99x,stock@example.org,stock@example.org',
      'bad id!,Outcome,SO,Stock,Text,Because,,,stock@example.org,',
    ].join('\n');
    const problems = await problemsOf(
      importPlan(plans, { read: readImportFile, activities: csv('acts.csv', broken), now: NOW }),
    );
    const where = problems.map((p) => `${p.file} ${p.row} ${p.column}`);
    expect(where).toEqual([
      'acts.csv 3 activity_id',
      'acts.csv 4 owner',
      'acts.csv 5 owner',
      'acts.csv 6 supporting_outcome',
      'acts.csv 7 priority_refs',
      'acts.csv 7 deputy',
      'acts.csv 8 activity_id',
      'acts.csv 8 district',
    ]);
    expect(problems[0]?.message).toMatch(/first used on row 2/);
    expect(await stored(plans)).toEqual(before);
  });

  it('a wrong header names the missing and unknown columns', async () => {
    const problems = await problemsOf(
      importPlan(plans, {
        read: readImportFile,
        activities: csv(
          'a.csv',
          'activity_id,outcome,supporting outcome,function,activty,justification,district,priority_refs,owner,deputy\nx,y,z,f,t,j,d,,o@example.org,',
        ),
        now: NOW,
      }),
    );
    expect(problems.map((p) => p.column)).toEqual(['activity', 'activty']);
    expect(problems.every((p) => p.row === 1)).toBe(true);
  });

  it('refuses a file that is not UTF-8, naming the fix', async () => {
    const latin1 = Uint8Array.from([
      ...Buffer.from(`${HEADER}\nA1,O,S,F,Caf`),
      0xe9,
      ...Buffer.from(',J,D,,o@example.org,\n'),
    ]);
    const problems = await problemsOf(
      importPlan(plans, { read: readImportFile, activities: { name: 'a.csv', bytes: latin1 }, now: NOW }),
    );
    expect(problems[0]?.message).toMatch(/CSV UTF-8/);
    expect(await plans.snapshot()).toBeUndefined();
  });

  it('KPI problems: unknown direction, floor on the wrong side of target, percentage out of range, bad range', async () => {
    const kpis = [
      KPI_HEADER,
      'K1,Satisfaction,kpi,percent,upwards,90,95,,,,,,,,,a@example.org',
      'K2,Satisfaction,kpi,percent,higher,96,95,,,,,,,,,a@example.org',
      'K3,Waiting time,kpi,count,lower,5,10,,,,,,,,,a@example.org',
      'K4,Share,kpi,percent,higher,90,120,,,,,,,,,a@example.org',
      'I1,Visits,indicator,thousands,higher,,,10,5,1,2,1,2,1,two,a@example.org',
      'K5,Thing,measure,count,higher,1,2,,,,,,,,,a@example.org',
    ].join('\n');
    const problems = await problemsOf(
      importPlan(plans, {
        read: readImportFile,
        activities: sampleFile('activities.csv'),
        kpis: csv('k.csv', kpis),
        now: NOW,
      }),
    );
    expect(problems.map((p) => `${p.row} ${p.column}`)).toEqual([
      '2 direction',
      '3 floor',
      '4 floor',
      '5 target',
      '6 q1_lower',
      '6 q4_upper',
      '7 kind',
    ]);
    expect(problems[1]?.message).toMatch(/wrong side of the target/);
    expect(await plans.snapshot()).toBeUndefined();
  });
});
