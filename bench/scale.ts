/**
 * How cost grows with plan size: plan import against the raw batched writes of the same entities, and the
 * digest and HTML report over N returns with their history, at 1,000 and 10,000 items.
 */
import { readImportFile } from '../src/files/read-table';
import { performance } from 'node:perf_hooks';
import { buildCardRows } from '../src/app/returns/card-rows';
import { loadCycleState } from '../src/app/cycle/cycle-state';
import { loadDigest } from '../src/app/digest/digest';
import { importPlan } from '../src/app/plan/import-plan';
import { overview } from '../src/app/cycle/overview';
import { planCycle } from '../src/domain/cycle';
import { diffPlans } from '../src/domain/plan-diff';
import { parseQuarter } from '../src/domain/quarter';
import { planItems } from '../src/domain/returns';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule';
import { renderReport } from '../src/report/report';
import { tableStores } from '../src/store';
import { MemoryPlanStore } from '../src/store/memory/plan-store';
import { Tables } from '../src/store/tables';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
const ZONE = 'Europe/London';

/** The plan the file holds, read by an import into memory (no storage): what the raw writes write. */
function planFromCsv(file: { name: string; bytes: Uint8Array }) {
  const store = new MemoryPlanStore();
  return importPlan(store, {
    read: readImportFile,
    activities: file,
    name: 'Bench',
    now: '2016-06-01T00:00:00Z',
  }).then(async () => (await store.load())!);
}

async function fresh(connectionString: string, name: string) {
  const tables = new Tables({ connectionString }, `${name}${Date.now() % 100000}`);
  await tables.ensure();
  return { tables, stores: tableStores(tables) };
}

const ms = async (fn: () => Promise<unknown>) => {
  const start = performance.now();
  await fn();
  return Math.round(performance.now() - start);
};

export interface ScaleFigures {
  readonly items: number;
  readonly importMs: number;
  readonly rawWritesMs: number;
  readonly importToRawWrites: number;
  readonly digestMs: number;
  readonly htmlReportMs: number;
  readonly statusMs: number;
}

export async function scaleBench(connectionString: string, items: number): Promise<ScaleFigures> {
  const rows = Array.from(
    { length: items },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 40)},Area operations,Activity number ${i + 1} with a realistic length of text,Why,Branch ${1 + (i % 100)},,owner-${i % 2000}@example.org,`,
  );
  const file = { name: 'plan.csv', bytes: new TextEncoder().encode([HEADER, ...rows].join('\n')) };
  // The raw writes are timed before and after the import (Azurite's in-memory store slows as it fills),
  // and the import is compared with their mean.
  const plan = await planFromCsv(file);
  const raw = async () => {
    const b = await fresh(connectionString, 'raw');
    const took = await ms(() => b.stores.plans.apply(diffPlans(undefined, plan), '2016-06-01T00:00:00Z'));
    await b.tables.drop();
    return took;
  };
  const rawBefore = await raw();
  const a = await fresh(connectionString, 'imp');
  const importMs = await ms(() =>
    importPlan(a.stores.plans, {
      read: readImportFile,
      activities: file,
      name: 'Bench',
      now: '2016-06-01T00:00:00Z',
    }),
  );
  const rawWritesMs = Math.round((rawBefore + (await raw())) / 2);
  const cycle = planCycle(
    parseQuarter('2016/17-Q1'),
    DEFAULT_SCHEDULE,
    ZONE,
    '2016-07-01T08:00:00Z',
    'bench',
  );
  await a.stores.cycles.create(cycle);
  const queue = planItems(plan);
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      for (let item = queue.pop(); item; item = queue.pop()) {
        const base = {
          item: item.key,
          rag: (['green', 'amber', 'red'] as const)[item.key.length % 3],
          commentary: 'A commentary of a couple of sentences, as owners write them. '.repeat(3),
          submittedBy: 'owner@example.org',
          submittedAt: '2016-07-05T10:00:00Z',
          late: false,
        };
        await a.stores.returns.save(cycle.key, { ...base, version: 1 }, undefined);
        const etag = (await a.stores.returns.get(cycle.key, item.key))?.etag;
        await a.stores.returns.save(cycle.key, { ...base, version: 2 }, etag);
      }
    }),
  );
  // As in a deployment, the quarter's partition also holds every owner's card rows.
  await buildCardRows(a.stores, cycle);
  // Each the median of five runs after one untimed run (the first pays for compiling the code): one run of
  // a few tens of milliseconds varies by half.
  const median = async (fn: () => Promise<unknown>) => {
    await fn();
    const runs: number[] = [];
    for (let i = 0; i < 5; i += 1) runs.push(await ms(fn));
    return runs.sort((x, y) => x - y)[2] ?? 0;
  };
  const digestMs = await median(() => loadDigest({ ...a.stores, zone: ZONE }, cycle));
  const htmlReportMs = await median(async () =>
    renderReport(await loadDigest({ ...a.stores, zone: ZONE }, cycle), 'html', ZONE),
  );
  // A service manager's `status`: the whole quarter and every owner's progress.
  const statusMs = await median(async () =>
    overview(await loadCycleState(a.stores, cycle), new Map(), [], '2016-07-10T09:00:00Z', ZONE),
  );
  await a.tables.drop();
  return {
    items,
    importMs,
    rawWritesMs,
    importToRawWrites: Math.round((importMs / rawWritesMs) * 100) / 100,
    digestMs,
    htmlReportMs,
    statusMs,
  };
}
