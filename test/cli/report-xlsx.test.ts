/**
 * `rag-chaser report --format xlsx`: the Excel committee pack, read back with read-excel-file and held
 * against the JSON report of the same quarter cell by cell (and the quarter before for the trend column),
 * and the year's pack against the year's JSON. Data: the previous release's tables (a closed 2015/16 Q4,
 * an open 2016/17 Q1 with answers).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import readXlsxFile from 'read-excel-file/node';
import type { Digest } from '../../src/domain/digest';
import type { YearReport } from '../../src/domain/year';
import { restoreTables } from '../../src/store/backup';
import { Tables } from '../../src/store/tables';
import { runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const FIXTURE = join(__dirname, '..', 'fixtures', 'tables-with-item-rows');
const WORD: Record<string, string> = { green: 'Green', amber: 'Amber', red: 'Red' };
const word = (r: string | undefined) => (r ? (WORD[r] ?? r) : null);
/** What a cell reads back as: an empty string is an empty cell. */
const cell = (v: string | number | undefined | null) => (v === '' || v === undefined ? null : v);

describe('the Excel committee pack (rag-chaser report --format xlsx)', () => {
  const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
  const cli = (...args: string[]) => runCli(args, env);
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));

  beforeAll(async () => {
    const tables = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX);
    await tables.ensure();
    await restoreTables(tables, FIXTURE);
  }, 30_000);

  it('matches the JSON report cell by cell: a sheet per outcome, one for KPIs, the quarter before as trend', async () => {
    const json = async (quarter: string) =>
      JSON.parse((await cli('report', '--quarter', quarter, '--format', 'json')).stdout) as Digest;
    const q1 = await json('2016/17-Q1');
    const q4 = await json('2015/16-Q4');
    const out = join(dir, 'q1.xlsx');
    const made = await cli('report', '--quarter', '2016/17-Q1', '--format', 'xlsx', '--out', out);
    expect(made.stdout).toMatch(/Wrote the 2016\/17 Q1 committee pack \(xlsx\)/);
    const sheets = await readXlsxFile(readFileSync(out));
    expect(sheets.map((s) => s.sheet)).toEqual([...q1.outcomes.map((o) => `Outcome ${o.number}`), 'KPIs']);
    const before = new Map(
      q4.outcomes.flatMap((o) => o.supportingOutcomes.flatMap((s) => s.activities)).map((a) => [a.id, a]),
    );
    for (const o of q1.outcomes) {
      const [header, ...rows] = sheets.find((s) => s.sheet === `Outcome ${o.number}`)!.data;
      expect(header?.slice(-1)).toEqual(['2015/16 Q4 rating']);
      const expected = o.supportingOutcomes.flatMap((so) =>
        so.activities.map((a) =>
          [
            `${so.number} ${so.title}`,
            a.id,
            a.text,
            a.function,
            a.districts.join('; '),
            a.owner,
            a.rag ? word(a.rag) : 'Not returned',
            a.commentary,
            a.evidence,
            a.late ? 'yes' : '',
            word(a.previous),
            a.travel,
            before.has(a.id) ? (word(before.get(a.id)?.rag) ?? 'Not returned') : '',
          ].map(cell),
        ),
      );
      expect(rows).toEqual(expected);
    }
    const [, ...kpis] = sheets.find((s) => s.sheet === 'KPIs')!.data;
    expect(kpis.map((r) => [r[1], r[4], r[5], r[6], r[7]])).toEqual(
      q1.kpis
        .map((k) =>
          [k.ref, k.value, k.value === undefined ? 'Not returned' : word(k.rag), k.floor, k.target].map(cell),
        )
        .concat(
          q1.indicators.map((i) =>
            [i.ref, i.value, i.band ?? (i.value === undefined ? 'Not returned' : ''), null, null].map(cell),
          ),
        ),
    );
  }, 90_000);

  it('the year’s pack matches the year’s JSON; without --out it says to give one, and writes nothing', async () => {
    const year = JSON.parse(
      (await cli('report', '--year', '2016/17', '--format', 'json')).stdout,
    ) as YearReport;
    const out = join(dir, 'year.xlsx');
    expect((await cli('report', '--year', '2016/17', '--format', 'xlsx', '--out', out)).code).toBe(0);
    const sheets = await readXlsxFile(readFileSync(out));
    for (const o of year.outcomes) {
      const [header, ...rows] = sheets.find((s) => s.sheet === `Outcome ${o.id}`)!.data;
      expect(header).toEqual(['Supporting outcome', 'Activity id', 'Activity', ...year.quarters, 'Trend']);
      expect(rows).toEqual(
        o.supportingOutcomes.flatMap((so) =>
          so.items.map((a) =>
            [
              `${so.id} ${so.title}`,
              a.id,
              a.title,
              ...a.ratings.map((r, i) => (a.inPlan[i] ? (word(r) ?? 'Not returned') : '')),
              a.trend,
            ].map(cell),
          ),
        ),
      );
    }
    const refused = await cli('report', '--quarter', '2016/17-Q1', '--format', 'xlsx');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/An Excel pack is a file: give --out/);
  }, 90_000);
});
