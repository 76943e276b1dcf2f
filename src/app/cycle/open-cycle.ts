/** Use case: open a quarter's cycle now and chase every owner with one card (or a few parts) each. */
import { bindVersion } from '../plan/plan-versions';
import { planCycle, type Cycle } from '../../domain/cycle';
import { ValidationError } from '../../domain/errors';
import type { Quarter } from '../../domain/quarter';
import { emptyResult, type FanoutResult } from '../sending/fanout';
import { loadCycleState, owners } from './cycle-state';
import type { Actor, Clock } from '../ports';
import { requireManager } from '../council/actors';
import { runSteps, type StepDeps } from './run-steps';
import { BUSY, withSendLease, type LeaseOptions } from '../sending/send-lease';

export interface OpenCycleResult {
  readonly cycle: Cycle;
  readonly created: boolean;
  readonly owners: number;
  readonly fanout: FanoutResult;
}

/**
 * Creates the cycle (unless it exists) and sends every owner their chase card. Running it again sends only
 * what was not sent before.
 */
export async function openCycle(
  deps: StepDeps,
  input: {
    quarter: Quarter;
    clock: Clock;
    /** A service manager, or the scheduler opening the quarter on its day. */
    actor: Actor;
    lease: LeaseOptions;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<OpenCycleResult> {
  requireManager(input.actor, 'open a quarter');
  const schedule = await deps.plans.schedule();
  const proposed = await bindVersion(
    deps.plans,
    planCycle(input.quarter, schedule, deps.zone, input.clock(), input.actor.upn),
  );
  const { cycle, created } = await deps.cycles.create(proposed);
  if (cycle.status !== 'open')
    throw new ValidationError(`${cycle.label} is closed; its returns can no longer be chased.`);
  const count = owners(await loadCycleState(deps, cycle)).size;
  const result = await withSendLease({ waitMs: 30_000, ...input.lease }, (holding) =>
    runSteps(deps, cycle, input.clock, holding, {
      only: ['chase'],
      onProgress: (_s, d, t) => input.onProgress?.(d, t),
    }),
  );
  if (!result) throw BUSY;
  const chase = result.reports.find((r) => r.step === 'chase');
  if (!chase && !cycle.completed.includes('chase')) throw BUSY;
  return {
    cycle: result.cycle,
    created,
    owners: count,
    fanout: chase?.result ?? emptyResult(),
  };
}
