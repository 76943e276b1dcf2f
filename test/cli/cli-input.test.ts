/**
 * "Exit 2 = bad input, nothing changed": every bad argument is refused before the command writes
 * anything, with a message and no stack trace (child processes, real Azurite).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Tables } from '../../src/store/tables';
import { importSampleWithCli, runCli } from '../support/cli';
import { SAMPLE_DIR } from '../support/samples';
import { dump, testConnectionString, uniquePrefix } from '../support/tables';

const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
const tables = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX);
const dir = mkdtempSync(join(tmpdir(), 'rag-chaser-cli-'));
const activities = join(SAMPLE_DIR, 'activities.csv');
const kpisWith = (floor: string) => {
  const path = join(dir, `kpis-${floor.length}.csv`);
  const [header = '', first = '', ...rest] = readFileSync(join(SAMPLE_DIR, 'kpis.csv'), 'utf8').split('\n');
  writeFileSync(path, [header, first.replace(',90,95,', `,${floor},95,`), ...rest].join('\n'));
  return path;
};

const everything = async () => ({
  plan: await dump(tables, 'plan'),
  cycles: await dump(tables, 'cycles'),
  returns: await dump(tables, 'returns'),
});

beforeAll(async () => {
  await importSampleWithCli(env);
  expect((await runCli(['cycle', 'open', '--quarter', '2016/17-Q1'], env)).code).toBe(0);
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const refused: [string, string[], RegExp][] = [
  ['a broken file with --rollup', ['plan', 'import', kpisWith('90'), '--rollup', 'worst'], /header/],
  ['a bad --rollup', ['plan', 'import', activities, '--rollup', 'best'], /not majority or worst/],
  [
    'a 400-digit floor, even on a dry run',
    ['plan', 'import', activities, '--kpis', kpisWith('9'.repeat(400)), '--dry-run'],
    /too large/,
  ],
  [
    'a 100,000-character --name',
    ['plan', 'import', activities, '--name', 'n'.repeat(100_000)],
    /--name takes/,
  ],
  ['a missing file', ['plan', 'import', join(dir, 'nope.csv')], /cannot be read/],
  ['a folder for a file', ['plan', 'import', dir], /is a folder/],
  ['a header with a repeated column', ['plan', 'import', join(dir, 'repeated.csv')], /column twice/],
  [
    'a bad --quarter on schedule set',
    ['schedule', 'set', '--time', '09:30', '--quarter', 'garbage'],
    /not a quarter/,
  ],
  ['a quarter without bank holidays', ['cycle', 'open', '--quarter', '2099/00-Q1'], /bank holidays/],
  ['an empty --now', ['tick', '--now', ''], /not an ISO-8601 instant/],
  [
    'a report into a missing folder',
    ['report', '--format', 'md', '--out', join(dir, 'no', 'r.md')],
    /does not exist/,
  ],
  ['a report into a folder', ['report', '--format', 'md', '--out', dir], /is a folder/],
  ['a bad --format', ['report', '--format', 'pdf'], /not one of: md, csv, html, json, xlsx/],
  ['a bad purge --before', ['purge', '--before', '2016/17-Q9'], /not a quarter/],
];

describe('rag-chaser refuses bad input with exit 2 and changes nothing', () => {
  beforeAll(() => {
    const text = readFileSync(activities, 'utf8').split('\n');
    writeFileSync(
      join(dir, 'repeated.csv'),
      [`${text[0]},owner`, ...text.slice(1).map((l) => (l ? `${l},x@example.org` : l))].join('\n'),
    );
  });

  it.each(refused)('%s', async (_what, args, message) => {
    const before = await everything();
    const result = await runCli(args, env);
    expect(result.stderr).toMatch(message);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    expect(await everything()).toEqual(before);
  });
});
