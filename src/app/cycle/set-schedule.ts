/** Use case: a service manager changes the plan's schedule; open cycles follow it for steps not yet due. */
import { z } from 'zod';
import { reschedule } from '../../domain/cycle';
import { ValidationError } from '../../domain/errors';
import { scheduleSchema, type Schedule } from '../../domain/schedule';
import type { AppDeps } from '../ports';

/** Merges `changes` into the current schedule, validates, saves, and re-plans open cycles. */
export async function setSchedule(
  deps: Pick<AppDeps, 'plans' | 'cycles' | 'zone'>,
  changes: Readonly<Record<string, unknown>>,
  by: string,
  now: string,
): Promise<Schedule> {
  const current = await deps.plans.schedule();
  const parsed = scheduleSchema.safeParse({ ...current, ...changes });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i: z.ZodIssue) => ({
      column: i.path.join('.') || undefined,
      message: i.message,
    }));
    throw new ValidationError('The schedule was not changed.', problems);
  }
  await deps.plans.setSchedule(parsed.data, by, now);
  for (const cycle of (await deps.cycles.all()).filter((c) => c.status === 'open')) {
    // Only while still open: a quarter closed in between keeps its dates.
    await deps.cycles.update(cycle.key, (c) =>
      c.status === 'open' ? reschedule(c, parsed.data, deps.zone, now) : undefined,
    );
  }
  return parsed.data;
}
