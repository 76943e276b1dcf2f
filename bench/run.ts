/**
 * `npm run bench`: measured figures for README, never asserted in tests.
 *  - status and report on a 1,000-activity plan with 1,000 returns (per 1,000 returns)
 *  - plan import of 1,000 activities (entity-group transactions)
 *  - the digest compile alone (pure)
 * Runs against an in-memory Azurite in a process of its own (bench/azurite-process.ts), as storage is a
 * service of its own in production. Results go to stdout and bench/results/latest.json.
 */
import { readImportFile } from '../src/files/read-table';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { importPlan } from '../src/app/plan/import-plan';
import { loadDigest } from '../src/app/digest/digest';
import { loadCycleState } from '../src/app/cycle/cycle-state';
import { overview } from '../src/app/cycle/overview';
import { planCycle } from '../src/domain/cycle';
import { compileDigest } from '../src/domain/digest';
import { parseQuarter } from '../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule';
import { planItems } from '../src/domain/returns';
import { renderReport } from '../src/report/report';
import { tableStores } from '../src/store';
import { startAzuriteProcess } from './azurite-process';
import { Tables } from '../src/store/tables';
import { fanoutBench, type Sender } from './fanout';
import { scaleBench } from './scale';
import { submitBench } from './submit';
import { dashboardBench } from './dashboard';

const ZONE = 'Europe/London';
const N = 1000;
/** Fan-out runs: [owners, tick processes started together]. BENCH_QUICK=1 leaves out the 10,000. */
/** Fan-out runs: [owners, tick processes started together, who sends (see bench/fanout.ts)]. */
const FANOUT_RUNS: [number, number, Sender][] = process.env.BENCH_QUICK
  ? [
      [1000, 1, 'cli'],
      [1000, 2, 'cli'],
      [1000, 1, 'server'],
    ]
  : [
      [1000, 1, 'cli'],
      [1000, 2, 'cli'],
      // Two servers whose schedulers start the same step together: each forks its tick process.
      [1000, 2, 'server'],
      [10000, 1, 'cli'],
      [10000, 1, 'server'],
    ];

/** Plan sizes for import, digest and report. */
const SCALE_RUNS = process.env.BENCH_QUICK ? [1000] : [1000, 10000];
/** Submit runs: [items in the plan, returns already stored]; the first is the baseline. */
const SUBMIT_RUNS: [number, number][] = process.env.BENCH_QUICK
  ? [
      [10, 0],
      [1000, 500],
    ]
  : [
      [10, 0],
      [10000, 5000],
    ];

async function time<T>(
  label: string,
  runs: number,
  fn: () => Promise<T>,
): Promise<{ label: string; medianMs: number; runs: number }> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const medianMs = Math.round((samples[Math.floor(samples.length / 2)] ?? 0) * 10) / 10;
  console.log(`${label.padEnd(58)} median ${String(medianMs).padStart(7)} ms over ${runs} runs`);
  return { label, medianMs, runs };
}

async function main(): Promise<void> {
  const azurite = await startAzuriteProcess();
  const tables = new Tables({ connectionString: azurite.connectionString }, 'bench');
  await tables.ensure();
  const repos = tableStores(tables);
  const header =
    'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
  const rows = Array.from(
    { length: N },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 20)},Area operations,Activity number ${i + 1} with a realistic length of text to describe it,Why,Branch ${i % 100},,owner-${i % 300}@example.org,`,
  );
  const file = { name: 'big.csv', bytes: new TextEncoder().encode([header, ...rows].join('\n')) };
  const results = [];
  results.push(
    await time(`plan import, ${N} activities (first import)`, 1, () =>
      importPlan(repos.plans, {
        read: readImportFile,
        activities: file,
        name: 'Bench',
        now: '2016-06-01T00:00:00Z',
      }),
    ),
  );
  results.push(
    await time(`plan re-import, ${N} activities, unchanged`, 3, () =>
      importPlan(repos.plans, {
        read: readImportFile,
        activities: file,
        name: 'Bench',
        now: '2016-06-01T00:00:00Z',
      }),
    ),
  );
  const cycle = planCycle(
    parseQuarter('2016/17-Q1'),
    DEFAULT_SCHEDULE,
    ZONE,
    '2016-07-01T08:00:00Z',
    'bench',
  );
  await repos.cycles.create(cycle);
  const plan = (await repos.plans.load())!;
  const items = planItems(plan);
  let i = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let item = items[i++]; item; item = items[i++]) {
        await repos.returns.save(
          cycle.key,
          {
            item: item.key,
            rag: (['green', 'amber', 'red'] as const)[i % 3],
            commentary: 'A commentary of a couple of sentences, as owners write them. '.repeat(3),
            submittedBy: 'x@example.org',
            submittedAt: '2016-07-05T10:00:00Z',
            late: false,
            version: 1,
          },
          undefined,
        );
      }
    }),
  );
  const deps = {
    ...repos,
    zone: ZONE,
    serviceManagers: [],
    messenger: { send: () => Promise.reject(new Error('no sends')) },
  };
  results.push(
    await time(`status: load ${N} returns + per-owner summary`, 5, async () =>
      overview(await loadCycleState(deps, cycle), new Map(), [], '2016-07-10T09:00:00Z', ZONE),
    ),
  );
  results.push(
    await time(`report html: load + compile + render, ${N} returns`, 5, async () =>
      renderReport(await loadDigest(deps, cycle), 'html', ZONE),
    ),
  );
  results.push(
    await time(`report csv: load + compile + render, ${N} returns`, 5, async () =>
      renderReport(await loadDigest(deps, cycle), 'csv', ZONE),
    ),
  );
  const state = await loadCycleState(deps, cycle);
  results.push(
    await time(`compileDigest alone (pure), ${N} activities`, 20, () =>
      Promise.resolve(
        compileDigest({
          plan,
          quarterLabel: 'Q1',
          q: 1,
          returns: state.returns,
          previous: new Map(),
          rule: 'majority',
          reviews: new Map(),
          ownerOf: () => '',
        }),
      ),
    ),
  );
  const cli = (args: string[]) => () =>
    new Promise<void>((resolve, reject) => {
      execFile(
        process.execPath,
        [join(__dirname, '..', 'bin', 'rag-chaser.js'), ...args],
        {
          env: {
            PATH: process.env.PATH ?? '',
            TABLES_CONNECTION_STRING: azurite.connectionString,
            TABLE_PREFIX: 'bench',
            LOG_LEVEL: 'silent',
          },
        },
        (error) => {
          if (error) reject(new Error(error.message));
          else resolve();
        },
      );
    });
  results.push(await time(`CLI process: rag-chaser status, ${N} returns`, 3, cli(['status'])));
  results.push(
    await time(
      `CLI process: rag-chaser report --format html, ${N} returns`,
      3,
      cli(['report', '--format', 'html', '--out', join(tmpdir(), 'bench-report.html')]),
    ),
  );
  const only = (name: string) => !process.env.BENCH_ONLY || process.env.BENCH_ONLY.split(',').includes(name);
  const scale = [];
  for (const items of only('scale') ? SCALE_RUNS : []) {
    const f = await scaleBench(azurite.connectionString, items);
    console.log(
      `scale ${items} items: import ${f.importMs} ms (${f.importToRawWrites} x raw batched writes ${f.rawWritesMs} ms), digest ${f.digestMs} ms, HTML report ${f.htmlReportMs} ms, manager status ${f.statusMs} ms`,
    );
    scale.push(f);
  }
  const submit = [];
  for (const [items, stored] of only('submit') ? SUBMIT_RUNS : []) {
    const f = await submitBench(azurite.connectionString, items, stored);
    const base = submit[0];
    console.log(
      `submit, ${items}-item plan, ${stored} returns stored: p50 ${f.p50Ms} ms, p95 ${f.p95Ms} ms${base ? ` (${Math.round((f.p95Ms / base.p95Ms) * 100) / 100} x the ${base.items}-item plan)` : ''}, p99 with ${f.atOnce} at once ${f.p99AtOnceMs} ms, ${f.storageRequestsPerSubmit} storage requests a submit; Azurite alone, one card's rows: p95 ${f.cardReadP95Ms} ms${base ? ` (${Math.round((f.cardReadP95Ms / base.cardReadP95Ms) * 100) / 100} x)` : ''}, p99 ${f.atOnce} at once ${f.cardReadP99AtOnceMs} ms`,
    );
    submit.push(f);
  }
  const dashboard = [];
  for (const items of only('dashboard') ? (process.env.BENCH_QUICK ? [1000] : [10000]) : []) {
    const f = await dashboardBench(azurite.connectionString, items);
    console.log(
      `dashboard, ${items} items over ${f.quarters} quarters: p95 ${f.fiveQuartersP95Ms} ms against ${f.oneQuarterP95Ms} ms for one quarter (${f.fiveToOne} x), first request ${f.firstRequestMs} ms, response ${f.payloadKb} KB (items paged); page in Chromium: first paint ${f.firstPaintMs ?? '-'} ms, figures shown ${f.firstDataMs ?? '-'} ms`,
    );
    dashboard.push(f);
  }
  const fanout = [];
  for (const [owners, instances, sender] of only('fanout') ? FANOUT_RUNS : []) {
    const f = await fanoutBench(azurite.connectionString, owners, instances, sender);
    console.log(
      `fan-out ${owners} owners, ${instances} ${sender === 'server' ? 'server tick process(es)' : 'rag-chaser tick process(es)'}: ${f.messagesPerSecond}/s (${f.ratioToCeiling} of 50/s), peak ${f.peakPerSecond} in a second, ${f.answered429} x 429, ${f.duplicates} twice, ${f.missing} missed, first card ${f.firstCardMs} ms (${f.firstCardToStartUp} x start-up ${f.startUpMs} ms), ${f.totalSeconds} s, sender RSS ${f.senderPeakRssMb} MB`,
    );
    fanout.push(f);
  }
  await azurite.close();
  const dir = join(__dirname, '..', 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'latest.json'),
    `${JSON.stringify({ node: process.version, at: new Date().toISOString(), results, scale, submit, dashboard, fanout }, null, 2)}\n`,
  );
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
