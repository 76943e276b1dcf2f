/**
 * The dashboard at council scale: a 10,000-item plan (activities and KPIs) with five quarters of returns,
 * the first four published. GET /api/dashboard over HTTP for five quarters against one quarter (p95, as a
 * ratio measured in the same run), the response's size, and the page's first paint and first data in
 * headless Chromium. Figures only: never asserted in tests.
 */
import { performance } from 'node:perf_hooks';
import { existsSync } from 'node:fs';
import { importPlan } from '../src/app/plan/import-plan';
import { loadConfig } from '../src/config';
import { planCycle } from '../src/domain/cycle';
import { parseQuarter } from '../src/domain/quarter';
import { planItems } from '../src/domain/returns';
import { DEFAULT_SCHEDULE } from '../src/domain/schedule';
import { readImportFile } from '../src/files/read-table';
import { createLogger } from '../src/logger';
import { startServer } from '../src/server';
import { chromium } from 'playwright-core';

const ZONE = 'Europe/London';
const MANAGER = 'service-manager@example.org';
const QUARTERS = ['2015/16 Q3', '2015/16 Q4', '2016/17 Q1', '2016/17 Q2', '2016/17 Q3'];

export interface DashboardFigures {
  readonly items: number;
  readonly quarters: number;
  readonly oneQuarterP95Ms: number;
  readonly fiveQuartersP95Ms: number;
  readonly fiveToOne: number;
  readonly firstRequestMs: number;
  readonly payloadKb: number;
  readonly firstPaintMs: number | undefined;
  readonly firstDataMs: number | undefined;
}

const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1] ?? 0;

export async function dashboardBench(connectionString: string, items: number): Promise<DashboardFigures> {
  const prefix = `dash${Date.now() % 100000}`;
  const server = await startServer(
    loadConfig({
      TABLES_CONNECTION_STRING: connectionString,
      TABLE_PREFIX: prefix,
      SERVICE_MANAGERS: MANAGER,
      SCHEDULER_ENABLED: 'false',
      PORT: '0',
      LOG_LEVEL: 'silent',
    }),
    createLogger('silent'),
  );
  const deps = server.services;
  const header =
    'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
  const rows = Array.from(
    { length: items },
    (_, i) =>
      `A${i + 1},Outcome ${1 + (i % 4)},Supporting outcome ${1 + (i % 40)},Area operations,Activity number ${i + 1} with a realistic length of text to describe it,Why,Branch ${i % 100},,owner-${i % 1000}@example.org,`,
  );
  await importPlan(deps.plans, {
    read: readImportFile,
    activities: { name: 'big.csv', bytes: new TextEncoder().encode([header, ...rows].join('\n')) },
    name: 'Bench',
    now: '2015-06-01T00:00:00Z',
  });
  const plan = (await deps.plans.load())!;
  for (const [n, label] of QUARTERS.entries()) {
    const cycle = planCycle(
      parseQuarter(label),
      DEFAULT_SCHEDULE,
      ZONE,
      `201${5 + Math.floor(n / 2)}-01-01T08:00:00Z`,
      'bench',
    );
    await deps.cycles.create(cycle);
    const all = planItems(plan);
    let i = 0;
    await Promise.all(
      Array.from({ length: 16 }, async () => {
        for (let item = all[i++]; item; item = all[i++])
          if ((i + n) % 13 !== 0)
            await deps.returns.save(
              cycle.key,
              {
                item: item.key,
                rag: (['green', 'amber', 'red'] as const)[(i * 7 + n) % 3],
                commentary: 'A commentary of a couple of sentences, as owners write them. '.repeat(2),
                evidence: '',
                submittedBy: 'x@example.org',
                submittedAt: '2015-01-05T10:00:00Z',
                late: i % 17 === 0,
                version: 1,
              },
              undefined,
            );
      }),
    );
    if (n < QUARTERS.length - 1)
      await deps.digests.markPublished(cycle.key, { by: 'bench', at: '2020-01-01T00:00:00Z' });
  }
  const get = async (query: string) => {
    const start = performance.now();
    const response = await fetch(`${server.url}/api/dashboard?${query}`, {
      headers: { 'X-Local-User': MANAGER },
    });
    const body = await response.arrayBuffer();
    if (!response.ok) throw new Error(`dashboard answered ${response.status}`);
    return { ms: performance.now() - start, bytes: body.byteLength };
  };
  const firstRequest = await get('');
  const five: number[] = [];
  const one: number[] = [];
  let payload = firstRequest.bytes;
  // Alternated, so both see the same machine.
  for (let run = 0; run < 20; run += 1) {
    one.push((await get('from=2016-17-Q3&to=2016-17-Q3')).ms);
    const r = await get('');
    five.push(r.ms);
    payload = r.bytes;
  }
  let firstPaintMs: number | undefined;
  let firstDataMs: number | undefined;
  if (existsSync('/usr/bin/chromium')) {
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'],
    });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}/tabs/dashboard?user=${encodeURIComponent(MANAGER)}`);
    await page.waitForSelector('#items-table tbody tr');
    const timings = await page.evaluate<{ paint: number; data: number }>(
      "({ paint: (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime || 0, data: performance.now() })",
    );
    firstPaintMs = Math.round(timings.paint);
    firstDataMs = Math.round(timings.data);
    await browser.close();
  }
  await server.stop();
  const round = (x: number) => Math.round(x);
  return {
    items,
    quarters: QUARTERS.length,
    oneQuarterP95Ms: round(p95(one)),
    fiveQuartersP95Ms: round(p95(five)),
    fiveToOne: Math.round((p95(five) / p95(one)) * 100) / 100,
    firstRequestMs: round(firstRequest.ms),
    payloadKb: Math.round(payload / 1024),
    firstPaintMs,
    firstDataMs,
  };
}
