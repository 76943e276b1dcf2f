/** A cycle's state (plan, answers, hand-overs): what each person answers for, and the cards that ask them. */
import { applySendBacks, type SendBack, type SentBack } from '../../domain/send-back';
import { versionFor } from '../../domain/plan-version';
import { NotFoundError } from '../../domain/errors';
import type { Cycle } from '../../domain/cycle';
import type { Plan } from '../../domain/plan';
import type { ServiceLabel } from '../../domain/service';
import { previousQuarter, quarterKey } from '../../domain/quarter';
import {
  itemDeputy,
  itemOwner,
  planItems,
  mayAnswer,
  type DueItem,
  type ItemKey,
  type StoredReturn,
} from '../../domain/returns';
import type { AppDeps, CardComposer, CardJson, Delegation, ItemError, PlanStore } from '../ports';

/** Everything needed to talk about one cycle. */
export interface CycleState {
  readonly plan: Plan;
  readonly cycle: Cycle;
  readonly returns: ReadonlyMap<ItemKey, StoredReturn>;
  readonly previous: ReadonlyMap<ItemKey, StoredReturn>;
  readonly delegations: ReadonlyMap<ItemKey, Delegation>;
  /** Supporting-outcome numbers, when `plan` holds only one person's items (see card-rows). */
  readonly numbers?: ReadonlyMap<string, string>;
  /** When `plan` holds only one person's items: those seeing them whose cards are large (see card-rows). */
  readonly largeCards?: ReadonlySet<string>;
  /** The service of the cycle (cards name it when the deployment runs several). */
  readonly service?: ServiceLabel | undefined;
  /** Items sent back and not answered again: out of `returns` (outstanding), with the note and answer. */
  readonly sentBack?: ReadonlyMap<ItemKey, SentBack>;
  /** Every send-back of the cycle, answered again or not (the whole cycle's state only). */
  readonly sendBacks?: readonly SendBack[];
}

export async function loadPlan(plans: PlanStore): Promise<Plan> {
  const plan = await plans.load();
  if (!plan)
    throw new NotFoundError(
      'No plan is loaded yet. A service manager imports it with: rag-chaser plan import <activities.csv> --kpis <kpis.csv>',
    );
  return plan;
}

/** The version a quarter is read against: the one it was bound to, else the one in force for it. */
export async function versionOf(
  plans: PlanStore,
  cycle: Pick<Cycle, 'key' | 'planVersion'>,
): Promise<number> {
  if (cycle.planVersion !== undefined) return cycle.planVersion;
  return versionFor(await plans.versions(), cycle.key)?.version ?? 1;
}

/** The plan a quarter is read against: titles, owners, floors, targets and ranges as they were then. */
export async function planOf(plans: PlanStore, cycle: Pick<Cycle, 'key' | 'planVersion'>): Promise<Plan> {
  const snapshot = await plans.versionSnapshot(await versionOf(plans, cycle));
  return snapshot?.plan ?? loadPlan(plans);
}

export async function loadCycleState(
  deps: Pick<AppDeps, 'plans' | 'returns' | 'service'>,
  cycle: Cycle,
): Promise<CycleState> {
  const previousKey = quarterKey(previousQuarter(cycle.quarter));
  const [plan, delegations, sendBacks] = await Promise.all([
    planOf(deps.plans, cycle),
    deps.returns.delegations(cycle.key),
    deps.returns.sendBacks(cycle.key),
  ]);
  const keys = planItems(plan).map((i) => i.key);
  const [returns, previous] = await Promise.all([
    deps.returns.list(cycle.key, keys),
    deps.returns.list(previousKey, keys),
  ]);
  const counted = applySendBacks(new Map(returns.map((r) => [r.item, r])), sendBacks);
  return {
    plan,
    cycle,
    returns: counted.returns,
    sentBack: counted.sentBack,
    sendBacks,
    previous: new Map(previous.map((r) => [r.item, r])),
    delegations,
    service: deps.service,
  };
}

/** Who answers for an item in this cycle: the colleague it was handed to, else the plan's owner. */
export function effectiveOwner(state: CycleState, item: DueItem): string {
  return state.delegations.get(item.key)?.to ?? itemOwner(item);
}

/** Owner, deputy, the colleague it was handed to, or a service manager may answer for an item. */
export function mayAnswerIn(state: CycleState, item: DueItem, upn: string, serviceManager: boolean): boolean {
  return mayAnswer(item, upn, serviceManager) || state.delegations.get(item.key)?.to === upn;
}

/** The items a person is chased for (owned or handed to them), and those they deputise for. */
export function personItems(state: CycleState, upn: string): { owned: DueItem[]; deputising: DueItem[] } {
  const all = planItems(state.plan);
  return {
    owned: all.filter((i) => effectiveOwner(state, i) === upn),
    deputising: all.filter((i) => itemDeputy(i) === upn && effectiveOwner(state, i) !== upn),
  };
}

/** Owners with at least one item, and their items, in plan order. */
export function owners(state: CycleState): Map<string, DueItem[]> {
  const map = new Map<string, DueItem[]>();
  for (const item of planItems(state.plan)) {
    const owner = effectiveOwner(state, item);
    map.set(owner, [...(map.get(owner) ?? []), item]);
  }
  return map;
}

export function outstanding(state: CycleState, items: readonly DueItem[]): DueItem[] {
  return items.filter((i) => !state.returns.has(i.key));
}

export interface CardOptions {
  readonly now: string;
  readonly zone: string;
  readonly errors?: ReadonlyMap<ItemKey, ItemError>;
  readonly editing?: ItemKey | undefined;
  readonly notice?: string;
  readonly canAlwaysAmend?: boolean;
}

export function cardsForItems(
  cards: CardComposer,
  state: CycleState,
  items: readonly DueItem[],
  options: CardOptions,
): CardJson[] {
  return cards.chase({ ...state, items, ...options });
}

/**
 * Re-renders one part of a card from the item keys its actions carried. The keys come from the client,
 * so only the items this person may answer for are shown: the card never reveals anyone else's answers.
 */
export function cardPart(
  cards: CardComposer,
  state: CycleState,
  keys: readonly string[],
  part: number,
  parts: number,
  viewer: { readonly upn: string; readonly serviceManager: boolean },
  options: CardOptions,
): CardJson {
  const byKey = new Map(planItems(state.plan).map((i) => [i.key as string, i]));
  const items = [...new Set(keys)]
    .map((k) => byKey.get(k))
    .filter((i): i is DueItem => i !== undefined && mayAnswerIn(state, i, viewer.upn, viewer.serviceManager));
  return cards.chasePart({ ...state, items, ...options }, part, parts);
}
