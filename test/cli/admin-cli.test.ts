/**
 * The admin's CLI: which storage it used (stderr), --version, --json, production refusing the embedded
 * Azurite, and backup/restore round-tripped byte for byte on a seeded quarter with history.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { submitReturn } from '../../src/app/returns/submit-return';
import { loadConfig } from '../../src/config';
import { tableStores } from '../../src/store';
import { Tables } from '../../src/store/tables';
import { importSampleWithCli, runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
const dir = mkdtempSync(join(tmpdir(), 'rag-chaser-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await importSampleWithCli(env);
  expect((await runCli(['cycle', 'open', '--quarter', '2016/17-Q1'], env)).code).toBe(0);
  const repos = tableStores(new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX));
  const deps = { ...repos, zone: 'Europe/London' };
  const answer = (commentary: string, at: string) =>
    submitReturn(deps, {
      cycleKey: '2016-17-Q1',
      item: 'a:LRA-1.1.01',
      answer: { rag: 'amber', commentary, evidence: '“Brilliant” — a parent, Gravesend' },
      by: 'area-ops.gravesham@example.org',
      serviceManager: false,
      now: at,
    });
  await answer('First answer, £1.2m bid', new Date().toISOString());
  await answer('Amended: café partners ñ', new Date().toISOString());
}, 90_000);

describe('the admin CLI', () => {
  it('production (an app id) with no storage variable refuses to start, naming both variables', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'app', MicrosoftAppPassword: 'x' })).toThrow(
      /TABLES_ENDPOINT.*TABLES_CONNECTION_STRING/s,
    );
  });

  it('says on stderr which storage each command used; --version; --json', async () => {
    const status = await runCli(['status', '--json'], env);
    expect(status.code).toBe(0);
    expect(status.stderr).toMatch(
      new RegExp(`Storage: Table Storage \\(connection string\\), tables prefixed "${env.TABLE_PREFIX}"`),
    );
    const body = JSON.parse(status.stdout) as {
      cycle: { key: string };
      answered: number;
      owners: { upn: string }[];
    };
    expect(body.cycle.key).toBe('2016-17-Q1');
    expect(body.answered).toBe(1);
    expect(body.owners.some((o) => o.upn === 'area-ops.gravesham@example.org')).toBe(true);

    const schedule = await runCli(['schedule', 'show', '--json', '--quarter', '2016/17-Q2'], env);
    const s = JSON.parse(schedule.stdout) as {
      quarter: string;
      steps: unknown[];
      schedule: { timeOfDay: string };
    };
    expect(s.quarter).toBe('2016/17 Q2');
    expect(s.schedule.timeOfDay).toBe('09:00');

    const version = await runCli(['--version'], {});
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version,
    );
  }, 30_000);

  it('backup then restore into a new prefix gives back every table byte for byte', async () => {
    const first = join(dir, 'first');
    const backup = await runCli(['backup', '--out', first], env);
    expect(backup.code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(first, 'manifest.json'), 'utf8')) as {
      prefix: string;
      tables: Record<string, number>;
    };
    expect(manifest.prefix).toBe(env.TABLE_PREFIX);
    expect(manifest.tables.returns).toBeGreaterThanOrEqual(3); // the answer and two history rows
    expect(readFileSync(join(first, 'returns.jsonl'), 'utf8')).toMatch(/café partners ñ/);

    const prefix = uniquePrefix();
    const restore = await runCli(['restore', first, '--prefix', prefix], env);
    expect(restore.stderr).not.toMatch(/^\s+at /m);
    expect(restore.code).toBe(0);
    const second = join(dir, 'second');
    expect((await runCli(['backup', '--out', second], { ...env, TABLE_PREFIX: prefix })).code).toBe(0);
    for (const file of readdirSync(first).filter((f) => f.endsWith('.jsonl')))
      expect(readFileSync(join(second, file))).toEqual(readFileSync(join(first, file)));
    // The restored tables work: status reads the same quarter.
    const status = await runCli(['status', '--json'], { ...env, TABLE_PREFIX: prefix });
    expect((JSON.parse(status.stdout) as { answered: number }).answered).toBe(1);

    // Restoring into tables that hold data is refused, and changes nothing.
    const again = await runCli(['restore', first, '--prefix', prefix], env);
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/already hold data/);
    expect((await runCli(['backup', '--out', join(dir, 'not-a-backup')], env)).code).toBe(0);
    expect((await runCli(['restore', dir], env)).stderr).toMatch(/no manifest.json/);
    expect((await runCli(['backup', '--out', first], env)).stderr).toMatch(/not empty/);
  }, 90_000);
});
