/** Use case: open a quarter's cycle and chase every owner with one card (or a few parts) each. */
import { planCycle, type Cycle } from '../domain/cycle';
import { ValidationError } from '../domain/errors';
import type { Quarter } from '../domain/quarter';
import { fanOut, type FanoutDeps, type FanoutResult, type PlannedMessage } from './fanout';
import { cardsForItems, loadCycleState, owners, type ChaseDeps, type CycleState } from './owed';
import type { DueItem } from '../domain/returns';

export interface OpenCycleResult {
  readonly cycle: Cycle;
  readonly created: boolean;
  readonly owners: number;
  readonly fanout: FanoutResult;
}

/** One message per card part, with ids stable across runs (`<step>|<upn>|<part>`). */
export function chaseMessages(
  state: CycleState,
  step: string,
  byOwner: ReadonlyMap<string, readonly DueItem[]>,
  now: () => string,
  zone: string,
  notice?: string,
): PlannedMessage[] {
  const messages: PlannedMessage[] = [];
  for (const [owner, items] of byOwner) {
    if (items.length === 0) continue;
    const cards = cardsForItems(state, items, { now: now(), zone, ...(notice ? { notice } : {}) });
    cards.forEach((card, i) => {
      messages.push({
        id: `${step}|${owner}|${i + 1}`,
        recipient: owner,
        kind: step.split('-')[0] ?? step,
        build: () => Promise.resolve({ card }),
      });
    });
  }
  return messages;
}

/**
 * Creates the cycle (unless it exists) and sends every owner their chase card. Running it again sends only
 * what was not sent before: already-chased owners are skipped.
 */
export async function openCycle(
  deps: ChaseDeps & FanoutDeps,
  input: {
    quarter: Quarter;
    now: () => string;
    by: string;
    onProgress?: (done: number, total: number) => void;
  },
): Promise<OpenCycleResult> {
  const schedule = await deps.plans.schedule();
  const proposed = planCycle(input.quarter, schedule, deps.zone, input.now(), input.by);
  const { cycle, created } = await deps.cycles.create(proposed);
  if (cycle.status !== 'open')
    throw new ValidationError(`${cycle.label} is closed; its returns can no longer be chased.`);
  const state = await loadCycleState(deps, cycle);
  const byOwner = owners(state);
  const messages = chaseMessages(state, 'chase', byOwner, input.now, deps.zone);
  const fanout = await fanOut(deps, cycle.key, messages, input.now, { onProgress: input.onProgress });
  return { cycle, created, owners: byOwner.size, fanout };
}
