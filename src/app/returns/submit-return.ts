/** Use case: an owner (or deputy, or a service manager) answers for one item. */
import { isLate, mayAmend, type Cycle } from '../../domain/cycle';
import { ConflictError, NotAuthorisedError, NotFoundError, ValidationError } from '../../domain/errors';
import {
  activityAnswerSchema,
  itemKeySchema,
  itemRef,
  measureAnswerSchema,
  planItems,
  type DueItem,
  type StoredReturn,
} from '../../domain/returns';
import { answerCopies, cardOf, cardsFollow } from './card-projection';
import { loadCycleState, mayAnswerIn, type CycleState } from '../cycle/cycle-state';
import type { Actor, AppDeps } from '../ports';

type SubmitDeps = Pick<AppDeps, 'plans' | 'cycles' | 'returns'>;

export interface SubmitInput {
  readonly cycleKey: string;
  readonly item: unknown;
  /** `{ rag, commentary, evidence }` for an activity, `{ value, note }` for a KPI/indicator. */
  readonly answer: Readonly<Record<string, unknown>>;
  readonly by: string;
  readonly serviceManager: boolean;
  readonly now: string;
}

export interface SubmitResult {
  readonly stored: StoredReturn;
  readonly item: DueItem;
  readonly cycle: Cycle;
  readonly amended: boolean;
  readonly state: CycleState;
}

function firstIssue(error: { issues: { message: string }[] }): string {
  return error.issues.map((i) => i.message).join(' ');
}

/**
 * The item and the state to talk about it in. With a viewer, their own rows (owner-sized) when the item is
 * on their card; otherwise, and for an item that is not theirs, the whole cycle.
 */
export async function findItem(
  deps: SubmitDeps,
  cycleKey: string,
  rawItem: unknown,
  /** Who is asking: their own card rows are read first, the whole cycle only for someone else's item. */
  viewer?: Actor,
): Promise<{ state: CycleState; item: DueItem }> {
  const parsedKey = itemKeySchema.safeParse(rawItem);
  if (!parsedKey.success) throw new ValidationError(firstIssue(parsedKey.error));
  const cycle = await deps.cycles.get(cycleKey);
  if (!cycle) throw new NotFoundError(`There is no return open for that quarter (${cycleKey}).`);
  if (viewer) {
    const own = await cardOf(deps, cycle, viewer.upn);
    const item = planItems(own.plan).find((i) => i.key === parsedKey.data);
    if (item) return { state: own, item };
  }
  const state = await loadCycleState(deps, cycle);
  const item = planItems(state.plan).find((i) => i.key === parsedKey.data);
  if (!item)
    throw new NotFoundError('That item is no longer in the plan. Type "chase me" for your current card.');
  return { state, item };
}

/** Validates and stores the answer with its history row. Throws with a message that says what to fix. */
export async function submitReturn(deps: SubmitDeps, input: SubmitInput): Promise<SubmitResult> {
  const { state, item } = await findItem(deps, input.cycleKey, input.item, {
    upn: input.by,
    serviceManager: input.serviceManager,
  });
  const { cycle } = state;
  if (cycle.status !== 'open')
    throw new ValidationError(`${cycle.label} is closed: answers can no longer be given.`);
  if (!mayAnswerIn(state, item, input.by, input.serviceManager)) {
    throw new NotAuthorisedError(
      // Neither the owner nor the title: a stranger learns nothing about an item that is not theirs.
      `Only the item's owner, its deputy or a service manager can answer for ${itemRef(item)}.`,
    );
  }
  const parsed =
    item.kind === 'activity'
      ? activityAnswerSchema.safeParse(input.answer)
      : measureAnswerSchema(item.measure.unit).safeParse(input.answer);
  if (!parsed.success) throw new ValidationError(firstIssue(parsed.error));
  const existing = state.returns.get(item.key);
  // Sent back: answered again on top of the answer sent back, whatever the date (the manager asked).
  const sentBack = state.sentBack?.get(item.key);
  if (existing && !mayAmend(cycle, input.now) && !input.serviceManager) {
    throw new ValidationError(
      'The deadline has passed, so this answer can no longer be changed. Ask a service manager if it must be corrected.',
    );
  }
  const stored: StoredReturn = {
    item: item.key,
    ...parsed.data,
    submittedBy: input.by,
    submittedAt: input.now,
    late: isLate(cycle, input.now),
    version: ((existing ?? sentBack?.answer)?.version ?? 0) + 1,
  };
  try {
    // Guarded by the version's history row: of two answers on the same version, one is stored.
    await deps.returns.save(cycle.key, stored, undefined, answerCopies(state, item, deps.returns));
  } catch (error) {
    if (error instanceof ConflictError) await cardsFollow(deps, { kind: 'answer-conflict', state, item });
    throw error;
  }
  const returns = new Map(state.returns);
  returns.set(item.key, stored);
  const stillSentBack = new Map(state.sentBack ?? []);
  stillSentBack.delete(item.key);
  return {
    stored,
    item,
    cycle,
    amended: existing !== undefined,
    state: { ...state, returns, sentBack: stillSentBack },
  };
}
