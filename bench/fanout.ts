/**
 * Fan-out benchmark: the real `rag-chaser tick` process (what each server's minute scheduler runs) chases
 * N owners through a connector stand-in that enforces Teams' published limits (50 messages a second per
 * tenant, 7/1 s and 8/2 s per conversation ...) and answers 429 + Retry-After beyond them, on a real
 * (in-memory) Azurite. Figures: sustained messages a second as a ratio of the 50/s ceiling; time to the
 * first card as a ratio of the same process's bare start-up (`--version`); 429s, duplicates, missed; the
 * sender's peak RSS. And two tick processes started together on the same step.
 */
import { readImportFile } from '../src/files/read-table';
import { fork, spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importPlan } from '../src/app/plan/import-plan';
import { loadConfig } from '../src/config';
import { tableStores } from '../src/store';
import { Tables } from '../src/store/tables';
import { installAll } from '../test/support/install-stub';

/** The command under test; BENCH_BIN runs another build (e.g. an older commit's) for a before/after ratio. */
const BIN = process.env.BENCH_BIN ?? join(__dirname, '..', 'bin', 'rag-chaser.js');
const RSS = join(__dirname, 'rss.cjs');
const WORKER = join(__dirname, '..', 'dist', 'jobs', 'tick-worker.js');
const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
const owner = (i: number) => `owner-${String(i).padStart(5, '0')}@example.org`;

interface TickRun {
  readonly code: number | null;
  readonly startedAt: number;
  readonly maxRssKb: number;
  readonly maxHeapUsedKb: number;
}

/**
 * Who sends: `cli` is `rag-chaser tick` (a separate job host, or `SCHEDULER_ENABLED=false` with the tick run
 * elsewhere); `server` is the tick process the server's own minute scheduler forks (dist/jobs/tick-worker.js).
 */
export type Sender = 'cli' | 'server';
const NOW = '2016-07-01T08:00:00Z';

function tick(env: Record<string, string>, sender: Sender): Promise<TickRun> {
  return new Promise((resolve) => {
    const startedAt = performance.timeOrigin + performance.now();
    const child =
      sender === 'cli'
        ? spawn(process.execPath, ['--require', RSS, BIN, 'tick', '--now', NOW], {
            env: { PATH: process.env.PATH ?? '', ...env },
            stdio: ['ignore', 'ignore', 'pipe'],
          })
        : fork(WORKER, [], {
            execArgv: ['--require', RSS],
            env: { PATH: process.env.PATH ?? '' },
            stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
            serialization: 'advanced',
          });
    if (sender === 'server') child.send({ config: loadConfig(env), now: NOW });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) =>
      resolve({
        code,
        startedAt,
        maxRssKb: Number(/bench-max-rss-kb (\d+)/.exec(stderr)?.[1] ?? 0),
        maxHeapUsedKb: Number(/bench-max-heap-used-kb (\d+)/.exec(stderr)?.[1] ?? 0),
      }),
    );
  });
}

async function startUp(env: Record<string, string>): Promise<number> {
  const start = performance.now();
  await new Promise((resolve) => spawn(process.execPath, [BIN, '--version'], { env }).on('exit', resolve));
  return performance.now() - start;
}

interface Connector {
  readonly url: string;
  stats(): Promise<{ received: { c: string; at: number }[]; refused429: number }>;
  stop(): void;
}

/** Starts bench/connector-process.ts and waits for its URL. */
function startConnector(): Promise<Connector> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'connector-process.ts')], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve) => {
    child.stdout.once('data', (d: Buffer) => {
      const { url, stats } = JSON.parse(d.toString()) as { url: string; stats: string };
      resolve({
        url,
        stats: async () => (await (await fetch(stats)).json()) as Awaited<ReturnType<Connector['stats']>>,
        stop: () => child.kill('SIGTERM'),
      });
    });
  });
}

async function seeded(connectionString: string, stub: Connector, owners: number) {
  const prefix = `fan${owners}${Date.now() % 100000}`;
  const tables = new Tables({ connectionString }, prefix);
  await tables.ensure();
  const stores = tableStores(tables);
  const rows = Array.from(
    { length: owners },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 20)},Area operations,Activity number ${i + 1} with a realistic length of text,Why,Branch ${1 + (i % 100)},,${owner(i + 1)},`,
  );
  const bytes = new TextEncoder().encode([HEADER, ...rows].join('\n'));
  await importPlan(stores.plans, {
    read: readImportFile,
    activities: { name: 'big.csv', bytes },
    name: 'Bench',
    now: '2016-06-01T00:00:00Z',
  });
  await installAll(
    stores.people,
    stub.url,
    Array.from({ length: owners }, (_, i) => owner(i + 1)),
  );
  return { prefix, tables, stores };
}

/** The highest number of arrivals in any one-second window. */
function peakPerSecond(times: readonly number[]): number {
  let peak = 0;
  for (let i = 0, j = 0; i < times.length; i += 1) {
    while ((times[j] ?? 0) <= (times[i] ?? 0) - 1000) j += 1;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

export interface FanoutFigures {
  readonly owners: number;
  readonly instances: number;
  readonly sender: Sender;
  readonly cards: number;
  readonly missing: number;
  readonly duplicates: number;
  readonly answered429: number;
  readonly messagesPerSecond: number;
  readonly ratioToCeiling: number;
  readonly peakPerSecond: number;
  readonly firstCardMs: number;
  readonly startUpMs: number;
  readonly firstCardToStartUp: number;
  readonly totalSeconds: number;
  readonly senderPeakRssMb: number;
  /** The sender's V8 heap in use at its peak (sampled each second): its live data, short of what V8 kept. */
  readonly senderPeakHeapUsedMb: number;
}

/** Chases `owners` owners with `instances` tick processes started together; returns what the stub saw. */
export async function fanoutBench(
  connectionString: string,
  owners: number,
  instances = 1,
  sender: Sender = 'cli',
): Promise<FanoutFigures> {
  const stub = await startConnector();
  const { prefix, tables } = await seeded(connectionString, stub, owners);
  const env = { TABLES_CONNECTION_STRING: connectionString, TABLE_PREFIX: prefix, LOG_LEVEL: 'silent' };
  const startUpMs = await startUp({ PATH: process.env.PATH ?? '', ...env });
  const runs = await Promise.all(Array.from({ length: instances }, () => tick(env, sender)));
  const seen = await stub.stats();
  const arrivals = seen.received.map((r) => r.at).sort((a, b) => a - b);
  const perOwner = new Map<string, number>();
  for (const r of seen.received) perOwner.set(r.c, (perOwner.get(r.c) ?? 0) + 1);
  const first = arrivals[0] ?? 0;
  const last = arrivals.at(-1) ?? 0;
  const started = Math.min(...runs.map((r) => r.startedAt));
  const rate = arrivals.length > 1 ? ((arrivals.length - 1) * 1000) / (last - first) : 0;
  const figures: FanoutFigures = {
    owners,
    instances,
    sender,
    cards: seen.received.length,
    missing: owners - perOwner.size,
    duplicates: [...perOwner.values()].filter((n) => n > 1).length,
    answered429: seen.refused429,
    messagesPerSecond: Math.round(rate * 10) / 10,
    ratioToCeiling: Math.round((rate / 50) * 1000) / 1000,
    peakPerSecond: peakPerSecond(arrivals),
    firstCardMs: Math.round(first - started),
    startUpMs: Math.round(startUpMs),
    firstCardToStartUp: Math.round(((first - started) / startUpMs) * 100) / 100,
    totalSeconds: Math.round((last - started) / 100) / 10,
    senderPeakRssMb: Math.round(Math.max(...runs.map((r) => r.maxRssKb)) / 1024),
    senderPeakHeapUsedMb: Math.round(Math.max(...runs.map((r) => r.maxHeapUsedKb)) / 1024),
  };
  await tables.drop();
  stub.stop();
  return figures;
}
