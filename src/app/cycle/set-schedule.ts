/** Use case: a service manager changes the plan's schedule; open cycles follow it for steps not yet due. */
import { z } from 'zod';
import { reschedule } from '../../domain/cycle';
import { ValidationError } from '../../domain/errors';
import { scheduleSchema, type Schedule } from '../../domain/schedule';
import type { Actor, AppDeps } from '../ports';
import { requireManager } from '../council/actors';

/** The schedule as it stands, for the manager who may change it. */
export async function showSchedule(
  deps: Pick<AppDeps, 'plans'>,
  input: { readonly actor: Actor },
): Promise<Schedule> {
  requireManager(input.actor, 'see and change the schedule');
  return deps.plans.schedule();
}

/** Merges `changes` into the current schedule, validates, saves, and re-plans open cycles. */
export async function setSchedule(
  deps: Pick<AppDeps, 'plans' | 'cycles' | 'zone'>,
  input: { readonly actor: Actor; readonly changes: Readonly<Record<string, unknown>>; readonly now: string },
): Promise<Schedule> {
  requireManager(input.actor, 'change the schedule');
  const { changes, now } = input;
  const current = await deps.plans.schedule();
  const parsed = scheduleSchema.safeParse({ ...current, ...changes });
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i: z.ZodIssue) => ({
      column: i.path.join('.') || undefined,
      message: i.message,
    }));
    throw new ValidationError('The schedule was not changed.', problems);
  }
  await deps.plans.setSchedule(parsed.data, input.actor.upn, now);
  for (const cycle of (await deps.cycles.all()).filter((c) => c.status === 'open')) {
    // Only while still open: a quarter closed in between keeps its dates.
    await deps.cycles.update(cycle.key, (c) =>
      c.status === 'open' ? reschedule(c, parsed.data, deps.zone, now) : undefined,
    );
  }
  return parsed.data;
}
