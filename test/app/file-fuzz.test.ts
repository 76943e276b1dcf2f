/**
 * Property-based fuzz (fast-check, bounded) over uploaded plan files, read in-process with the limits:
 * CSV shapes (columns, rows, quotes, long cells) and workbook shapes (zip parts, sizes, cells anywhere up
 * to XFD1048576, bad XML). Property: every file is read within the limits or refused with a
 * ValidationError that names the file; nothing else is ever thrown.
 */
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { FILE_LIMITS } from '../../src/files/file-limits';
import { readTables } from '../../src/files/read-table';
import { ValidationError } from '../../src/domain/errors';
import { samplePlanXlsx } from '../support/hostile-files';

const RUNS = {
  numRuns: 60,
  interruptAfterTimeLimit: 20_000,
  seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1e9),
};

async function readOrRefuse(bytes: Uint8Array, name: string): Promise<void> {
  try {
    const tables = await readTables(bytes, name);
    for (const { table } of tables) {
      expect(table.header.length).toBeLessThanOrEqual(FILE_LIMITS.columns);
      expect(table.rows.length).toBeLessThanOrEqual(FILE_LIMITS.rows);
    }
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.length).toBeGreaterThan(0);
  }
}

const cell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '""', '"a,b"', '\n', '\r\n', '=cmd|" /c calc"!A1', '\ufeff', 'x'.repeat(3000)),
);

it('CSV files of any shape are read within the limits or refused with a ValidationError', async () => {
  const csv = fc
    .tuple(
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 0, max: 60 }),
      fc.array(cell, { minLength: 1, maxLength: 8 }),
    )
    .map(([columns, rows, cells]) => {
      const header = Array.from({ length: columns }, (_, i) => (i === 0 ? 'activity_id' : `c${i}`)).join(',');
      const line = (r: number) =>
        Array.from({ length: Math.min(columns, 40) }, (_, i) => cells[(r + i) % cells.length]).join(',');
      return strToU8([header, ...Array.from({ length: rows }, (_, r) => line(r))].join('\n'));
    });
  await fc.assert(
    fc.asyncProperty(fc.oneof(csv, fc.uint8Array({ maxLength: 4000 })), (bytes) =>
      readOrRefuse(bytes, 'activities.csv'),
    ),
    RUNS,
  );
}, 60_000);

it('workbooks of any shape (cells anywhere, parts added, damaged XML) are read or refused', async () => {
  const sample = unzipSync(samplePlanXlsx());
  const sheetName = Object.keys(sample).find((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n))!;
  const column = fc.integer({ min: 1, max: 16384 }).map((n) => {
    let s = '';
    for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
    return s;
  });
  const ref = fc.tuple(column, fc.integer({ min: 1, max: 1_048_576 })).map(([c, r]) => ({ c, r }));
  const workbook = fc
    .record({
      cells: fc.array(ref, { maxLength: 4 }),
      padding: fc.constantFrom(0, 0, 0, 0, 1, 70),
      extraParts: fc.integer({ min: 0, max: 600 }),
      damage: fc.boolean(),
    })
    .map(({ cells, padding, extraParts, damage }) => {
      const parts: Zippable = { ...sample };
      const xml = new TextDecoder().decode(sample[sheetName]);
      const added = cells
        .map(({ c, r }) => `<row r="${r}"><c r="${c}${r}" t="inlineStr"><is><t>x</t></is></c></row>`)
        .join('');
      parts[sheetName] = strToU8(
        damage ? xml.slice(0, xml.length / 2) : xml.replace('</sheetData>', `${added}</sheetData>`),
      );
      if (padding) parts['xl/media/pad.bin'] = new Uint8Array(padding * 1024 * 1024);
      for (let i = 0; i < extraParts; i += 1) parts[`xl/extra/p${i}.xml`] = strToU8('<x/>');
      return zipSync(parts, { level: 1 });
    });
  await fc.assert(
    fc.asyncProperty(workbook, (bytes) => readOrRefuse(bytes, 'plan.xlsx')),
    { ...RUNS, numRuns: 25 },
  );
}, 120_000);
