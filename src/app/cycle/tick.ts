/**
 * Use case: do every piece of work due at `now`, once. Opens a quarter whose opening time has come,
 * then runs every due step of every open cycle (chase, reminders, escalation). Idempotent: running it
 * twice for the same instant, or from two processes, sends nothing twice (send lease + outbox claims).
 */
import { bindVersion } from '../plan/plan-versions';
import { closeQuarter } from '../digest/published-record';
import { planCycle, type Cycle } from '../../domain/cycle';
import { localDate } from '../../domain/local-time';
import { previousQuarter, quarterKey, quarterOf, type Quarter } from '../../domain/quarter';
import { cycleTimes } from '../../domain/schedule';
import { digestStep, type DigestDeps } from '../digest/digest';
import { emailUnreachable } from '../sending/email-fallback';
import { isComplete } from '../sending/fanout';
import { runSteps, serviceManagers, type StepReport } from './run-steps';
import { withSendLease, type Holding, type LeaseOptions } from '../sending/send-lease';

export type TickDeps = DigestDeps;

export interface TickReport {
  /** Another instance held the send lease: nothing was done. */
  readonly busy: boolean;
  readonly opened: string[];
  readonly steps: StepReport[];
  /** Services whose work failed this tick (the others' went on); each is tried again at the next tick. */
  readonly failed?: readonly { readonly service: string; readonly error: string }[];
}

/** Quarters whose opening time has come and whose deadline has not passed, without a cycle yet. */
async function quartersToOpen(deps: TickDeps, now: string): Promise<{ quarter: Quarter; cycle: Cycle }[]> {
  const schedule = await deps.plans.schedule();
  const current = quarterOf(localDate(now, deps.zone));
  const candidates = [previousQuarter(previousQuarter(current)), previousQuarter(current), current];
  const toOpen: { quarter: Quarter; cycle: Cycle }[] = [];
  for (const quarter of candidates) {
    const times = cycleTimes(quarter, schedule, deps.zone);
    if (now < times.opensAt || now >= times.deadline) continue;
    if (await deps.cycles.get(quarterKey(quarter))) continue;
    toOpen.push({ quarter, cycle: planCycle(quarter, schedule, deps.zone, now, 'scheduler') });
  }
  // The plan (a whole-table read) is loaded only when a quarter is actually due to open.
  if (toOpen.length && !(await deps.plans.load())) return [];
  return Promise.all(toOpen.map(async (o) => ({ ...o, cycle: await bindVersion(deps.plans, o.cycle) })));
}

/** The work of one tick for one service's deps, under a send lease already held. */
export async function tickWork(
  deps: TickDeps,
  now: string,
  holding: Holding,
  onProgress?: (step: string, done: number, total: number) => void,
): Promise<{ opened: string[]; steps: StepReport[] }> {
  const opened: string[] = [];
  for (const { cycle } of await quartersToOpen(deps, now)) {
    const { created } = await deps.cycles.create(cycle);
    if (created) opened.push(cycle.key);
  }
  const steps: StepReport[] = [];
  for (const cycle of (await deps.cycles.all()).filter((c) => c.status === 'open')) {
    // Published but still open (the close failed after publishing): closed now, and nothing more runs.
    if (await deps.digests.published(cycle.key)) {
      await closeQuarter(deps, cycle.key);
      continue;
    }
    const run = await runSteps(deps, cycle, () => now, holding, {
      onProgress,
      digest: (c, h) => digestStep(deps, c, now, h),
    });
    steps.push(...run.reports);
    if (deps.email) {
      // Owners still unreachable in Teams after the configured delay: one email each per message.
      const result = await emailUnreachable(deps, cycle, now, holding, await serviceManagers(deps), {
        stepsRan: run.reports.length > 0,
      });
      if (Object.values(result).some((list: readonly unknown[]) => list.length > 0))
        steps.push({ cycle: cycle.key, step: 'email', result, complete: isComplete(result) });
    }
  }
  return { opened, steps };
}

export async function tick(
  deps: TickDeps,
  now: string,
  lease: LeaseOptions,
  onProgress?: (step: string, done: number, total: number) => void,
): Promise<TickReport> {
  const report = await withSendLease(lease, async (holding) => ({
    busy: false,
    ...(await tickWork(deps, now, holding, onProgress)),
  }));
  return report ?? { busy: true, opened: [], steps: [] };
}
