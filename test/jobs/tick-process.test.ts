/**
 * The server's minute tick in a process of its own (the built dist/jobs/tick-worker.js, as the server
 * forks it): it sends the quarter's chase through the real sender, answers its report, and carries none
 * of the bot's modules; a failure comes back as a message, never a hang.
 */
import { readImportFile } from '../../src/files/read-table';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { importPlan } from '../../src/app/plan/import-plan';
import { tickInChild } from '../../src/jobs/tick-process';
import { openRuntime } from '../../src/runtime';
import { freePort } from '../support/cli';
import { csv } from '../support/samples';
import { bigPlan, owner } from '../support/big-plan';
import { ConnectorStub } from '../support/connector-stub';
import { installAll } from '../support/install-stub';
import { testConnectionString } from '../support/tables';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
const WORKER = join(__dirname, '..', '..', 'dist', 'jobs', 'tick-worker.js');

describe('the minute tick in a process of its own', () => {
  const stub = new ConnectorStub();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('chases every owner once, answers its report with its memory, and loads neither teams-ai nor the bot modules', async () => {
    const { prefix, repos, tables } = await bigPlan(30);
    const owners = Array.from({ length: 30 }, (_, i) => owner(i + 1));
    await installAll(repos.people, stub.url, owners);
    const config = loadConfig({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      SERVICE_MANAGERS: owner(1),
    });
    // Lists what the tick process had loaded when it exited.
    const dir = mkdtempSync(join(tmpdir(), 'tick-'));
    const probe = join(dir, 'modules.cjs');
    writeFileSync(
      probe,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'modules.json'))}, JSON.stringify(Object.keys(require.cache))));`,
    );
    const report = await tickInChild(config, '2016-07-01T08:00:00Z', {
      worker: WORKER,
      execArgv: ['--require', probe],
    });

    expect(report.opened).toEqual(['2016-17-Q1']);
    const chase = report.steps.find((s) => s.step === 'chase');
    expect(chase?.complete).toBe(true);
    expect([...(chase?.result.sent ?? [])].sort()).toEqual(owners);
    for (const upn of owners)
      expect([
        upn,
        stub.cards(`a:${upn}`).filter((c) => JSON.stringify(c).includes('Quarterly return')).length,
      ]).toEqual([upn, 1]);
    expect(report.peakRssMb).toBeGreaterThan(30);
    const modules = JSON.parse(readFileSync(join(dir, 'modules.json'), 'utf8')) as string[];
    expect(modules.some((m) => m.includes('tick-services'))).toBe(true);
    expect(modules.filter((m) => /teams-ai|[/\\]dist[/\\]bot[/\\]/.test(m))).toEqual([]);

    // The same minute again (a second instance, a retry): nothing is sent twice.
    const again = await tickInChild(config, '2016-07-01T08:00:00Z', { worker: WORKER });
    expect(again.opened).toEqual([]);
    expect(again.steps.flatMap((s) => s.result.sent)).toEqual([]);
    expect(stub.received.length).toBe(owners.length + 1);
    await tables.drop();
  }, 60_000);

  it('finishes its sends when interrupted (Ctrl-C reaches the whole process group; the server waits for it)', async () => {
    const { prefix, repos, tables } = await bigPlan(120);
    const owners = Array.from({ length: 120 }, (_, i) => owner(i + 1));
    await installAll(repos.people, stub.url, owners);
    const before = stub.received.length;
    const config = loadConfig({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    });
    let pid = 0;
    const ticking = tickInChild(config, '2016-07-01T08:00:00Z', {
      worker: WORKER,
      onStart: (p) => (pid = p),
    });
    // Interrupted once sending has begun (the stand-in paces nothing; Teams' limits pace the sender).
    while (stub.received.length === before) await new Promise((r) => setTimeout(r, 20));
    process.kill(pid, 'SIGINT');
    process.kill(pid, 'SIGTERM');
    const report = await ticking;
    expect(report.steps.find((s) => s.step === 'chase')?.complete).toBe(true);
    const sent = stub.received.slice(before).map((r) => r.conversationId);
    expect([sent.length, new Set(sent).size]).toEqual([owners.length, owners.length]);
    await tables.drop();
  }, 60_000);

  it("reaches the server's embedded Azurite in local mode (the server hands it the running one)", async () => {
    const config = loadConfig({
      DATA_DIR: mkdtempSync(join(tmpdir(), 'local-')),
      EMBEDDED_TABLES_PORT: String(await freePort()),
      LOG_LEVEL: 'silent',
    });
    const rt = await openRuntime(config);
    const owners = [owner(1), owner(2), owner(3)];
    await importPlan(rt.plans, {
      read: readImportFile,
      activities: csv(
        'small.csv',
        [HEADER, ...owners.map((o, i) => `A${i + 1},O,S,F,Activity ${i + 1},Why,Branch,,${o},`)].join('\n'),
      ),
      name: 'Local plan',
      now: '2016-06-01T00:00:00Z',
    });
    await installAll(rt.people, stub.url, owners);
    const report = await tickInChild({ ...config, storage: rt.storageForChildren }, '2016-07-01T08:00:00Z', {
      worker: WORKER,
    });
    expect([...(report.steps.find((s) => s.step === 'chase')?.result.sent ?? [])].sort()).toEqual(owners);
    expect((await rt.cycles.get('2016-17-Q1'))?.completed).toContain('chase');
    await rt.close();
  }, 60_000);

  it('says why when the tick cannot run', async () => {
    const config = loadConfig({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TIMEZONE: 'Europe/London',
      LOG_LEVEL: 'silent',
    });
    await expect(
      tickInChild(
        { ...config, storage: { kind: 'connectionString', connectionString: 'not a connection string' } },
        '2016-07-01T08:00:00Z',
        { worker: WORKER },
      ),
    ).rejects.toThrow(/the tick process failed: .+/);
  }, 30_000);
});

describe('the tick process watchdog', () => {
  it('kills a tick process that hangs and reports the tick failed, so later ticks are not blocked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hung-'));
    const hung = join(dir, 'hung.cjs');
    // A worker that takes the request and never answers or exits.
    writeFileSync(hung, "process.on('message', () => {}); setInterval(() => {}, 1000);");
    const config = loadConfig({ TABLES_CONNECTION_STRING: testConnectionString(), LOG_LEVEL: 'silent' });
    let pid = 0;
    await expect(
      tickInChild(config, '2016-07-01T08:00:00Z', {
        worker: hung,
        timeoutMs: 500,
        onStart: (p) => (pid = p),
      }),
    ).rejects.toThrow(/was stopped; the next tick goes on where it stopped/);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
