/** Wall-clock times in a named zone (Europe/London) <-> UTC instants, right across DST changes. */
import { DateTime, Info } from 'luxon';
import type { CalendarDate } from './quarter';
import { ValidationError } from './errors';

/** `HH:MM`, 24-hour. */
export const TIME_OF_DAY = /^([01]\d|2[0-3]):([0-5]\d)$/;

/**
 * The UTC instant (ISO string) at which a wall clock in `zone` shows `time` on `date`.
 * A time skipped by the spring-forward change moves forward an hour, as clocks do.
 */
export function zonedToUtc(date: CalendarDate, time: string, zone: string): string {
  const match = TIME_OF_DAY.exec(time);
  if (!match) throw new ValidationError(`"${time}" is not a time of day. Write it as HH:MM, e.g. 09:00.`);
  const local = DateTime.fromObject(
    { year: date.year, month: date.month, day: date.day, hour: Number(match[1]), minute: Number(match[2]) },
    { zone },
  );
  if (!local.isValid)
    throw new ValidationError(`Unknown time zone "${zone}". Use an IANA name such as Europe/London.`);
  return local.toUTC().toISO({ suppressMilliseconds: true });
}

/** The calendar date a wall clock in `zone` shows at the UTC instant `iso`. */
export function localDate(iso: string, zone: string): CalendarDate {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone);
  return { year: local.year, month: local.month, day: local.day };
}

/** `Friday 15 July 2016, 09:00` in en-GB for people to read. */
export function formatLocal(iso: string, zone: string, withTime = true): string {
  const local = DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone).setLocale('en-GB');
  return withTime ? local.toFormat('cccc d LLLL yyyy, HH:mm') : local.toFormat('cccc d LLLL yyyy');
}

export function isValidZone(zone: string): boolean {
  return Info.isValidIANAZone(zone);
}

/** `Thursday 14 July 2016` */
export function formatDay(date: CalendarDate): string {
  return DateTime.fromObject({ year: date.year, month: date.month, day: date.day }, { zone: 'utc' })
    .setLocale('en-GB')
    .toFormat('cccc d LLLL yyyy');
}
