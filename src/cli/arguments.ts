/**
 * Every CLI argument that names a file, a quarter, an instant or a choice is checked here, before the
 * command opens storage: bad input exits 2 with what to fix, and nothing has been written.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { z } from 'zod';
import { echo } from '../domain/echo';
import { ValidationError } from '../domain/errors';
import { formatQuarter, parseQuarter, type Quarter } from '../domain/quarter';
import { rollUpRuleSchema, type RollUpRule } from '../domain/rag';
import { cycleTimes, DEFAULT_SCHEDULE } from '../domain/schedule';

/** Import files larger than this are not plans (the sample plan is 40 KB). */
export const MAX_INPUT_BYTES = 20 * 1024 * 1024;
export const MAX_PLAN_NAME = 200;

export interface InputFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** Reads an input file, or says plainly why it cannot be read. */
export function readInputFile(path: string, what: string): InputFile {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory())
      throw new ValidationError(`${what} "${echo(path, 200)}" is a folder: give the file inside it.`);
    size = stat.size;
  } catch (error) {
    if (error instanceof ValidationError) throw error;
    throw new ValidationError(`${what} "${echo(path, 200)}" cannot be read: check the path and permissions.`);
  }
  if (size > MAX_INPUT_BYTES)
    throw new ValidationError(
      `${what} "${echo(path, 200)}" is ${Math.round(size / 1024 / 1024)} MB; a plan file is at most ${MAX_INPUT_BYTES / 1024 / 1024} MB.`,
    );
  return { name: basename(path), bytes: readFileSync(path) };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** An output path must be a file in a folder that exists. */
export function checkOutPath(path: string): string {
  const folder = dirname(resolve(path));
  if (!isFolder(folder))
    throw new ValidationError(`--out "${echo(path, 200)}": the folder ${echo(folder, 200)} does not exist.`);
  if (isFolder(path))
    throw new ValidationError(`--out "${echo(path, 200)}" is a folder: give a file name, e.g. report.html.`);
  return path;
}

/** A quarter as the CLI writes it: `2016/17-Q1`. */
export function quarterArgument(quarter: Quarter): string {
  return formatQuarter(quarter).replace(' ', '-');
}

/** A quarter the product can work out dates for (bank holidays are shipped for a range of years). */
export function quarterOption(text: string, option = '--quarter'): Quarter {
  let quarter: Quarter;
  try {
    quarter = parseQuarter(text);
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(`${option}: ${error.message}`);
    throw error;
  }
  // Working out the default schedule's dates throws a ValidationError outside the bank-holiday years;
  // the zone does not change which years those are.
  cycleTimes(quarter, DEFAULT_SCHEDULE, 'Europe/London');
  return quarter;
}

export function rollUpOption(text: string): RollUpRule {
  const rule = rollUpRuleSchema.safeParse(text);
  if (!rule.success) throw new ValidationError(`--rollup "${echo(text)}" is not majority or worst.`);
  return rule.data;
}

export function planNameOption(text: string): string {
  const name = text.trim();
  if (name === '' || name.length > MAX_PLAN_NAME)
    throw new ValidationError(`--name takes a plan name of 1 to ${MAX_PLAN_NAME} characters.`);
  return name;
}

/** A value from a fixed list, e.g. --format. */
export function choiceOption<T extends string>(option: string, text: string, choices: readonly T[]): T {
  const parsed = z.enum(choices as [T, ...T[]]).safeParse(text);
  if (!parsed.success)
    throw new ValidationError(`${option} "${echo(text)}" is not one of: ${choices.join(', ')}.`);
  return parsed.data;
}

/** A whole number in a range, e.g. --lease-seconds. */
export function wholeOption(option: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || n < min || n > max)
    throw new ValidationError(`${option} takes a whole number from ${min} to ${max}.`);
  return n;
}

/** An ISO-8601 instant with a date and a time, e.g. 2016-07-01T09:00:00+01:00. */
export function instantOption(text: string): string {
  const ms = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text) || Number.isNaN(ms))
    throw new ValidationError(
      `--now "${echo(text)}" is not an ISO-8601 instant; write e.g. 2016-07-01T09:00:00+01:00.`,
    );
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A financial year as written, `2016/17`, to the year it starts. */
export function yearOption(text: string): number {
  const quarter = (() => {
    try {
      return parseQuarter(`${text.trim()} Q1`);
    } catch {
      return undefined;
    }
  })();
  if (!quarter) throw new ValidationError(`--year "${echo(text)}": write a financial year like 2016/17.`);
  return quarter.startYear;
}
