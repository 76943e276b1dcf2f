/**
 * KPI units as councils write them (free text). A few are understood, formatted and checked: a percentage
 * (95%), a count (41,565), thousands, days (4.5 days), hours, money in pounds (£1.2m). Any other unit is
 * shown as written beside the number.
 */
export type UnitKind = 'percent' | 'count' | 'thousands' | 'days' | 'hours' | 'money' | 'other';

const KNOWN: readonly (readonly [UnitKind, RegExp])[] = [
  ['percent', /^(percent(age)?|per ?cent|%|pct)$/],
  ['count', /^(count|number|no\.?|#)$/],
  ['thousands', /^(thousands?|000s|'000s?)$/],
  ['days', /^(days?|working days|calendar days)$/],
  ['hours', /^(hours?|hrs?)$/],
  ['money', /^(gbp|£|pounds?|£s|£ sterling)$/],
];

/** The longest unit a plan may give. */
export const UNIT_MAX = 40;

export function unitKind(unit: string): UnitKind {
  const text = unit.trim().toLowerCase();
  return KNOWN.find(([, pattern]) => pattern.test(text))?.[0] ?? 'other';
}

const grouped = (value: number, fractionDigits = 2) =>
  value.toLocaleString('en-GB', { maximumFractionDigits: fractionDigits });

function money(value: number): string {
  const sign = value < 0 ? '-' : '';
  const abs = Math.abs(value);
  if (abs >= 1_000_000) return `${sign}£${grouped(abs / 1_000_000, 1)}m`;
  if (abs >= 1_000) return `${sign}£${grouped(abs, 0)}`;
  return `${sign}£${Number.isInteger(abs) ? String(abs) : abs.toFixed(2)}`;
}

const plural = (value: number, one: string, many: string) => `${grouped(value)} ${value === 1 ? one : many}`;

/** A value as people read it in its unit: `95%`, `41,565`, `4.5 days`, `£1.2m`, `12 visits per 1,000`. */
export function formatValue(value: number, unit: string): string {
  // A value stored before numbers were capped may be missing or not finite: say so rather than fail.
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'no valid value';
  switch (unitKind(unit)) {
    case 'percent':
      return `${grouped(value)}%`;
    case 'count':
      return grouped(value);
    case 'thousands':
      return `${grouped(value)} thousand`;
    case 'days':
      return plural(value, 'day', 'days');
    case 'hours':
      return plural(value, 'hour', 'hours');
    case 'money':
      return money(value);
    case 'other':
      return unit.trim() ? `${grouped(value)} ${unit.trim()}` : grouped(value);
  }
}

/** Why a value cannot be in this unit (a percentage 0-100; counts, days and hours not negative), if so. */
export function unitProblem(value: number, unit: string): string | undefined {
  const kind = unitKind(unit);
  if (kind === 'percent' && (value < 0 || value > 100)) return 'A percentage must be between 0 and 100.';
  if ((kind === 'count' || kind === 'thousands' || kind === 'days' || kind === 'hours') && value < 0)
    return `The value cannot be negative (it is in ${unit.trim()}).`;
  return undefined;
}
