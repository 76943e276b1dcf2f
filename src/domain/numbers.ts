/**
 * Numbers as people type them (`93`, `1,520`, `95%`, `-2.5`), parsed into finite numbers of a sensible size.
 * One rule for card answers and import files, so a value that imports can also be answered, and neither
 * can be so long that it turns into Infinity or loses its digits.
 */
import { echo } from './echo';

/** At most this many digits before and after the decimal point. */
export const MAX_INTEGER_DIGITS = 12;
export const MAX_FRACTION_DIGITS = 6;

const GROUPED = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const PLAIN = /^-?\d+(\.\d+)?$/;

export type ParsedNumber = { ok: true; value: number } | { ok: false; message: string };

/** Parses a typed number (a trailing `%` is allowed); says what to fix when it is not one. */
export function parseTypedNumber(raw: string): ParsedNumber {
  const text = raw.trim().replace(/%$/, '').trim();
  if (!GROUPED.test(text) && !PLAIN.test(text))
    return { ok: false, message: `"${echo(raw)}" is not a number: write digits, e.g. 93 or 1,520.` };
  const [whole = '', fraction = ''] = text.replace(/^-/, '').replace(/,/g, '').split('.');
  if (whole.replace(/^0+(?=\d)/, '').length > MAX_INTEGER_DIGITS)
    return {
      ok: false,
      message: `"${echo(raw)}" is too large: use at most ${MAX_INTEGER_DIGITS} digits before the decimal point.`,
    };
  if (fraction.length > MAX_FRACTION_DIGITS)
    return {
      ok: false,
      message: `"${echo(raw)}" has too many decimal places: use at most ${MAX_FRACTION_DIGITS}.`,
    };
  const value = Number(text.replace(/,/g, ''));
  return Number.isFinite(value)
    ? { ok: true, value: Object.is(value, -0) ? 0 : value }
    : { ok: false, message: `"${echo(raw)}" is not a number: write digits, e.g. 93 or 1,520.` };
}
