/**
 * Hard limits on an uploaded plan file, checked before it is parsed into rows: a workbook's zip entries are
 * inflated with their real sizes counted (never trusting the sizes the zip declares), and every sheet's
 * cell references are read for the widest column and the deepest row, because the XLSX reader pads each
 * row to the widest column (one cell at XFD1048576 would be 17 billion cells). A plan of 10,000 activities
 * is far inside every limit.
 */
import { Unzip, UnzipInflate } from 'fflate';
import { ValidationError } from '../domain/errors';

export const FILE_LIMITS = {
  /** Columns in a table (an activities table has 11, a KPIs table 16). */
  columns: 64,
  /** Data rows in a table. */
  rows: 20_000,
  /** Cells in a table (rows x columns). */
  cells: 500_000,
  /** Characters of one CSV record (a row with the longest justifications is a few KB). */
  recordChars: 1_000_000,
  /** Bytes of a workbook once inflated (a 10,000-activity workbook is about 6 MB). */
  inflatedBytes: 64 * 1024 * 1024,
  /** Entries in a workbook's zip. */
  zipEntries: 500,
} as const;

const SAVE_AS = 'Save the plan with only the activities and KPIs, each as one table starting at A1.';

export function tooLarge(file: string, what: string): ValidationError {
  return new ValidationError(`${file} is too large to be a plan: ${what}.`, [
    { file, message: `Too large to be a plan: ${what}. ${SAVE_AS}` },
  ]);
}

/** The column number of a reference's letters: A = 1, XFD = 16384. */
function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Refuses a sheet whose cells reach past the limits (before any row is built). */
export function checkSheetXml(xml: string, file: string): void {
  let maxColumn = 0;
  let maxRow = 0;
  let cells = 0;
  // Cell references (`<c r="AB12"`) and row numbers (`<row r="12"`): linear scans, no backtracking.
  for (const m of xml.matchAll(/<c\b[^>]*?\br="([A-Z]{1,3})(\d{1,7})"/g)) {
    cells += 1;
    maxColumn = Math.max(maxColumn, columnNumber(m[1] ?? ''));
    maxRow = Math.max(maxRow, Number(m[2]));
  }
  for (const m of xml.matchAll(/<row\b[^>]*?\br="(\d{1,7})"/g)) maxRow = Math.max(maxRow, Number(m[1]));
  cells = Math.max(cells, (xml.match(/<c\b/g) ?? []).length);
  if (maxColumn > FILE_LIMITS.columns)
    throw tooLarge(file, `a sheet reaches column ${maxColumn} (at most ${FILE_LIMITS.columns} are read)`);
  if (maxRow > FILE_LIMITS.rows + 1)
    throw tooLarge(file, `a sheet reaches row ${maxRow} (at most ${FILE_LIMITS.rows} rows are read)`);
  if (cells > FILE_LIMITS.cells)
    throw tooLarge(file, `a sheet has ${cells} cells (at most ${FILE_LIMITS.cells} are read)`);
  if (maxColumn * maxRow > FILE_LIMITS.cells)
    throw tooLarge(file, `a sheet spans ${maxColumn} columns by ${maxRow} rows`);
}

class Stop extends Error {}

/**
 * Inflates a workbook's entries counting the bytes really produced, and checks every worksheet. Throws a
 * ValidationError for a zip bomb, too many entries or a sheet past the limits; a damaged zip is left for
 * the XLSX reader to describe.
 */
export function checkWorkbook(bytes: Uint8Array, file: string): void {
  let inflated = 0;
  let entries = 0;
  const sheets: { name: string; chunks: Uint8Array[] }[] = [];
  let problem = undefined as ValidationError | undefined;
  const unzip = new Unzip((entry) => {
    entries += 1;
    if (entries > FILE_LIMITS.zipEntries) {
      problem ??= tooLarge(file, `the workbook has more than ${FILE_LIMITS.zipEntries} parts`);
      throw new Stop();
    }
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/i.test(entry.name)
      ? { name: entry.name, chunks: [] as Uint8Array[] }
      : undefined;
    if (sheet) sheets.push(sheet);
    entry.ondata = (error, chunk) => {
      if (error) throw new Stop();
      inflated += chunk.length;
      if (inflated > FILE_LIMITS.inflatedBytes) {
        problem ??= tooLarge(file, `it unpacks to more than ${FILE_LIMITS.inflatedBytes / 1024 / 1024} MB`);
        throw new Stop();
      }
      sheet?.chunks.push(chunk);
    };
    entry.start();
  });
  unzip.register(UnzipInflate);
  try {
    unzip.push(bytes, true);
  } catch (error) {
    if (problem) throw problem;
    if (!(error instanceof Stop) && !(error instanceof Error)) throw error;
    return; // damaged: the XLSX reader says so in its own words
  }
  const decoder = new TextDecoder();
  for (const sheet of sheets) checkSheetXml(decoder.decode(Buffer.concat(sheet.chunks)), file);
}
