/**
 * A quarter of more answers than one page of Table Storage (1,000), read for the digest and the manager's
 * status: the answers are read in key ranges side by side, and every answer of this quarter and the last
 * is there once, whatever the plan's keys.
 */
import { readImportFile } from '../../src/files/read-table';
import { loadDigest } from '../../src/app/digest/digest';
import { loadCycleState } from '../../src/app/cycle/cycle-state';
import { pageSplits } from '../../src/store/range-read';
import { importPlan } from '../../src/app/plan/import-plan';
import { planCycle } from '../../src/domain/cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { planItems, type StoredReturn } from '../../src/domain/returns';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { csv } from '../support/samples';
import { freshStores, ZONE } from '../support/world';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';

it('reads every answer of a 2,500-item quarter and its previous quarter once, in pages read side by side', async () => {
  const { stores, drop } = await freshStores('azurite');
  // Keys that sort differently as text and as numbers (A10 before A2), and of every allowed character.
  const ids = Array.from({ length: 2500 }, (_, i) =>
    i % 3 === 0 ? `A${i}` : i % 3 === 1 ? `B-${i}` : `C_${i}.x`,
  );
  const rows = ids.map(
    (id, i) =>
      `${id},Outcome 1,Supporting outcome ${1 + (i % 40)},Ops,Activity ${id},Why,Branch,,owner-${i % 50}@example.org,`,
  );
  await importPlan(stores.plans, {
    read: readImportFile,
    activities: csv('big.csv', [HEADER, ...rows].join('\n')),
    name: 'Big',
    now: '2016-03-01T00:00:00Z',
  });
  const plan = (await stores.plans.load())!;
  expect(pageSplits(planItems(plan).map((i) => i.key))).toHaveLength(2);
  const cycle = planCycle(parseQuarter('2016/17-Q1'), DEFAULT_SCHEDULE, ZONE, '2016-07-01T08:00:00Z', 'test');
  const answer = (item: StoredReturn['item'], rag: StoredReturn['rag']): StoredReturn => ({
    item,
    rag,
    commentary: 'On track.',
    evidence: '',
    submittedBy: 'owner@example.org',
    submittedAt: '2016-07-05T10:00:00Z',
    late: false,
    version: 1,
  });
  const items = planItems(plan).map((i) => i.key);
  const queue = items.map((item, i) => [item, i] as const);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const [item, i] = next;
        await stores.returns.save(cycle.key, answer(item, i % 2 ? 'green' : 'amber'), undefined);
        if (i % 2 === 0) await stores.returns.save('2015-16-Q4', answer(item, 'red'), undefined);
      }
    }),
  );

  const state = await loadCycleState(stores, cycle);
  expect(state.returns.size).toBe(2500);
  expect(state.previous.size).toBe(1250);
  expect([...state.returns.keys()].sort()).toEqual([...items].sort());
  const digest = await loadDigest({ ...stores, zone: ZONE }, cycle);
  // What SMT reads: every activity counted once, nothing shown as outstanding.
  expect(digest.counts).toMatchObject({ green: 1250, amber: 1250, red: 0 });
  expect(digest.outstanding).toEqual([]);
  expect(digest.redsAndAmbers).toHaveLength(1250);
  await drop();
}, 120_000);
