/**
 * The reminder schedule of a plan, as service managers set it, and the instants it gives for a quarter.
 * All offsets are in working days from the quarter's last day (E) or from the deadline.
 */
import { formatStep } from './message-id';
import { z } from 'zod';
import { quarterEnd, type CalendarDate, type Quarter } from './quarter';
import { addCalendarDays, addWorkingDays } from './working-days';
import { TIME_OF_DAY, zonedToUtc } from './local-time';

const time = z.string().regex(TIME_OF_DAY, 'Write a time of day as HH:MM, e.g. 09:00.');
const days = z.number().int('Use whole working days.');

export const scheduleSchema = z
  .object({
    /** Working days after quarter end when the cycle opens. */
    opensAfterQuarterEnd: days.min(0).max(60).default(1),
    /** Working days after quarter end of the deadline. */
    deadlineAfterQuarterEnd: days.min(1).max(90).default(10),
    /** Reminders, in working days before the deadline (0 = on the deadline day). */
    remindersBeforeDeadline: z.array(days.min(0).max(60)).max(10).default([5, 1]),
    escalationEnabled: z.boolean().default(true),
    /** Working days after the deadline when outstanding returns escalate. */
    escalateAfterDeadline: days.min(0).max(30).default(1),
    digestEnabled: z.boolean().default(true),
    /** Working days after the deadline when the digest goes to SMT. */
    digestAfterDeadline: days.min(0).max(30).default(2),
    /** Local time of day every step happens at. */
    timeOfDay: time.default('09:00'),
  })
  .strict()
  .superRefine((s, ctx) => {
    if (s.deadlineAfterQuarterEnd <= s.opensAfterQuarterEnd) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['deadlineAfterQuarterEnd'],
        message: `The deadline (${s.deadlineAfterQuarterEnd} working days after quarter end) must come after the opening (${s.opensAfterQuarterEnd}).`,
      });
    }
    const window = s.deadlineAfterQuarterEnd - s.opensAfterQuarterEnd;
    for (const r of s.remindersBeforeDeadline) {
      if (r >= window) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['remindersBeforeDeadline'],
          message: `A reminder ${r} working days before the deadline falls on or before the opening; use fewer than ${window}.`,
        });
      }
    }
    if (new Set(s.remindersBeforeDeadline).size !== s.remindersBeforeDeadline.length) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['remindersBeforeDeadline'],
        message: 'Each reminder day may appear once.',
      });
    }
  });

export type Schedule = z.infer<typeof scheduleSchema>;

export const DEFAULT_SCHEDULE: Schedule = scheduleSchema.parse({});

export type StepKind = 'open' | 'chase' | 'reminder' | 'escalate' | 'digest';

/** One dated step of a cycle. `id` is stable and used as an idempotency key. */
export interface ScheduledStep {
  readonly id: string;
  readonly kind: StepKind;
  /** UTC ISO instant. */
  readonly at: string;
}

export interface CycleTimes {
  readonly opensAt: string;
  /** Exclusive: the first instant after the deadline day ends (local midnight). Answers at or after it are late. */
  readonly deadline: string;
  /** The deadline day, for people: returns are due by the end of this day. */
  readonly deadlineDay: CalendarDate;
  readonly steps: readonly ScheduledStep[];
}

/** The instants of every step of `quarter` under `schedule`, in time order, local times taken in `zone`. */
export function cycleTimes(quarter: Quarter, schedule: Schedule, zone: string): CycleTimes {
  const end = quarterEnd(quarter);
  const at = (workingDays: number) => zonedToUtc(addWorkingDays(end, workingDays), schedule.timeOfDay, zone);
  const deadlineDay = addWorkingDays(end, schedule.deadlineAfterQuarterEnd);
  const fromDeadline = (n: number) => zonedToUtc(addWorkingDays(deadlineDay, n), schedule.timeOfDay, zone);
  const opensAt = at(schedule.opensAfterQuarterEnd);
  const deadline = zonedToUtc(addCalendarDays(deadlineDay, 1), '00:00', zone);
  const steps: ScheduledStep[] = [{ id: 'open', kind: 'open', at: opensAt }];
  for (const r of [...schedule.remindersBeforeDeadline].sort((a, b) => b - a)) {
    steps.push({ id: formatStep({ kind: 'reminder', days: r }), kind: 'reminder', at: fromDeadline(-r) });
  }
  if (schedule.escalationEnabled) {
    steps.push({ id: 'escalate', kind: 'escalate', at: fromDeadline(schedule.escalateAfterDeadline) });
  }
  if (schedule.digestEnabled) {
    steps.push({ id: 'digest', kind: 'digest', at: fromDeadline(schedule.digestAfterDeadline) });
  }
  return { opensAt, deadline, deadlineDay, steps: steps.sort((a, b) => a.at.localeCompare(b.at)) };
}
