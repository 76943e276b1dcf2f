/**
 * Each person's card rows (see the ReturnStore port): built from the whole cycle when it opens, after an
 * import and on start; read one person at a time, so an owner's request costs the same at 10 items or
 * 10,000.
 */
import type { Cycle } from '../domain/cycle';
import { supportingOutcomeNumbers, type Activity, type Measure } from '../domain/plan';
import { itemDeputy, planItems, type DueItem, type ItemKey, type StoredReturn } from '../domain/returns';
import { effectiveOwner, loadCycleState, type CycleState } from './cycle-state';
import type { AppDeps, CardRow, Delegation } from './ports';

export type CardRowDeps = Pick<AppDeps, 'plans' | 'returns' | 'service'>;

/** Who sees an item on their card: whoever answers for it, and the deputy. */
export function viewersOf(state: CycleState, item: DueItem): string[] {
  const owner = effectiveOwner(state, item);
  const deputy = itemDeputy(item);
  return deputy && deputy !== owner ? [owner, deputy] : [owner];
}

/** The card rows of these items (default: every item of the plan) as the cycle stands. */
export function cardRowsOf(state: CycleState, items: readonly DueItem[] = planItems(state.plan)): CardRow[] {
  const numbers = state.numbers ?? supportingOutcomeNumbers(state.plan.activities);
  return items.flatMap((item) =>
    viewersOf(state, item).map((viewer) => ({
      viewer: viewer.toLowerCase(),
      item,
      number: item.kind === 'activity' ? (numbers.get(item.activity.id) ?? '') : '',
      previous: state.previous.get(item.key),
      current: state.returns.get(item.key),
      delegation: state.delegations.get(item.key),
    })),
  );
}

const rowId = (r: { viewer: string; item: { key: string } }) => `${r.viewer.toLowerCase()}|${r.item.key}`;
const canonical = (r: CardRow) =>
  JSON.stringify([r.viewer, r.item, r.number, r.previous ?? null, r.current ?? null, r.delegation ?? null]);
const newer = (a: StoredReturn | undefined, b: StoredReturn | undefined) =>
  (b?.version ?? 0) > (a?.version ?? 0) ? b : a;

/**
 * Rebuilds a cycle's card rows from the whole cycle: writes the rows that differ, removes the rows nobody
 * should see any more. Linear in the plan; an answer copied in meanwhile (a newer version) is kept.
 */
export async function writeCardRows(deps: CardRowDeps, state: CycleState): Promise<void> {
  const existing = new Map((await deps.returns.allCards(state.cycle.key)).map((r) => [rowId(r), r]));
  const wanted = cardRowsOf(state).map((r) => ({
    ...r,
    current: newer(r.current, existing.get(rowId(r))?.current),
  }));
  const keep = new Set(wanted.map(rowId));
  const put = wanted.filter((r) => {
    const old = existing.get(rowId(r));
    return !old || canonical(old) !== canonical(r);
  });
  const remove = [...existing.values()]
    .filter((r) => !keep.has(rowId(r)))
    .map((r) => ({ viewer: r.viewer, item: r.item.key }));
  await deps.returns.writeCards(state.cycle.key, put, remove, { built: true });
}

/**
 * A quarter's first chase writes its card rows as it goes: each chunk's recipients get theirs before their
 * card is sent, the rest (deputies who are not chased) at the end, which marks the rows built. So the
 * first card goes out at once, yet nobody holds a card whose rows do not exist. Answers copied in
 * meanwhile are kept.
 */
export function cardRowsAsChased(deps: CardRowDeps, state: CycleState) {
  // Who sees what, as item lists; the rows themselves are made a chunk at a time (a fan-out to 10,000
  // owners never holds them all).
  const byViewer = new Map<string, DueItem[]>();
  for (const item of planItems(state.plan))
    for (const viewer of viewersOf(state, item)) {
      const key = viewer.toLowerCase();
      const list = byViewer.get(key);
      if (list) list.push(item);
      else byViewer.set(key, [item]);
    }
  const numbers = state.numbers ?? supportingOutcomeNumbers(state.plan.activities);
  const take = (viewers: Iterable<string>) =>
    [...viewers].flatMap((v) => {
      const viewer = v.toLowerCase();
      const items = byViewer.get(viewer) ?? [];
      byViewer.delete(viewer);
      return cardRowsOf({ ...state, numbers }, items).filter((r) => r.viewer === viewer);
    });
  return {
    prepare: async (recipients: readonly string[]) => {
      const put = take(recipients);
      if (put.length) await deps.returns.writeCards(state.cycle.key, put, [], { keepAnswers: true });
    },
    finish: () =>
      deps.returns.writeCards(state.cycle.key, take([...byViewer.keys()]), [], {
        keepAnswers: true,
        built: true,
      }),
  };
}

export async function buildCardRows(deps: CardRowDeps, cycle: Cycle): Promise<CycleState> {
  const state = await loadCycleState(deps, cycle);
  await writeCardRows(deps, state);
  return state;
}

/** Builds in flight, per store: a migration and a request for the same cycle share one. */
const building = new WeakMap<object, Map<string, Promise<CycleState>>>();

function buildOnce(deps: CardRowDeps, cycle: Cycle): Promise<CycleState> {
  let inFlight = building.get(deps.returns);
  if (!inFlight) building.set(deps.returns, (inFlight = new Map<string, Promise<CycleState>>()));
  let build = inFlight.get(cycle.key);
  if (!build) {
    build = buildCardRows(deps, cycle).finally(() => inFlight.delete(cycle.key));
    inFlight.set(cycle.key, build);
  }
  return build;
}

/**
 * What one person's card needs, from their rows alone: a cycle state whose plan holds only their items.
 * Every rule of the whole state (who answers, what is outstanding, the card) reads it the same way. In a
 * cycle whose rows are not all built yet (a chase under way, tables from before card rows) a person
 * without rows gets theirs from the whole cycle, once.
 */
export async function personState(deps: CardRowDeps, cycle: Cycle, upn: string): Promise<CycleState> {
  const rows = await deps.returns.cards(cycle.key, upn);
  if (rows) return { ...stateFromRows(cycle, rows), service: deps.service };
  const inFlight = building.get(deps.returns)?.get(cycle.key);
  const whole = inFlight ? await inFlight : await loadCycleState(deps, cycle);
  const mine = cardRowsOf(whole).filter((r) => r.viewer === upn.toLowerCase());
  if (!inFlight && mine.length) await deps.returns.writeCards(cycle.key, mine, [], {});
  return { ...stateFromRows(cycle, mine), service: deps.service };
}

function stateFromRows(cycle: Cycle, rows: readonly CardRow[]): CycleState {
  const activities: Activity[] = [];
  const measures: Measure[] = [];
  const returns = new Map<ItemKey, StoredReturn>();
  const previous = new Map<ItemKey, StoredReturn>();
  const delegations = new Map<ItemKey, Delegation>();
  const numbers = new Map<string, string>();
  for (const row of rows) {
    const { item } = row;
    if (item.kind === 'activity') {
      activities.push(item.activity);
      numbers.set(item.activity.id, row.number);
    } else measures.push(item.measure);
    if (row.current) returns.set(item.key, row.current);
    if (row.previous) previous.set(item.key, row.previous);
    if (row.delegation) delegations.set(item.key, row.delegation);
  }
  const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
  return {
    plan: { name: '', activities: activities.sort(byOrder), measures: measures.sort(byOrder) },
    cycle,
    returns,
    previous,
    delegations,
    numbers,
  };
}

/** After a hand-over: the item's rows for who sees it now; the rows of who no longer does, removed. */
export async function moveCardRows(
  deps: CardRowDeps,
  before: CycleState,
  after: CycleState,
  item: DueItem,
): Promise<void> {
  // A cycle whose rows were never built gets them all now, or the colleague's card would hold only this.
  if (!(await deps.returns.cardsBuilt(after.cycle.key))) {
    await writeCardRows(deps, after);
    return;
  }
  const put = cardRowsOf(after, [item]);
  const now = new Set(put.map((r) => r.viewer));
  const remove = viewersOf(before, item)
    .map((v) => v.toLowerCase())
    .filter((v) => !now.has(v))
    .map((viewer) => ({ viewer, item: item.key }));
  await deps.returns.writeCards(after.cycle.key, put, remove, {});
}

/** Every cycle's rows that were never built (tables written before card rows): built now. */
export async function migrateCardRows(deps: CardRowDeps & Pick<AppDeps, 'cycles'>): Promise<string[]> {
  const built: string[] = [];
  for (const cycle of await deps.cycles.all()) {
    if (await deps.returns.cardsBuilt(cycle.key)) continue;
    await buildOnce(deps, cycle);
    built.push(cycle.key);
  }
  return built;
}

/** After a plan import: the rows of every open cycle follow the new plan (owners, texts, numbers). */
export async function refreshOpenCardRows(deps: CardRowDeps & Pick<AppDeps, 'cycles'>): Promise<number> {
  const open = (await deps.cycles.all()).filter((c) => c.status === 'open');
  for (const cycle of open) await buildCardRows(deps, cycle);
  return open.length;
}
