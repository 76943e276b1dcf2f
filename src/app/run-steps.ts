/** Runs a cycle's due steps through the outbox and records which are complete. */
import { dueSteps, type Cycle } from '../domain/cycle';
import type { ScheduledStep } from '../domain/schedule';
import { emptyResult, fanOut, isComplete, type FanoutDeps, type FanoutResult } from './fanout';
import { loadCycleState, type ChaseDeps } from './owed';
import type { CycleStore, PeopleStore } from './ports';
import { openedSummary, planStep, type StepContext } from './steps';
import type { Holding } from './send-lease';

export interface StepDeps extends ChaseDeps, FanoutDeps {
  readonly cycles: CycleStore;
  readonly people: PeopleStore;
  /** Service managers named in config (SERVICE_MANAGERS); granted ones are read from people. */
  readonly serviceManagers: readonly string[];
}

export interface StepReport {
  readonly cycle: string;
  readonly step: string;
  readonly result: FanoutResult;
  readonly complete: boolean;
}

export async function serviceManagers(deps: StepDeps): Promise<string[]> {
  const granted = (await deps.people.all()).filter((p) => p.serviceManager).map((p) => p.upn);
  return [...new Set([...deps.serviceManagers, ...granted])].sort();
}

export async function runSteps(
  deps: StepDeps,
  cycle: Cycle,
  now: () => string,
  holding: Holding,
  options: {
    only?: readonly string[];
    onProgress?: (step: string, done: number, total: number) => void;
    /** The digest step (publish when approved); without it the step waits. Returns true when complete. */
    digest?: (cycle: Cycle, holding: Holding) => Promise<boolean>;
  } = {},
): Promise<{ cycle: Cycle; reports: StepReport[] }> {
  const steps: ScheduledStep[] = dueSteps(cycle, now()).filter(
    (s) =>
      (s.kind !== 'digest' || options.digest !== undefined) && (!options.only || options.only.includes(s.id)),
  );
  if (steps.length === 0) return { cycle, reports: [] };
  const state = await loadCycleState(deps, cycle);
  const ctx: StepContext = {
    state,
    now: now(),
    zone: deps.zone,
    serviceManagers: await serviceManagers(deps),
  };
  const reports: StepReport[] = [];
  const completed = new Set(cycle.completed);
  for (const step of steps) {
    if (step.kind === 'digest' && options.digest) {
      const done = await options.digest(cycle, holding);
      if (done) completed.add(step.id);
      reports.push({
        cycle: cycle.key,
        step: step.id,
        result: emptyResult(),
        complete: done,
      });
      continue;
    }
    const messages = planStep(ctx, step);
    const result = await fanOut(deps, cycle.key, messages, now, {
      holder: holding.holder,
      stillHolding: holding.stillHolding,
      onProgress: (d, t) => options.onProgress?.(step.id, d, t),
    });
    let complete = isComplete(result);
    if (step.kind === 'chase' && complete) {
      const chased = new Set([...result.sent, ...result.alreadyDone]).size;
      const summary = await fanOut(deps, cycle.key, openedSummary(ctx, chased, result.unreachable), now, {
        holder: holding.holder,
      });
      complete = isComplete(summary);
    }
    if (complete) completed.add(step.id);
    reports.push({ cycle: cycle.key, step: step.id, result, complete });
  }
  const updated = { ...cycle, completed: [...completed] };
  if (updated.completed.length !== cycle.completed.length) {
    const latest = (await deps.cycles.get(cycle.key)) ?? cycle;
    await deps.cycles.save({ ...latest, completed: [...new Set([...latest.completed, ...completed])] });
  }
  return { cycle: updated, reports };
}
