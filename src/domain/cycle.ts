/** A cycle: one plan's returns for one quarter, with its own dated steps. */
import { reminderDays } from './message-id';
import type { RollUpRule } from './rag';
import { formatQuarter, quarterKey, type CalendarDate, type Quarter } from './quarter';
import { addCalendarDays, addWorkingDays } from './working-days';
import { cycleTimes, type Schedule, type ScheduledStep } from './schedule';
import { localDate, zonedToUtc } from './local-time';

export interface Cycle {
  readonly key: string;
  readonly quarter: Quarter;
  readonly label: string;
  readonly status: 'open' | 'closed';
  readonly openedAt: string;
  readonly openedBy: string;
  /** Exclusive: answers at or after this instant are late. */
  readonly deadline: string;
  readonly deadlineDay: CalendarDate;
  /** Chase (at opening), reminder, escalation and digest steps, in time order. */
  readonly steps: readonly ScheduledStep[];
  /** Ids of steps whose messages have all gone (sent, unreachable or failed). */
  readonly completed: readonly string[];
  /**
   * The plan version the quarter is read against: the one in force when it opened. Absent on quarters
   * opened by earlier releases: the version in force for the quarter then (version 1 after an upgrade).
   */
  readonly planVersion?: number | undefined;
  /** The roll-up rule in force when it opened (absent on quarters of earlier releases: the current one). */
  readonly rollUpRule?: RollUpRule | undefined;
}

/**
 * The cycle for `quarter` opened at `now`. On time, it keeps the schedule's dates. Opened by hand after the
 * scheduled deadline (a late start, or a trial of an old quarter), it gets a fresh window of the same
 * length in working days from today, so that owners are not marked late before they could answer.
 */
export function planCycle(
  quarter: Quarter,
  schedule: Schedule,
  zone: string,
  now: string,
  openedBy: string,
): Cycle {
  const times = cycleTimes(quarter, schedule, zone);
  let { deadline, deadlineDay, steps } = times;
  if (now >= times.deadline) {
    const window = schedule.deadlineAfterQuarterEnd - schedule.opensAfterQuarterEnd;
    deadlineDay = addWorkingDays(localDate(now, zone), window);
    const at = (n: number) => zonedToUtc(addWorkingDays(deadlineDay, n), schedule.timeOfDay, zone);
    deadline = zonedToUtc(addCalendarDays(deadlineDay, 1), '00:00', zone);
    steps = times.steps
      .filter((s) => s.kind !== 'open')
      .map((s) => {
        if (s.kind === 'reminder') return { ...s, at: at(-reminderDays(s.id)) };
        if (s.kind === 'escalate') return { ...s, at: at(schedule.escalateAfterDeadline) };
        return { ...s, at: at(schedule.digestAfterDeadline) };
      });
  }
  return {
    key: quarterKey(quarter),
    quarter,
    label: formatQuarter(quarter),
    status: 'open',
    openedAt: now,
    openedBy,
    deadline,
    deadlineDay,
    steps: [{ id: 'chase', kind: 'chase' as const, at: now }, ...steps.filter((s) => s.kind !== 'open')],
    completed: [],
  };
}

export function isLate(cycle: Cycle, at: string): boolean {
  return at >= cycle.deadline;
}

/** Answers may be amended until the deadline. */
export function mayAmend(cycle: Cycle, at: string): boolean {
  return cycle.status === 'open' && !isLate(cycle, at);
}

/** Steps due at `now` and not completed yet. */
export function dueSteps(cycle: Cycle, now: string): ScheduledStep[] {
  return cycle.steps.filter((s) => s.at <= now && !cycle.completed.includes(s.id));
}

/**
 * Applies a changed schedule to an open cycle: steps already due keep their time; future steps (and a
 * deadline not yet passed) follow the new schedule; a new step whose time has already passed is skipped.
 */
export function reschedule(cycle: Cycle, schedule: Schedule, zone: string, now: string): Cycle {
  const fresh = planCycle(cycle.quarter, schedule, zone, cycle.openedAt, cycle.openedBy);
  const past = cycle.steps.filter((s) => s.at <= now || cycle.completed.includes(s.id));
  const pastIds = new Set(past.map((s) => s.id));
  const future = fresh.steps.filter((s) => s.at > now && !pastIds.has(s.id));
  const deadlinePassed = cycle.deadline <= now;
  return {
    ...cycle,
    deadline: deadlinePassed ? cycle.deadline : fresh.deadline,
    deadlineDay: deadlinePassed ? cycle.deadlineDay : fresh.deadlineDay,
    steps: [...past, ...future].sort((a, b) => a.at.localeCompare(b.at)),
  };
}
