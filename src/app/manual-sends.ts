/** Service-manager sends outside the schedule: chase everyone outstanding now; resend what failed. */
import type { Cycle } from '../domain/cycle';
import { fanOut, type FanoutResult, type PlannedMessage } from './fanout';
import { loadCycleState } from './cycle-state';
import { emailUnreachable } from './email-fallback';
import { serviceManagers, type StepDeps } from './run-steps';
import { BUSY, withSendLease, type LeaseOptions } from './send-lease';
import { leaversNotice, planStep, type StepContext } from './step-messages';
import type { StepKind } from '../domain/schedule';

async function context(deps: StepDeps, cycle: Cycle, now: string): Promise<StepContext> {
  return {
    state: await loadCycleState(deps, cycle),
    now,
    zone: deps.zone,
    cards: deps.cards,
    serviceManagers: await serviceManagers(deps),
  };
}

/** Reminds every owner who still owes something, now. Pressing it twice in one minute sends once. */
export async function chaseNow(
  deps: StepDeps,
  cycle: Cycle,
  now: string,
  lease: LeaseOptions,
): Promise<FanoutResult> {
  const stepId = `chase-now-${now.slice(0, 16).replace(/[-:T]/g, '')}`;
  const result = await withSendLease({ waitMs: 30_000, ...lease }, async (holding) => {
    const ctx = await context(deps, cycle, now);
    const result = await fanOut(deps, cycle.key, planStep(ctx, { id: stepId, kind: 'reminder' }), () => now, {
      holder: holding.holder,
      stillHolding: holding.stillHolding,
    });
    if (result.left.length)
      await fanOut(deps, cycle.key, leaversNotice(ctx, stepId, result.left), () => now, {
        holder: holding.holder,
      });
    return result;
  });
  if (!result) throw BUSY;
  return result;
}

function kindOf(stepId: string): StepKind | undefined {
  if (stepId === 'chase') return 'chase';
  if (stepId.startsWith('reminder-') || stepId.startsWith('chase-now-')) return 'reminder';
  if (stepId === 'escalate') return 'escalate';
  return undefined;
}

/** Sends again every message of the cycle marked failed, with current content. */
export async function resendFailed(
  deps: StepDeps,
  cycle: Cycle,
  now: string,
  lease: LeaseOptions,
): Promise<FanoutResult & { attempted: number }> {
  const failed = (await deps.outbox.list(cycle.key)).filter((r) => r.status === 'failed');
  const result = await withSendLease({ waitMs: 30_000, ...lease }, async (holding) => {
    const ctx = await context(deps, cycle, now);
    const messages: PlannedMessage[] = [];
    for (const stepId of new Set(failed.map((r) => r.id.split('|')[0] ?? ''))) {
      const kind = kindOf(stepId);
      if (!kind) continue;
      const ids = new Set(failed.filter((r) => r.id.startsWith(`${stepId}|`)).map((r) => r.id));
      messages.push(...[...planStep(ctx, { id: stepId, kind })].filter((m) => ids.has(m.id)));
    }
    const sent = await fanOut(deps, cycle.key, messages, () => now, {
      holder: holding.holder,
      stillHolding: holding.stillHolding,
      retryFailed: true,
    });
    // Emails that failed (a permission since granted) go again too.
    if (!failed.some((r) => r.kind === 'email')) return sent;
    const emailed = await emailUnreachable(deps, cycle, now, holding, ctx.serviceManagers, {
      retryFailed: true,
    });
    return {
      ...sent,
      sent: [...sent.sent, ...emailed.sent],
      failed: [...sent.failed, ...emailed.failed],
      retrying: [...sent.retrying, ...emailed.retrying],
    };
  });
  if (!result) throw BUSY;
  return { ...result, attempted: failed.length };
}
