/**
 * Use case: a service manager records an answer an owner sent by email (the email fallback asks owners
 * without Teams to reply). Replies are never parsed automatically: a person reads them and records them,
 * and the return says who recorded it.
 */
import { NotFoundError, ValidationError } from '../../domain/errors';
import { requireManager } from '../council/actors';
import { planOf } from '../cycle/cycle-state';
import type { Actor, AppDeps } from '../ports';
import { submitReturn, type SubmitResult } from './submit-return';

export async function recordEmailedAnswer(
  deps: Pick<AppDeps, 'plans' | 'cycles' | 'returns'>,
  input: {
    readonly actor: Actor;
    /** An activity id or a KPI ref, as typed. */
    readonly id: string;
    /** red, amber or green for an activity; a number for a KPI. */
    readonly given: string;
    readonly text: string;
    readonly now: string;
  },
): Promise<SubmitResult> {
  requireManager(input.actor, 'record answers sent by email');
  const cycle = await deps.cycles.current();
  if (!cycle) throw new NotFoundError('No quarter is open just now.');
  const plan = await planOf(deps.plans, cycle);
  const id = input.id.toLowerCase();
  const activity = plan.activities.find((a) => a.id.toLowerCase() === id);
  const measure = plan.measures.find((m) => m.ref.toLowerCase() === id);
  const rated = /^(red|amber|green)$/i.test(input.given);
  if (!activity && !measure)
    throw new NotFoundError(`There is no item "${input.id.slice(0, 40)}" in the plan.`);
  if (activity && !rated)
    throw new ValidationError(`${activity.id} is an activity: give red, amber or green.`);
  if (measure && rated) throw new ValidationError(`${measure.ref} is a KPI: give its value as a number.`);
  return submitReturn(deps, {
    cycleKey: cycle.key,
    item: activity ? `a:${activity.id}` : `m:${measure?.ref ?? input.id}`,
    answer: activity
      ? { rag: input.given.toLowerCase(), commentary: input.text, evidence: '' }
      : { value: Number(input.given), note: input.text },
    by: input.actor.upn,
    serviceManager: true,
    now: input.now,
  });
}
