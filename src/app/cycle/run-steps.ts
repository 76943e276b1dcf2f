/** Runs a cycle's due steps through the outbox and records which are complete. */
import { dueSteps, type Cycle } from '../../domain/cycle';
import type { ScheduledStep } from '../../domain/schedule';
import { emptyResult, fanOut, isComplete, type FanoutResult } from '../sending/fanout';
import { cardsAsChased } from '../returns/card-projection';
import { loadCycleState } from './cycle-state';
import type { AppDeps, Clock } from '../ports';
import { leaversNotice, openedSummary, planStep, type StepContext } from '../sending/step-messages';
import type { Holding } from '../sending/send-lease';

/** What running a cycle's steps needs. */
export type StepDeps = Pick<
  AppDeps,
  | 'plans'
  | 'cycles'
  | 'returns'
  | 'people'
  | 'outbox'
  | 'messenger'
  | 'cards'
  | 'zone'
  | 'serviceManagers'
  | 'service'
  | 'installer'
  | 'email'
  | 'leases'
>;

export interface StepReport {
  readonly cycle: string;
  readonly step: string;
  readonly result: FanoutResult;
  readonly complete: boolean;
}

/** Everyone with the service-manager role: named in configuration or granted in chat. */
export async function serviceManagers(
  deps: Pick<AppDeps, 'people' | 'serviceManagers' | 'service'>,
): Promise<string[]> {
  // The role flag on people's rows is the first service's (granted before there were services).
  const flagged = !deps.service || deps.service.first;
  const granted = flagged ? (await deps.people.all()).filter((p) => p.serviceManager).map((p) => p.upn) : [];
  return [...new Set([...deps.serviceManagers, ...granted])].sort();
}

export async function runSteps(
  deps: StepDeps,
  cycle: Cycle,
  clock: Clock,
  holding: Holding,
  options: {
    only?: readonly string[];
    onProgress?: (step: string, done: number, total: number) => void;
    /** The digest step (publish when approved); without it the step waits. Returns true when complete. */
    digest?: (cycle: Cycle, holding: Holding) => Promise<boolean>;
  } = {},
): Promise<{ cycle: Cycle; reports: StepReport[] }> {
  const steps: ScheduledStep[] = dueSteps(cycle, clock()).filter(
    (s) =>
      (s.kind !== 'digest' || options.digest !== undefined) && (!options.only || options.only.includes(s.id)),
  );
  if (steps.length === 0) return { cycle, reports: [] };
  const state = await loadCycleState(deps, cycle);
  // The chase is the first send of a quarter: each person's card rows are written before their card goes.
  const rows =
    steps.some((s) => s.kind === 'chase') && !(await deps.returns.cardsBuilt(cycle.key))
      ? cardsAsChased(deps, state)
      : undefined;
  const ctx: StepContext = {
    state,
    now: clock(),
    zone: deps.zone,
    cards: deps.cards,
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
    const chase = step.kind === 'chase' ? rows : undefined;
    const result = await fanOut(deps, cycle.key, messages, clock, {
      expected: messages.recipients,
      holder: holding.holder,
      stillHolding: holding.stillHolding,
      onProgress: (d, t) => options.onProgress?.(step.id, d, t),
      ...(chase ? { prepare: chase.prepare } : {}),
    });
    await chase?.finish();
    if (result.left.length)
      await fanOut(deps, cycle.key, leaversNotice(ctx, step.id, result.left), clock, {
        holder: holding.holder,
      });
    let complete = isComplete(result);
    if (step.kind === 'chase' && complete) {
      const reached = [...new Set([...result.sent, ...result.alreadyDone])];
      // How they were reached: installed for them by RAG Chaser (PROACTIVE_INSTALL), or they had the app.
      const installed: string[] = deps.installer
        ? [...(await deps.people.many(reached)).values()]
            .filter((p) => p.reachedBy === 'installed')
            .map((p) => p.upn)
        : [];
      const opened = openedSummary(
        ctx,
        reached.length,
        result.unreachable,
        installed,
        deps.email?.afterMinutes,
      );
      const summary = await fanOut(deps, cycle.key, opened, clock, {
        holder: holding.holder,
      });
      complete = isComplete(summary);
    }
    if (complete) completed.add(step.id);
    reports.push({ cycle: cycle.key, step: step.id, result, complete });
  }
  const updated = { ...cycle, completed: [...completed] };
  if (updated.completed.length !== cycle.completed.length) {
    await deps.cycles.update(cycle.key, (latest) => ({
      ...latest,
      completed: [...new Set([...latest.completed, ...completed])],
    }));
  }
  return { cycle: updated, reports };
}
