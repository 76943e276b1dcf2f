/** Import files (CSV, UTF-8) -> header and cells, with problems located by row and column. */
import { parse } from 'csv-parse/sync';
import readXlsxFile, { readSheet, type SheetData } from 'read-excel-file/node';
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { normaliseColumn, type Table } from '../domain/plan-import';
import { checkWorkbook, FILE_LIMITS, tooLarge } from './file-limits';

/** An XLSX workbook starts with a zip signature. */
export function isXlsx(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

function cellText(value: SheetData[number][number] | undefined): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

function unreadableWorkbook(file: string, error: unknown): ValidationError {
  return new ValidationError(`${file} is not a readable XLSX workbook.`, [
    {
      file,
      message: `Not a readable XLSX workbook (${error instanceof Error ? error.message : 'unknown error'}). Save it from Excel as .xlsx, or as CSV UTF-8.`,
    },
  ]);
}

/** Reads the first sheet of an XLSX workbook with the same columns as the CSV. */
export async function readXlsx(bytes: Uint8Array, file: string): Promise<Table> {
  checkWorkbook(bytes, file);
  let rows: SheetData;
  try {
    rows = await readSheet(Buffer.from(bytes));
  } catch (error) {
    throw unreadableWorkbook(file, error);
  }
  return toTable(
    rows.map((r) => r.map(cellText)),
    file,
  );
}

/**
 * Every table in a file: each non-empty sheet of a workbook (named "<file>, sheet <name>"), or the CSV.
 * A plan may come as one workbook with an activities sheet and a KPIs sheet.
 */
export async function readTables(bytes: Uint8Array, file: string): Promise<{ name: string; table: Table }[]> {
  if (!isXlsx(bytes)) return [{ name: file, table: readCsv(bytes, file) }];
  checkWorkbook(bytes, file);
  let sheets: { sheet: string; data: SheetData }[];
  try {
    sheets = await readXlsxFile(Buffer.from(bytes));
  } catch (error) {
    throw unreadableWorkbook(file, error);
  }
  return sheets
    .filter((s) => s.data.some((row) => row.some((c) => cellText(c).trim() !== '')))
    .map((s) => {
      const name = sheets.length > 1 ? `${file}, sheet ${s.sheet}` : file;
      return {
        name,
        table: toTable(
          s.data.map((r) => r.map(cellText)),
          name,
        ),
      };
    });
}

/** Reads an import file: XLSX when it is a workbook, else CSV. */
export async function readImportFile(bytes: Uint8Array, file: string): Promise<Table> {
  return isXlsx(bytes) ? readXlsx(bytes, file) : readCsv(bytes, file);
}

/** Decodes and parses a CSV file's bytes; refuses anything that is not UTF-8 or not well-formed CSV. */
export function readCsv(bytes: Uint8Array, file: string): Table {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError(`${file} is not UTF-8 text.`, [
      { file, message: 'The file is not UTF-8. In Excel use "Save As" > "CSV UTF-8 (Comma delimited)".' },
    ]);
  }
  let records: string[][];
  try {
    records = z.array(z.array(z.string())).parse(
      parse(text, {
        bom: true,
        skip_empty_lines: true,
        relax_column_count: true,
        // One record past the limit is enough to refuse the file; the rest is never parsed.
        to: FILE_LIMITS.rows + 2,
        max_record_size: FILE_LIMITS.recordChars,
      }),
    );
  } catch (error) {
    if ((error as { code?: unknown }).code === 'CSV_MAX_RECORD_SIZE')
      throw tooLarge(file, `a row is longer than ${FILE_LIMITS.recordChars} characters`);
    const e = error as { lines?: number; message: string };
    throw new ValidationError(`${file} is not valid CSV.`, [
      {
        file,
        ...(e.lines ? { row: e.lines } : {}),
        message: `Not valid CSV: ${e.message}. Check quotes around cells that hold commas.`,
      },
    ]);
  }
  return toTable(records, file);
}

function toTable(records: readonly string[][], file: string): Table {
  const [head, ...body] = records;
  if (!head)
    throw new ValidationError(`${file} is empty.`, [
      { file, row: 1, message: 'The file is empty: it needs a header row.' },
    ]);
  if (head.length > FILE_LIMITS.columns && head.slice(FILE_LIMITS.columns).some((c) => c.trim()))
    throw tooLarge(file, `the header has ${head.length} columns (at most ${FILE_LIMITS.columns} are read)`);
  if (body.length > FILE_LIMITS.rows) throw tooLarge(file, `it has more than ${FILE_LIMITS.rows} rows`);
  const header = head.slice(0, FILE_LIMITS.columns).map(normaliseColumn);
  if (body.length * header.length > FILE_LIMITS.cells)
    throw tooLarge(
      file,
      `${body.length} rows of ${header.length} columns (at most ${FILE_LIMITS.cells} cells are read)`,
    );
  const rows = body
    .map((cells, i) => ({ row: i + 2, cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ''])) }))
    .filter((r) => Object.values(r.cells).some((v) => v.trim() !== ''));
  const extra = body.findIndex(
    (cells) => cells.length > header.length && cells.slice(header.length).some((c) => c.trim()),
  );
  if (extra >= 0) {
    throw new ValidationError(`${file} has more cells than columns.`, [
      {
        file,
        row: extra + 2,
        message: `This row has ${body[extra]?.length ?? 0} cells but the header has ${header.length} columns; quote cells that contain commas.`,
      },
    ]);
  }
  return { header, rows };
}
