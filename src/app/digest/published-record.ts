/**
 * A published quarter is the record SMT and the committee saw: it never changes again. Reviews and
 * approvals are refused once it is published; publishing posts exactly what was approved (an answer that
 * arrived after approval needs approving again first); the quarter is closed on a fresh read, and a close
 * that failed after publishing is made at the next tick.
 */
import type { Cycle } from '../../domain/cycle';
import { formatDay, localDate } from '../../domain/local-time';
import { ValidationError } from '../../domain/errors';
import { loadCycleState } from '../cycle/cycle-state';
import type { AppDeps, Stamp } from '../ports';

/** Closes the quarter (no more answers) and marks its digest step done, on a fresh read. */
export async function closeQuarter(deps: Pick<AppDeps, 'cycles'>, cycleKey: string): Promise<void> {
  await deps.cycles.update(cycleKey, (c) =>
    c.status === 'closed' && c.completed.includes('digest')
      ? undefined
      : { ...c, status: 'closed', completed: [...new Set([...c.completed, 'digest'])] },
  );
}

/** Refuses a change to a published quarter's digest, saying what the record is. */
export async function refuseIfPublished(
  deps: Pick<AppDeps, 'digests'>,
  cycle: Cycle,
  what: string,
): Promise<void> {
  const published = await deps.digests.published(cycle.key);
  if (published)
    throw new ValidationError(
      `${cycle.label} was published to SMT on ${formatDay(localDate(published.at, 'Europe/London'))}: it is the record now, and ${what} no longer changes it.`,
    );
}

/** How many answers were given or amended after the digest was approved (they were not reviewed). */
export async function answersSinceApproval(
  deps: Pick<AppDeps, 'plans' | 'returns' | 'service'>,
  cycle: Cycle,
  approval: Stamp,
): Promise<number> {
  const state = await loadCycleState(deps, cycle);
  return [...state.returns.values()].filter((r) => r.submittedAt > approval.at).length;
}
