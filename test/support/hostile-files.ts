/** Files an attacker (or a careless manager) might send as a plan: each small on the wire, huge once read. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';

const SAMPLE = join(__dirname, '..', '..', 'samples', 'lra-2016-17');
export const samplePlanXlsx = (): Uint8Array => readFileSync(join(SAMPLE, 'plan.xlsx'));

/** The sample workbook with one more cell in its first sheet, at the reference given (e.g. XFD1048576). */
export function workbookWithCellAt(ref: string): Uint8Array {
  const parts = unzipSync(samplePlanXlsx());
  const name = Object.keys(parts).find((n) => /^xl\/worksheets\/[^/]+\.xml$/.test(n));
  if (!name) throw new Error('the sample has no sheet');
  const row = /\d+$/.exec(ref)?.[0] ?? '1';
  const xml = new TextDecoder().decode(parts[name]);
  parts[name] = strToU8(
    xml.replace(
      '</sheetData>',
      `<row r="${row}"><c r="${ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>`,
    ),
  );
  return zipSync(parts, { level: 6 });
}

/** A workbook with one extra part of `megabytes` of zeros: a few hundred KB on the wire. */
export function zipBomb(megabytes: number): Uint8Array {
  const parts = unzipSync(samplePlanXlsx());
  parts['xl/media/padding.bin'] = new Uint8Array(megabytes * 1024 * 1024);
  return zipSync(parts, { level: 9 });
}

/** A CSV whose header names `columns` columns (about 9 bytes each), then a few rows. */
export function wideCsv(columns: number, rows = 3): Uint8Array {
  const header = Array.from({ length: columns }, (_, i) => `col${i}`).join(',');
  const line = Array.from({ length: columns }, () => '').join(',');
  return strToU8([header, ...Array.from({ length: rows }, () => `x${line}`)].join('\n'));
}

/** A CSV of the activities header and `rows` rows of one short cell. */
export function longCsv(rows: number): Uint8Array {
  return strToU8(['activity_id,outcome', ...Array.from({ length: rows }, (_, i) => `A${i},o`)].join('\n'));
}
