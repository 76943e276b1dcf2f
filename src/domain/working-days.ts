/**
 * Working days: Monday to Friday, less England and Wales bank holidays.
 * The holiday list ships in ./data (gov.uk's JSON shape); see docs/bank-holidays.md to update it.
 */
import holidays from './data/bank-holidays-england-and-wales.json';
import { ValidationError } from './errors';
import { formatIsoDate, type CalendarDate } from './quarter';

const HOLIDAYS: ReadonlySet<string> = new Set(holidays.events.map((e) => e.date));
const YEARS = holidays.events.map((e) => Number(e.date.slice(0, 4)));

/** First and last calendar year the shipped holiday list covers. */
export const BANK_HOLIDAY_YEARS = { from: Math.min(...YEARS), to: Math.max(...YEARS) } as const;

export function isBankHoliday(date: CalendarDate): boolean {
  return HOLIDAYS.has(formatIsoDate(date));
}

function dayOfWeek(date: CalendarDate): number {
  return new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
}

export function isWorkingDay(date: CalendarDate): boolean {
  const dow = dayOfWeek(date);
  return dow !== 0 && dow !== 6 && !isBankHoliday(date);
}

export function addCalendarDays(date: CalendarDate, days: number): CalendarDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Moves `count` working days from `date` (negative goes back). Zero returns the date itself
 * when it is a working day, else the next working day.
 */
export function addWorkingDays(date: CalendarDate, count: number): CalendarDate {
  if (date.year < BANK_HOLIDAY_YEARS.from || date.year > BANK_HOLIDAY_YEARS.to) {
    throw new ValidationError(
      `RAG Chaser knows England and Wales bank holidays for ${BANK_HOLIDAY_YEARS.from}-${BANK_HOLIDAY_YEARS.to} only, so it cannot work out dates in ${date.year}. Choose a quarter in that range (IT can add later years: docs/bank-holidays.md).`,
    );
  }
  const step = count < 0 ? -1 : 1;
  let current = date;
  let remaining = Math.abs(count);
  if (remaining === 0) {
    while (!isWorkingDay(current)) current = addCalendarDays(current, 1);
    return current;
  }
  while (remaining > 0) {
    current = addCalendarDays(current, step);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}
