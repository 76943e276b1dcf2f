/** Where a report goes: a file (`--out`) or the screen. */
import { writeFileSync } from 'node:fs';
import { ValidationError } from '../domain/errors';
import type { ReportFormat } from '../report/report';
import type { Output } from './output';

/**
 * A report to `--out` or the screen. CSV starts with a byte-order mark, as the files sent in chat do:
 * Excel reads UTF-8 (£, accented names) correctly only with it.
 */
export function writeReport(
  out: Output,
  options: { format: ReportFormat; out?: string | undefined },
  text: string,
  what: string,
): void {
  const body = options.format === 'csv' && !text.startsWith('\ufeff') ? `\ufeff${text}` : text;
  if (!options.out) {
    out.line(body.trimEnd());
    return;
  }
  try {
    writeFileSync(options.out, body);
  } catch {
    throw new ValidationError(`--out "${options.out}" cannot be written: check the folder's permissions.`);
  }
  out.line(`Wrote the ${what} (${options.format}) to ${options.out}.`);
}

/** The Excel committee pack: a file only (`--out`), never the screen. */
export function writeWorkbook(out: Output, path: string | undefined, bytes: Buffer, what: string): void {
  if (!path)
    throw new ValidationError('An Excel pack is a file: give --out, e.g. --out committee-pack.xlsx.');
  try {
    writeFileSync(path, bytes);
  } catch {
    throw new ValidationError(`--out "${path}" cannot be written: check the folder's permissions.`);
  }
  out.line(`Wrote the ${what} (xlsx) to ${path}.`);
}
