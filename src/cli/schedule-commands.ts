/** `rag-chaser schedule show|set`. */
import { setSchedule } from '../app/cycle/set-schedule';
import { systemActor } from '../app/council/actors';
import { ValidationError } from '../domain/errors';
import { formatDay, formatLocal, localDate } from '../domain/local-time';
import { formatQuarter, quarterOf, type Quarter } from '../domain/quarter';
import { cycleTimes, type Schedule } from '../domain/schedule';
import type { Runtime } from '../runtime';
import type { Output } from './output';

export function printSchedule(out: Output, schedule: Schedule, quarter: Quarter, zone: string): void {
  const t = cycleTimes(quarter, schedule, zone);
  const step = (id: string) => t.steps.find((s) => s.id === id);
  out.line(`Schedule (working days, ${schedule.timeOfDay} ${zone}):`);
  out.line(
    `  opens ${schedule.opensAfterQuarterEnd} after quarter end; deadline ${schedule.deadlineAfterQuarterEnd} after quarter end`,
  );
  out.line(
    `  reminders ${schedule.remindersBeforeDeadline.length ? `${schedule.remindersBeforeDeadline.join(', ')} before the deadline` : 'none'}`,
  );
  out.line(
    `  escalation ${schedule.escalationEnabled ? `${schedule.escalateAfterDeadline} after the deadline` : 'off'}; digest ${schedule.digestEnabled ? `${schedule.digestAfterDeadline} after the deadline` : 'off'}`,
  );
  out.line(`For ${formatQuarter(quarter)}:`);
  out.line(`  opens      ${formatLocal(t.opensAt, zone)}`);
  for (const s of t.steps.filter((x) => x.kind === 'reminder'))
    out.line(`  ${s.id.padEnd(10)} ${formatLocal(s.at, zone)}`);
  out.line(`  deadline   end of ${formatDay(t.deadlineDay)}`);
  const escalate = step('escalate');
  const digest = step('digest');
  if (escalate) out.line(`  escalate   ${formatLocal(escalate.at, zone)}`);
  if (digest) out.line(`  digest     ${formatLocal(digest.at, zone)}`);
}

export async function scheduleShow(
  rt: Runtime,
  out: Output,
  quarter: Quarter | undefined,
  now: string,
  json = false,
): Promise<void> {
  const zone = rt.config.timezone;
  const schedule = await rt.plans.schedule();
  const q = quarter ?? quarterOf(localDate(now, zone));
  if (json) {
    const { opensAt, deadline, steps } = cycleTimes(q, schedule, zone);
    out.line(
      JSON.stringify({ schedule, zone, quarter: formatQuarter(q), opensAt, deadline, steps }, null, 2),
    );
    return;
  }
  printSchedule(out, schedule, q, zone);
}

const whole = (name: string, value: string): number => {
  if (!/^\d+$/.test(value.trim()))
    throw new ValidationError(`--${name} takes a whole number of working days, e.g. 10.`);
  return Number(value);
};

export interface ScheduleOptions {
  opens?: string;
  deadline?: string;
  reminders?: string;
  escalate?: string;
  digest?: string;
  time?: string;
  quarter?: string;
}

/** Turns CLI options into schedule changes; `off` disables escalation or the digest; `none` removes reminders. */
export function scheduleChanges(o: ScheduleOptions): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  if (o.opens !== undefined) changes.opensAfterQuarterEnd = whole('opens', o.opens);
  if (o.deadline !== undefined) changes.deadlineAfterQuarterEnd = whole('deadline', o.deadline);
  if (o.reminders !== undefined)
    changes.remindersBeforeDeadline =
      o.reminders.trim() === 'none' ? [] : o.reminders.split(',').map((r) => whole('reminders', r));
  if (o.escalate !== undefined)
    Object.assign(
      changes,
      o.escalate === 'off'
        ? { escalationEnabled: false }
        : { escalationEnabled: true, escalateAfterDeadline: whole('escalate', o.escalate) },
    );
  if (o.digest !== undefined)
    Object.assign(
      changes,
      o.digest === 'off'
        ? { digestEnabled: false }
        : { digestEnabled: true, digestAfterDeadline: whole('digest', o.digest) },
    );
  if (o.time !== undefined) changes.timeOfDay = o.time;
  if (Object.keys(changes).length === 0)
    throw new ValidationError(
      'Nothing to change: give at least one of --opens, --deadline, --reminders, --escalate, --digest, --time.',
    );
  return changes;
}

/** `changes` come from scheduleChanges and `quarter` from quarterOption, both checked before storage opens. */
export async function scheduleSet(
  rt: Runtime,
  out: Output,
  changes: Record<string, unknown>,
  quarter: Quarter | undefined,
  now: string,
): Promise<void> {
  const schedule = await setSchedule(
    { plans: rt.plans, cycles: rt.cycles, zone: rt.config.timezone },
    { actor: systemActor('cli'), changes, now },
  );
  out.line('Schedule saved. Open quarters follow it for steps not yet due.');
  const zone = rt.config.timezone;
  printSchedule(out, schedule, quarter ?? quarterOf(localDate(now, zone)), zone);
}
