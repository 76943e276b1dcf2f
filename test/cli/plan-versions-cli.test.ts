/**
 * Upgrading: the tables of the previous release (test/fixtures/tables-with-item-rows: a closed 2015/16 Q4
 * and an open 2016/17 Q1 with answers) read as plan version 1 from the first quarter; next year's plan
 * imported with the CLI becomes version 2 from the first quarter not yet opened, and the earlier
 * quarters' reports are byte for byte what they were. `--dry-run` says what the version does first.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { restoreTables } from '../../src/store/backup';
import { Tables } from '../../src/store/tables';
import { runCli } from '../support/cli';
import { SAMPLE_DIR } from '../support/samples';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const FIXTURE = join(__dirname, '..', 'fixtures', 'tables-with-item-rows');

describe('plan versions in the CLI, on the previous release tables', () => {
  const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
  const cli = (...args: string[]) => runCli(args, env);
  const report = async (quarter: string) =>
    (await cli('report', '--quarter', quarter, '--format', 'md')).stdout;
  const dir = mkdtempSync(join(tmpdir(), 'versions-'));
  const next = join(dir, 'activities-2017-18.csv');

  beforeAll(async () => {
    const tables = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX);
    await tables.ensure();
    await restoreTables(tables, FIXTURE);
    const lines = readFileSync(join(SAMPLE_DIR, 'activities.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(
      next,
      `${lines
        .filter((l) => !l.startsWith('LRA-1.1.02,'))
        .map((l) => l.replace('MakerSpace Day', 'MakerSpace Week'))
        .join('\n')}\n`,
    );
  }, 30_000);

  it('the old plan is version 1; next year is version 2 and the earlier quarters read as before', async () => {
    const before = JSON.parse((await cli('plan', 'versions', '--json')).stdout) as {
      version: number;
      from: string;
      quarters: string[];
    }[];
    expect(before.map((v) => [v.version, v.from])).toEqual([[1, '']]);
    expect(before[0]?.quarters.length).toBeGreaterThanOrEqual(2);
    const reports = { q4: await report('2015/16-Q4'), q1: await report('2016/17-Q1') };

    const dry = await cli('plan', 'import', next, '--dry-run');
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(
      /Version 2, in force from 2016\/17 Q2: 1 retired, 1 reworded or reassigned\. Not touched: 2016\/17 Q1 \(open, keeps its version\)\./,
    );
    expect(JSON.parse((await cli('plan', 'versions', '--json')).stdout)).toHaveLength(1);

    const imported = await cli('plan', 'import', next);
    expect(imported.code).toBe(0);
    const after = JSON.parse((await cli('plan', 'versions', '--json')).stdout) as {
      version: number;
      from: string;
      quarters: string[];
    }[];
    expect(after.map((v) => [v.version, v.from, v.quarters.length])).toEqual([
      [1, '', before[0]?.quarters.length],
      [2, '2016-17-Q2', 0],
    ]);
    expect(await report('2015/16-Q4')).toBe(reports.q4);
    expect(await report('2016/17-Q1')).toBe(reports.q1);
    expect((await cli('plan', 'versions')).stdout).toMatch(
      /Version 2: .*in force from 2016\/17 Q2.*quarters: none yet/,
    );
  }, 90_000);

  it('report --year gives the year end (or --half the mid-year) from the quarters opened; bad input exits 2', async () => {
    const year = await cli('report', '--year', '2016/17', '--format', 'md');
    expect(year.code).toBe(0);
    expect(year.stdout).toMatch(/2016\/17, year end[\s\S]*\| \| 2016\/17 Q1 \| Trend \|/);
    const half = await cli('report', '--year', '2016/17', '--half', '--format', 'csv');
    expect(half.stdout.startsWith('\ufeff"level"')).toBe(true);
    for (const args of [
      ['--half'],
      ['--year', '2016-2017'],
      ['--year', '2016/17', '--quarter', '2016/17-Q1'],
    ]) {
      const bad = await cli('report', '--format', 'md', ...args);
      expect([args.join(' '), bad.code]).toEqual([args.join(' '), 2]);
    }
    expect((await cli('report', '--year', '2019/20', '--format', 'md')).stderr).toMatch(
      /No quarter of 2019\/20 was opened/,
    );
  }, 60_000);
});
