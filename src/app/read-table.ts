/** Import files (CSV, UTF-8) -> header and cells, with problems located by row and column. */
import { parse } from 'csv-parse/sync';
import { z } from 'zod';
import { ValidationError } from '../domain/errors';
import { normaliseColumn, type Table } from '../domain/plan-import';

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
    records = z
      .array(z.array(z.string()))
      .parse(parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }));
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new ValidationError(`${file} is not valid CSV.`, [
      {
        file,
        ...(e.lines ? { row: e.lines } : {}),
        message: `Not valid CSV: ${e.message}. Check quotes around cells that hold commas.`,
      },
    ]);
  }
  const [head, ...body] = records;
  if (!head)
    throw new ValidationError(`${file} is empty.`, [
      { file, row: 1, message: 'The file is empty: it needs a header row.' },
    ]);
  const header = head.map(normaliseColumn);
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
