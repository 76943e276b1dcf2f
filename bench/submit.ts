/**
 * Submit benchmark: the built server (dist/server.js) over HTTP, real Azurite behind a counting proxy (so
 * storage requests per submit are counted), a 10-item plan and a 10,000-item plan with 5,000 returns and
 * their history already stored. Owners press Submit on their card (Action.Execute invoke) and the bot
 * answers with the refreshed card. Figures: p50/p95 one at a time, p99 with 50 owners at once, storage
 * requests per submit; each as a ratio of the 10-item plan's in the same run.
 */
import { readImportFile } from '../src/files/read-table';
import { createServer, request, type Server } from 'node:http';
import { performance } from 'node:perf_hooks';
import { importPlan } from '../src/app/plan/import-plan';
import { planCycle } from '../src/domain/cycle';
import { parseQuarter } from '../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule';
import { tableStores } from '../src/store';
import { Tables } from '../src/store/tables';
import { ConnectorStub } from '../test/support/connector-stub';
import { referenceFor } from '../test/support/install-stub';
import { startServerProcess } from '../test/support/server-process';
import { TeamsClient } from '../test/support/teams-client';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
/** Owners submitting: 50, or every owner of a smaller plan. */
const MOST_SUBMITTERS = 50;

/** An HTTP proxy in front of Azurite that counts the requests passing through. */
async function countingProxy(target: URL): Promise<{
  port: number;
  count: () => number;
  times: Map<string, number[]>;
  close: () => void;
}> {
  let n = 0;
  const times = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    n += 1;
    const start = performance.now();
    const path = decodeURIComponent(req.url ?? '');
    const kind = `${req.method} ${path.includes('$batch') ? 'batch' : path.includes('$filter') ? 'query' : path.includes('PartitionKey=') ? 'point' : 'other'} ${/\/devstoreaccount1\/[a-z0-9]*?([a-z]+)[(?]/.exec(path)?.[1] ?? ''}`;
    const upstream = request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        up.on('end', () => {
          const list = times.get(kind) ?? [];
          list.push(performance.now() - start);
          times.set(kind, list);
        });
      },
    );
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    count: () => n,
    times,
    close: () => server.close(),
  };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return (
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0) * 10) / 10
  );
};

export interface SubmitFigures {
  readonly items: number;
  readonly storedReturns: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** With every submitter (50, or each owner of a smaller plan) pressing Submit at once. */
  readonly p99AtOnceMs: number;
  readonly atOnce: number;
  readonly storageRequestsPerSubmit: number;
  /** One at a time: each kind of storage request (method, point read / query / batch, table) timed at the proxy. */
  readonly storageTimes: Record<string, { n: number; p50Ms: number; p95Ms: number }>;
  /**
   * Azurite alone, same run: one owner's card rows read straight from the store (the submit's only range
   * read). Azurite evaluates every query over the whole table, so this grows with the table; Table
   * Storage reads a range of one partition by its keys.
   */
  readonly cardReadP95Ms: number;
  readonly cardReadP99AtOnceMs: number;
}

export async function submitBench(
  connectionString: string,
  items: number,
  storedReturns: number,
): Promise<SubmitFigures> {
  const azuriteUrl = new URL(/TableEndpoint=([^;]+)/.exec(connectionString)?.[1] ?? '');
  const proxy = await countingProxy(azuriteUrl);
  const proxied = connectionString.replace(azuriteUrl.host, `127.0.0.1:${proxy.port}`);
  const prefix = `sub${items}${Date.now() % 100000}`;
  const tables = new Tables({ connectionString }, prefix);
  await tables.ensure();
  const stores = tableStores(tables);
  const owners = Math.max(Math.min(MOST_SUBMITTERS, items), Math.floor(items / 5));
  const SUBMITTERS = Math.min(MOST_SUBMITTERS, owners);
  const ownerOf = (i: number) => `owner-${String(i % owners).padStart(5, '0')}@example.org`;
  const rows = Array.from(
    { length: items },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 20)},Area operations,Activity number ${i + 1},Why,Branch ${1 + (i % 100)},,${ownerOf(i)},`,
  );
  await importPlan(stores.plans, {
    read: readImportFile,
    activities: { name: 'plan.csv', bytes: new TextEncoder().encode([HEADER, ...rows].join('\n')) },
    name: 'Bench',
    now: '2016-06-01T00:00:00Z',
  });
  // Opened today by hand: a fresh window, so amendments are allowed while the benchmark runs.
  const cycle = planCycle(
    parseQuarter('2016/17-Q1'),
    DEFAULT_SCHEDULE,
    'Europe/London',
    new Date().toISOString(),
    'bench',
  );
  await stores.cycles.create(cycle);
  for (let i = 0; i < storedReturns; i += 1) {
    const answer = (version: number) => ({
      item: `a:A${i + 1}` as const,
      rag: 'green' as const,
      commentary: 'Stored before the benchmark, with a second version in its history.',
      submittedBy: ownerOf(i),
      submittedAt: '2016-07-05T10:00:00Z',
      late: false,
      version,
    });
    await stores.returns.save(cycle.key, answer(1), undefined);
    await stores.returns.save(
      cycle.key,
      answer(2),
      (await stores.returns.get(cycle.key, `a:A${i + 1}`))?.etag,
    );
  }
  const stub = new ConnectorStub();
  await stub.start();
  const users = Array.from({ length: SUBMITTERS }, (_, u) => ({
    id: `29:user-${u}`,
    name: ownerOf(u),
    aadObjectId: `00000000-0000-4000-8000-${String(u).padStart(12, '0')}`,
    upn: ownerOf(u),
  }));
  for (const user of users) {
    stub.addUser(user);
    await stores.people.upsert(
      user.upn,
      { aadObjectId: user.aadObjectId, conversation: referenceFor(stub.url, user.upn), reachable: true },
      '2016-06-01T00:00:00Z',
    );
  }
  const server = await startServerProcess({
    TABLES_CONNECTION_STRING: proxied,
    TABLE_PREFIX: prefix,
    LOG_LEVEL: 'silent',
  });
  const teams = new TeamsClient(server.url, stub.url);
  const itemsOf = (u: number) =>
    Array.from({ length: items }, (_, i) => i)
      .filter((i) => i % owners === u)
      .map((i) => `a:A${i + 1}`);
  const submit = async (u: number, round: number) => {
    const mine = itemsOf(u);
    const item = mine[round % mine.length] ?? '';
    const start = performance.now();
    const res = await teams.execute(users[u]!, 'submitReturn', {
      cycle: cycle.key,
      item,
      n: String(1 + (round % mine.length)),
      items: mine.join(','),
      [`rag_${1 + (round % mine.length)}`]: 'amber',
      [`commentary_${1 + (round % mine.length)}`]: `Round ${round}: staffing gaps at two branches.`,
    });
    const card = JSON.stringify(res.body);
    if (res.status !== 200 || !card.includes('Amend'))
      throw new Error(`submit was not stored: ${res.status} ${card.slice(0, 600)}`);
    return performance.now() - start;
  };
  // Warm up: every submitter once (their first message stores their conversation reference).
  for (let u = 0; u < SUBMITTERS; u += 1) await submit(u, 0);
  const before = proxy.count();
  proxy.times.clear();
  const sequential: number[] = [];
  for (let r = 0; r < 200; r += 1)
    sequential.push(await submit(r % SUBMITTERS, 1 + Math.floor(r / SUBMITTERS)));
  const perSubmit = (proxy.count() - before) / 200;
  const storageTimes = Object.fromEntries(
    [...proxy.times].map(([kind, xs]) => [
      kind,
      { n: xs.length, p50Ms: percentile(xs, 50), p95Ms: percentile(xs, 95) },
    ]),
  );
  const together: number[] = [];
  for (let round = 10; round < 13; round += 1)
    together.push(...(await Promise.all(users.map((_, u) => submit(u, round)))));
  await server.stop();
  await stub.stop();
  proxy.close();
  const cardRead = async (u: number) => {
    const start = performance.now();
    await stores.returns.cards(cycle.key, ownerOf(u));
    return performance.now() - start;
  };
  const reads: number[] = [];
  for (let r = 0; r < 200; r += 1) reads.push(await cardRead(r % SUBMITTERS));
  const readsTogether: number[] = [];
  for (let round = 0; round < 3; round += 1)
    readsTogether.push(...(await Promise.all(users.map((_, u) => cardRead(u)))));
  await tables.drop();
  return {
    items,
    storedReturns,
    p50Ms: percentile(sequential, 50),
    p95Ms: percentile(sequential, 95),
    p99AtOnceMs: percentile(together, 99),
    atOnce: SUBMITTERS,
    storageRequestsPerSubmit: Math.round(perSubmit * 10) / 10,
    storageTimes,
    cardReadP95Ms: percentile(reads, 95),
    cardReadP99AtOnceMs: percentile(readsTogether, 99),
  };
}
