import { cycleTimes, DEFAULT_SCHEDULE, scheduleSchema } from '../../src/domain/schedule';
import { parseQuarter } from '../../src/domain/quarter';
import { zonedToUtc, formatLocal } from '../../src/domain/local-time';

const LONDON = 'Europe/London';

describe('default schedule', () => {
  it('2016/17 Q1 (BST): opens 1 July 09:00 BST, deadline end of 14 July, reminders, escalation, digest', () => {
    const t = cycleTimes(parseQuarter('2016/17-Q1'), DEFAULT_SCHEDULE, LONDON);
    expect(t.opensAt).toBe('2016-07-01T08:00:00Z');
    expect(t.deadline).toBe('2016-07-14T23:00:00Z');
    expect(t.steps.map((s) => [s.id, s.at])).toEqual([
      ['open', '2016-07-01T08:00:00Z'],
      ['reminder-5', '2016-07-07T08:00:00Z'],
      ['reminder-1', '2016-07-13T08:00:00Z'],
      ['escalate', '2016-07-15T08:00:00Z'],
      ['digest', '2016-07-18T08:00:00Z'],
    ]);
  });

  it('2016/17 Q3 (GMT, Christmas and New Year bank holidays)', () => {
    const t = cycleTimes(parseQuarter('2016/17-Q3'), DEFAULT_SCHEDULE, LONDON);
    expect(t.opensAt).toBe('2017-01-03T09:00:00Z');
    expect(t.deadline).toBe('2017-01-17T00:00:00Z');
    expect(t.steps.find((s) => s.id === 'reminder-5')?.at).toBe('2017-01-09T09:00:00Z');
    expect(t.steps.find((s) => s.id === 'digest')?.at).toBe('2017-01-18T09:00:00Z');
  });

  it('2016/17 Q4 window crosses Easter 2017', () => {
    const t = cycleTimes(parseQuarter('2016/17-Q4'), DEFAULT_SCHEDULE, LONDON);
    expect(t.opensAt).toBe('2017-04-03T08:00:00Z');
    expect(t.deadlineDay).toEqual({ year: 2017, month: 4, day: 18 });
  });

  it('keeps 09:00 local on both sides of the October change', () => {
    // 2016 clocks went back on Sunday 30 October.
    expect(zonedToUtc({ year: 2016, month: 10, day: 28 }, '09:00', LONDON)).toBe('2016-10-28T08:00:00Z');
    expect(zonedToUtc({ year: 2016, month: 10, day: 31 }, '09:00', LONDON)).toBe('2016-10-31T09:00:00Z');
    const custom = scheduleSchema.parse({ opensAfterQuarterEnd: 20, deadlineAfterQuarterEnd: 30 });
    const t = cycleTimes(parseQuarter('2016/17-Q2'), custom, LONDON);
    expect(t.steps.map((s) => formatLocal(s.at, LONDON).slice(-5))).toEqual([
      '09:00',
      '09:00',
      '09:00',
      '09:00',
      '09:00',
    ]);
    expect(t.opensAt).toBe('2016-10-28T08:00:00Z');
    expect(t.steps.find((s) => s.id === 'reminder-1')?.at).toBe('2016-11-10T09:00:00Z');
  });

  it('moves a time skipped by the March change forward an hour', () => {
    // 2017: clocks went forward at 01:00 GMT on Sunday 26 March.
    expect(zonedToUtc({ year: 2017, month: 3, day: 26 }, '01:30', LONDON)).toBe('2017-03-26T01:30:00Z');
    expect(zonedToUtc({ year: 2017, month: 3, day: 26 }, '00:30', LONDON)).toBe('2017-03-26T00:30:00Z');
    expect(zonedToUtc({ year: 2017, month: 3, day: 26 }, '09:00', LONDON)).toBe('2017-03-26T08:00:00Z');
  });

  it.each([
    [{ deadlineAfterQuarterEnd: 1, opensAfterQuarterEnd: 1 }, /deadline/],
    [{ remindersBeforeDeadline: [9] }, /reminder/i],
    [{ remindersBeforeDeadline: [2, 2] }, /once/],
    [{ timeOfDay: '9am' }, /HH:MM/],
    [{ timeOfDay: '24:00' }, /HH:MM/],
    [{ escalateAfterDeadline: 1.5 }, /whole/],
  ])('refuses %j', (input, message) => {
    const result = scheduleSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(message);
  });
});
