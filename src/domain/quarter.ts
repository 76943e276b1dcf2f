/**
 * UK financial-year quarters. The financial year runs April to March:
 * Q1 = April-June, Q2 = July-September, Q3 = October-December, Q4 = January-March.
 */
import { ValidationError } from './errors';

export type QuarterNumber = 1 | 2 | 3 | 4;

export interface Quarter {
  /** Calendar year in which the financial year starts: 2016 for 2016/17. */
  readonly startYear: number;
  readonly q: QuarterNumber;
}

/** A plain calendar date, no time and no zone. */
export interface CalendarDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const QUARTER_PATTERN = /^\s*(\d{4})\/(\d{2})[\s-]+Q([1-4])\s*$/i;

/** Parses `2016/17 Q1` or `2016/17-Q1`; throws a ValidationError that says what to write instead. */
export function parseQuarter(text: string): Quarter {
  const match = QUARTER_PATTERN.exec(text);
  if (!match) {
    throw new ValidationError(`"${text}" is not a quarter. Write it like 2016/17-Q1 or "2016/17 Q1".`);
  }
  const startYear = Number(match[1]);
  const endTwoDigits = Number(match[2]);
  if ((startYear + 1) % 100 !== endTwoDigits) {
    throw new ValidationError(
      `"${text}": a financial year runs over two consecutive years, e.g. ${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}.`,
    );
  }
  return { startYear, q: Number(match[3]) as QuarterNumber };
}

/** `2016/17` */
export function financialYearLabel(startYear: number): string {
  return `${startYear}/${String((startYear + 1) % 100).padStart(2, '0')}`;
}

/** `2016/17 Q1`, the way people write it. */
export function formatQuarter(quarter: Quarter): string {
  return `${financialYearLabel(quarter.startYear)} Q${quarter.q}`;
}

/** `2016-17-Q1`: safe as a Table Storage key and in a URL. */
export function quarterKey(quarter: Quarter): string {
  return `${quarter.startYear}-${String((quarter.startYear + 1) % 100).padStart(2, '0')}-Q${quarter.q}`;
}

/** A cycle key as cards carry it (`2016-17-Q1`); anything else is a damaged or forged card. */
export const CYCLE_KEY = /^\d{4}-\d{2}-Q[1-4]$/;

/** Inverse of quarterKey. */
export function parseQuarterKey(key: string): Quarter {
  return parseQuarter(key.replace(/^(\d{4})-(\d{2})-/, '$1/$2-'));
}

export function previousQuarter(quarter: Quarter): Quarter {
  return quarter.q === 1
    ? { startYear: quarter.startYear - 1, q: 4 }
    : { startYear: quarter.startYear, q: (quarter.q - 1) as QuarterNumber };
}

export function nextQuarter(quarter: Quarter): Quarter {
  return quarter.q === 4
    ? { startYear: quarter.startYear + 1, q: 1 }
    : { startYear: quarter.startYear, q: (quarter.q + 1) as QuarterNumber };
}

export function compareQuarters(a: Quarter, b: Quarter): number {
  return a.startYear - b.startYear || a.q - b.q;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** First day of the quarter. */
export function quarterStart(quarter: Quarter): CalendarDate {
  const month = (((quarter.q - 1) * 3 + 4 - 1) % 12) + 1;
  const year = quarter.q === 4 ? quarter.startYear + 1 : quarter.startYear;
  return { year, month, day: 1 };
}

/** Last day of the quarter (day E in the schedule rules). */
export function quarterEnd(quarter: Quarter): CalendarDate {
  const start = quarterStart(quarter);
  const month = start.month + 2;
  return { year: start.year, month, day: daysInMonth(start.year, month) };
}

/** The quarter that contains a calendar date. */
export function quarterOf(date: CalendarDate): Quarter {
  const startYear = date.month >= 4 ? date.year : date.year - 1;
  const q = (date.month >= 4 ? Math.floor((date.month - 4) / 3) + 1 : 4) as QuarterNumber;
  return { startYear, q };
}

export function formatIsoDate(date: CalendarDate): string {
  return `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}
