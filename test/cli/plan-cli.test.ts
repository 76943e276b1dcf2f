import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, importSampleWithCli, runCli } from '../support/cli';
import { SAMPLE_DIR } from '../support/samples';
import { testConnectionString, uniquePrefix } from '../support/tables';

describe('rag-chaser plan import / status (child processes)', () => {
  it('embedded Azurite: the plan imported by one process is there for the next (persisted under DATA_DIR)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rag-chaser-'));
    const env = { DATA_DIR: join(dir, 'data'), EMBEDDED_TABLES_PORT: String(await freePort()) };
    try {
      const empty = await runCli(['status'], env);
      expect(empty.stdout).toMatch(/No plan loaded yet/);
      const imported = await importSampleWithCli(env);
      expect(imported.stdout).toMatch(/86 activities, 13 KPIs and indicators/);
      const status = await runCli(['status'], env);
      expect(status.code).toBe(0);
      expect(status.stdout).toMatch(
        /4 outcomes, 13 supporting outcomes, 86 activities, 9 KPIs, 4 activity indicators/,
      );
      expect(status.stdout.match(/^ {4}LRA-\d\.\d\.\d\d /gm)).toHaveLength(86);
      expect(status.stdout).toMatch(/Outcome 4: KCC complies with all legislation/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a broken file: every problem by row and column on stderr, exit 2, tables unchanged', async () => {
    const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
    const dir = mkdtempSync(join(tmpdir(), 'rag-chaser-'));
    const broken = join(dir, 'broken.csv');
    writeFileSync(
      broken,
      [
        'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy',
        'X1,Outcome,SO,Stock,Text,Why,Countywide,,stock@example.org,',
        'X1,Outcome,SO,Stock,Text,Why,Countywide,,nobody,',
      ].join('\n'),
    );
    try {
      await runCli(['plan', 'import', join(SAMPLE_DIR, 'activities.csv')], env);
      const result = await runCli(['plan', 'import', broken], env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/broken\.csv, row 3, column activity_id: Duplicate activity_id "X1"/);
      expect(result.stderr).toMatch(/broken\.csv, row 3, column owner: "nobody" is not an email address/);
      const status = await runCli(['status'], env);
      expect(status.stdout).toMatch(/86 activities/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('an unknown command or missing argument exits 2 with usage', async () => {
    const result = await runCli(['plan', 'import'], { TABLES_CONNECTION_STRING: testConnectionString() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/missing required argument/);
  });

  it('a wrong environment value stops with a message naming the variable', async () => {
    const result = await runCli(['status'], {
      TABLE_PREFIX: 'bad-prefix!',
      TABLES_CONNECTION_STRING: testConnectionString(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/TABLE_PREFIX: letters and digits only/);
  });
});
