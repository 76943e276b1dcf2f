/** Service-manager sends outside the schedule: chase everyone outstanding now; resend what failed. */
import {
  chaseNowStep,
  describeMessage,
  formatStep,
  parseMessageId,
  type MessageId,
  type StepId,
} from '../../domain/message-id';
import type { Cycle } from '../../domain/cycle';
import { requireManager } from '../council/actors';
import type { Actor } from '../ports';
import { fanOut, type FanoutResult, type PlannedMessage } from './fanout';
import { loadCycleState } from '../cycle/cycle-state';
import { emailUnreachable } from './email-fallback';
import { serviceManagers, type StepDeps } from '../cycle/run-steps';
import { BUSY, withSendLease, type LeaseOptions } from './send-lease';
import { leaversNotice, planStep, type StepContext } from './step-messages';
import type { StepKind } from '../../domain/schedule';

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
/** What a manual send is given: who asks (a service manager of the service), the quarter, the time, the lease. */
export interface ManualSendInput {
  readonly actor: Actor;
  readonly cycle: Cycle;
  readonly now: string;
  readonly lease: LeaseOptions;
}

export async function chaseNow(deps: StepDeps, input: ManualSendInput): Promise<FanoutResult> {
  requireManager(input.actor, 'chase everyone');
  const { cycle, now, lease } = input;
  const stepId = formatStep(chaseNowStep(now));
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

const STEP_KINDS: Record<StepId['kind'], StepKind> = {
  chase: 'chase',
  reminder: 'reminder',
  'chase-now': 'reminder',
  escalate: 'escalate',
};

/** A failed message that cannot be planned again as it was, with what the manager does instead. */
export interface Skipped {
  readonly id: string;
  readonly what: string;
  readonly instead: string;
}

const INSTEAD: Record<Exclude<MessageId['kind'], 'step' | 'email'>, string> = {
  opened: '"status" shows the same: who was reached and who cannot be',
  left: '"status" lists owners who may have left; hand their items over',
  digest: 'type "digest preview" and approve: the digest is posted again',
  'digest-due': 'it is sent again at the next minute while the digest is due',
  handover: 'hand the item over again ("hand over <item> to <colleague>")',
  council: 'the council digest is posted again at the next minute',
  sendback: 'the owner sees the note on their card; "chase now" reminds them',
};

/** Sends again every message of the cycle marked failed, with current content. */
export async function resendFailed(
  deps: StepDeps,
  input: ManualSendInput,
): Promise<FanoutResult & { attempted: number; skipped: Skipped[] }> {
  requireManager(input.actor, 'resend failed messages');
  const { cycle, now, lease } = input;
  const failed = (await deps.outbox.list(cycle.key)).filter((r) => r.status === 'failed');
  // Step messages are planned again from the current state; emails go through the fallback; the rest is
  // named with what to do instead (their content depended on a moment that has passed).
  const steps = new Map<string, { step: StepId; ids: Set<string> }>();
  const skipped: Skipped[] = [];
  for (const row of failed) {
    const id = parseMessageId(row.id);
    if (id?.kind === 'email') continue;
    if (id?.kind === 'step') {
      const key = formatStep(id.step);
      const entry = steps.get(key) ?? { step: id.step, ids: new Set<string>() };
      entry.ids.add(row.id);
      steps.set(key, entry);
    } else
      skipped.push({
        id: row.id,
        what: id ? describeMessage(id) : row.id,
        instead: id ? INSTEAD[id.kind] : 'nothing: the message is of a kind this version does not know',
      });
  }
  const result = await withSendLease({ waitMs: 30_000, ...lease }, async (holding) => {
    const ctx = await context(deps, cycle, now);
    const messages: PlannedMessage[] = [];
    for (const [key, { step, ids }] of steps)
      messages.push(
        ...[...planStep(ctx, { id: key, kind: STEP_KINDS[step.kind] })].filter((m) => ids.has(m.id)),
      );
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
  return { ...result, attempted: failed.length - skipped.length, skipped };
}
