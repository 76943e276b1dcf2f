/**
 * Backups are private and checked: files only their owner can read, a hash of every file in the manifest
 * (a changed or cut file is refused), no row restored that would point the bot at a foreign serviceUrl,
 * and a restore that stopped half-way finished with --resume, byte for byte.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tables } from '../../src/store/tables';
import { importSampleWithCli, runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
const dir = mkdtempSync(join(tmpdir(), 'rag-chaser-safety-'));
const backup = join(dir, 'backup');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  await importSampleWithCli(env);
  expect((await runCli(['backup', '--out', backup], env)).code).toBe(0);
}, 90_000);

const copyOf = (name: string) => {
  const to = join(dir, name);
  cpSync(backup, to, { recursive: true });
  return to;
};
const sha = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

it('writes the folder and every file for its owner only, with a hash of each file', () => {
  expect(statSync(backup).mode & 0o777).toBe(0o700);
  for (const file of readdirSync(backup))
    expect([file, statSync(join(backup, file)).mode & 0o777]).toEqual([file, 0o600]);
  const manifest = JSON.parse(readFileSync(join(backup, 'manifest.json'), 'utf8')) as {
    sha256: Record<string, string>;
  };
  expect(manifest.sha256.plan).toBe(sha(join(backup, 'plan.jsonl')));
});

it('refuses a file that changed since the backup, writing nothing', async () => {
  const changed = copyOf('changed');
  const plan = join(changed, 'plan.jsonl');
  writeFileSync(plan, readFileSync(plan, 'utf8').split('\n').slice(0, 10).join('\n'));
  const prefix = uniquePrefix();
  const result = await runCli(['restore', changed, '--prefix', prefix], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/plan\.jsonl is not the file the backup wrote/);
  const tables = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, prefix);
  await expect(tables.client('plan').getEntity('meta', 'plan')).rejects.toThrow();
});

it('refuses a row that would send the bot (and its token) to a host that is not Teams', async () => {
  const forged = copyOf('forged');
  const people = join(forged, 'people.jsonl');
  const row = {
    partitionKey: 'person',
    rowKey: 'area-ops.dover@example.org',
    conversation: JSON.stringify({
      conversation: { id: 'a:1' },
      serviceUrl: 'https://collector.attacker.example/',
    }),
  };
  writeFileSync(people, `${readFileSync(people, 'utf8')}${JSON.stringify(row)}\n`);
  // An attacker who can edit the folder can fix the hash too: the row itself is checked.
  const manifestPath = join(forged, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    sha256: Record<string, string>;
    tables: Record<string, number>;
  };
  manifest.sha256.people = sha(people);
  manifest.tables.people = (manifest.tables.people ?? 0) + 1;
  writeFileSync(manifestPath, JSON.stringify(manifest));
  const result = await runCli(['restore', forged, '--prefix', uniquePrefix()], env);
  expect(result.code).toBe(2);
  expect(result.stderr).toMatch(/not Teams' Bot Connector[\s\S]*collector\.attacker\.example/);
});

it('a restore that stopped half-way is refused again, and finished with --resume byte for byte', async () => {
  const prefix = uniquePrefix();
  expect((await runCli(['restore', backup, '--prefix', prefix], env)).code).toBe(0);
  // As if it stopped half-way: part of the plan table is gone.
  const plan = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, prefix).client('plan');
  let removed = 0;
  for await (const e of plan.listEntities()) {
    if (removed >= 40) break;
    await plan.deleteEntity(e.partitionKey ?? '', e.rowKey ?? '');
    removed += 1;
  }
  const again = await runCli(['restore', backup, '--prefix', prefix], env);
  expect(again.code).toBe(2);
  expect(again.stderr).toMatch(/run it again with --resume/);
  expect((await runCli(['restore', backup, '--prefix', prefix, '--resume'], env)).code).toBe(0);
  const second = join(dir, 'second');
  expect((await runCli(['backup', '--out', second], { ...env, TABLE_PREFIX: prefix })).code).toBe(0);
  for (const file of readdirSync(backup).filter((f) => f.endsWith('.jsonl')))
    expect([file, readFileSync(join(second, file), 'utf8')]).toEqual([
      file,
      readFileSync(join(backup, file), 'utf8'),
    ]);
}, 90_000);
