import {
  formatQuarter,
  nextQuarter,
  parseQuarter,
  parseQuarterKey,
  previousQuarter,
  quarterEnd,
  quarterKey,
  quarterOf,
  quarterStart,
} from '../../src/domain/quarter';
import { ValidationError } from '../../src/domain/errors';

describe('financial-year quarters', () => {
  it.each([
    ['2016/17-Q1', 2016, 1],
    ['2016/17 Q1', 2016, 1],
    ['2016/17 q4', 2016, 4],
    ['1999/00-Q2', 1999, 2],
  ])('parses %s', (text, startYear, q) => {
    expect(parseQuarter(text)).toEqual({ startYear, q });
  });

  it.each(['2016-Q1', '2016/18-Q1', '2016/17-Q5', 'Q1', ''])('refuses %j with a hint', (text) => {
    expect(() => parseQuarter(text)).toThrow(ValidationError);
  });

  it.each([
    [1, '2016-04-01', '2016-06-30'],
    [2, '2016-07-01', '2016-09-30'],
    [3, '2016-10-01', '2016-12-31'],
    [4, '2017-01-01', '2017-03-31'],
  ] as const)('Q%s of 2016/17 runs %s to %s', (q, start, end) => {
    const iso = (d: { year: number; month: number; day: number }) =>
      `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
    expect(iso(quarterStart({ startYear: 2016, q }))).toBe(start);
    expect(iso(quarterEnd({ startYear: 2016, q }))).toBe(end);
  });

  it('steps across the year boundary both ways', () => {
    expect(previousQuarter({ startYear: 2016, q: 1 })).toEqual({ startYear: 2015, q: 4 });
    expect(nextQuarter({ startYear: 2016, q: 4 })).toEqual({ startYear: 2017, q: 1 });
    expect(nextQuarter({ startYear: 2016, q: 2 })).toEqual({ startYear: 2016, q: 3 });
  });

  it('formats for people and for keys, and round-trips the key', () => {
    const q = parseQuarter('2016/17-Q3');
    expect(formatQuarter(q)).toBe('2016/17 Q3');
    expect(quarterKey(q)).toBe('2016-17-Q3');
    expect(parseQuarterKey('2016-17-Q3')).toEqual(q);
  });

  it.each([
    [{ year: 2017, month: 2, day: 14 }, '2016/17 Q4'],
    [{ year: 2016, month: 4, day: 1 }, '2016/17 Q1'],
    [{ year: 2016, month: 3, day: 31 }, '2015/16 Q4'],
  ])('finds the quarter of %j', (date, label) => {
    expect(formatQuarter(quarterOf(date))).toBe(label);
  });
});
