import {
  addWorkingDays,
  isBankHoliday,
  isWorkingDay,
  BANK_HOLIDAY_YEARS,
} from '../../src/domain/working-days';

const d = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return { year, month, day };
};
const iso = (x: { year: number; month: number; day: number }) =>
  `${x.year}-${String(x.month).padStart(2, '0')}-${String(x.day).padStart(2, '0')}`;

describe('working days (England and Wales)', () => {
  it('covers 2015 to 2030', () => {
    expect(BANK_HOLIDAY_YEARS).toEqual({ from: 2015, to: 2030 });
  });

  it.each([
    ['2016-03-25', 'Good Friday'],
    ['2016-03-28', 'Easter Monday'],
    ['2016-12-26', 'Boxing Day'],
    ['2016-12-27', 'Christmas Day substitute (25th was a Sunday)'],
    ['2017-01-02', 'New Year substitute'],
    ['2020-05-08', 'VE day move'],
    ['2022-09-19', 'state funeral'],
    ['2023-05-08', 'coronation'],
    ['2026-08-31', 'summer bank holiday'],
  ])('%s is a bank holiday (%s)', (date) => {
    expect(isBankHoliday(d(date))).toBe(true);
    expect(isWorkingDay(d(date))).toBe(false);
  });

  it.each(['2020-05-04', '2016-12-28', '2016-03-29'])('%s is an ordinary working day', (date) => {
    expect(isWorkingDay(d(date))).toBe(true);
  });

  it.each([
    ['2016-06-30', 1, '2016-07-01', 'Thursday + 1 = Friday'],
    ['2016-07-01', 1, '2016-07-04', 'over a weekend'],
    ['2016-06-30', 10, '2016-07-14', 'Q1 2016/17 deadline'],
    ['2016-12-31', 1, '2017-01-03', 'over Christmas substitutes and New Year substitute'],
    ['2016-12-31', 10, '2017-01-16', 'Q3 2016/17 deadline'],
    ['2017-03-31', 10, '2017-04-18', 'over Good Friday and Easter Monday 2017'],
    ['2016-07-14', -5, '2016-07-07', 'backwards'],
    ['2016-12-24', 0, '2016-12-28', 'zero moves to the next working day'],
  ])('%s + %s working days = %s (%s)', (start, n, expected) => {
    expect(iso(addWorkingDays(d(start), n))).toBe(expected);
  });

  it('refuses years it has no holiday data for', () => {
    expect(() => addWorkingDays(d('2031-01-05'), 1)).toThrow(/2015-2030/);
  });
});
