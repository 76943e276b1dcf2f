/**
 * Each person's card rows (see the ReturnStore port): built from the whole cycle when it opens, after an
 * import and on start; read one person at a time, so an owner's request costs the same at 10 items or
 * 10,000.
 */
import { applySendBacks, type SendBack } from '../../domain/send-back';
import type { Cycle } from '../../domain/cycle';
import { supportingOutcomeNumbers, type Activity, type Measure } from '../../domain/plan';
import { itemDeputy, planItems, type DueItem, type ItemKey, type StoredReturn } from '../../domain/returns';
import { effectiveOwner, loadCycleState, type CycleState } from '../cycle/cycle-state';
import {
  type AppDeps,
  type CardCopy,
  type CardRow,
  type CardWrite,
  type Delegation,
  type ReturnStore,
} from '../ports';

export type CardRowDeps = Pick<AppDeps, 'plans' | 'returns' | 'service'>;

/** Who sees an item on their card: whoever answers for it, and the deputy. */
export function viewersOf(state: CycleState, item: DueItem): string[] {
  const owner = effectiveOwner(state, item);
  const deputy = itemDeputy(item);
  return deputy && deputy !== owner ? [owner, deputy] : [owner];
}

/** The store's card layout: whether a card of so many items is kept item by item. */
export type CardLayout = Pick<ReturnStore, 'largeCard'>;

/** How many items each person sees on their card, over the whole cycle. */
function cardSizes(state: CycleState): Map<string, number> {
  return new Map([...itemsByViewer(state)].map(([viewer, items]) => [viewer, items.length]));
}

/** The items on each person's card, in plan order. */
function itemsByViewer(state: CycleState): Map<string, DueItem[]> {
  const items = new Map<string, DueItem[]>();
  for (const item of planItems(state.plan))
    for (const viewer of viewersOf(state, item)) {
      const key = viewer.toLowerCase();
      const list = items.get(key);
      if (list) list.push(item);
      else items.set(key, [item]);
    }
  return items;
}

/** The card rows of these items (default: every item of the plan) as the cycle stands (a whole cycle). */
export function cardRowsOf(
  state: CycleState,
  layout: CardLayout,
  items: readonly DueItem[] = planItems(state.plan),
  sizes: ReadonlyMap<string, number> = cardSizes(state),
): CardRow[] {
  const numbers = state.numbers ?? supportingOutcomeNumbers(state.plan.activities);
  return items.flatMap((item) => {
    const viewers = viewersOf(state, item).map((v) => v.toLowerCase());
    const large = viewers.filter((v) => layout.largeCard(sizes.get(v) ?? 0));
    return viewers.map((viewer) => ({
      viewer,
      item,
      number: item.kind === 'activity' ? (numbers.get(item.activity.id) ?? '') : '',
      previous: state.previous.get(item.key),
      current: state.returns.get(item.key) ?? state.sentBack?.get(item.key)?.answer,
      delegation: state.delegations.get(item.key),
      ...sentBackOf(state, item),
      ...(large.length ? { large } : {}),
    }));
  });
}

/**
 * Where an answer to the item is copied: the card of each person who sees it, and whether that card is
 * large. A state of one person's rows knows it from the rows; a whole cycle counts.
 */
export function copiesOf(state: CycleState, item: DueItem, layout: CardLayout): CardCopy[] {
  const large =
    state.largeCards ?? new Set([...cardSizes(state)].filter(([, n]) => layout.largeCard(n)).map(([v]) => v));
  return viewersOf(state, item).map((v) => ({ viewer: v.toLowerCase(), large: large.has(v.toLowerCase()) }));
}

/** Rows grouped into whole cards. */
function byViewer(rows: readonly CardRow[]): Map<string, CardRow[]> {
  const cards = new Map<string, CardRow[]>();
  for (const r of rows) {
    const list = cards.get(r.viewer);
    if (list) list.push(r);
    else cards.set(r.viewer, [r]);
  }
  return cards;
}

const rowId = (r: { viewer: string; item: { key: string } }) => `${r.viewer.toLowerCase()}|${r.item.key}`;
const canonical = (rows: readonly CardRow[]) =>
  JSON.stringify(
    [...rows]
      .sort((a, b) => (a.item.key < b.item.key ? -1 : 1))
      .map((r) => [
        r.item,
        r.number,
        r.previous ?? null,
        r.current ?? null,
        r.delegation ?? null,
        r.large ?? [],
      ]),
  );
const newer = (a: StoredReturn | undefined, b: StoredReturn | undefined) =>
  (b?.version ?? 0) > (a?.version ?? 0) ? b : a;

/**
 * Rebuilds a cycle's cards from the whole cycle: writes the cards that differ, empties the cards of people
 * who see nothing any more. Linear in the plan; an answer copied in meanwhile (a newer version) is kept.
 */
export async function writeCardRows(deps: CardRowDeps, state: CycleState): Promise<void> {
  const existingRows = await deps.returns.allCards(state.cycle.key);
  const existing = byViewer(existingRows);
  const copied = new Map(existingRows.map((r) => [rowId(r), r.current]));
  const wanted = byViewer(
    cardRowsOf(state, deps.returns).map((r) => ({ ...r, current: newer(r.current, copied.get(rowId(r))) })),
  );
  const cards: CardWrite[] = [...wanted]
    .filter(([viewer, rows]) => canonical(existing.get(viewer) ?? []) !== canonical(rows))
    .map(([viewer, rows]) => ({ viewer, rows }));
  for (const viewer of existing.keys()) if (!wanted.has(viewer)) cards.push({ viewer, rows: [] });
  await deps.returns.writeCards(state.cycle.key, cards, { built: true });
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
  const items = itemsByViewer(state);
  const sizes = new Map([...items].map(([v, list]) => [v, list.length]));
  const numbers = state.numbers ?? supportingOutcomeNumbers(state.plan.activities);
  const take = (viewers: Iterable<string>): CardWrite[] =>
    [...viewers].flatMap((v) => {
      const viewer = v.toLowerCase();
      const mine = items.get(viewer);
      items.delete(viewer);
      if (!mine) return [];
      const rows = cardRowsOf({ ...state, numbers }, deps.returns, mine, sizes).filter(
        (r) => r.viewer === viewer,
      );
      return [{ viewer, rows }];
    });
  return {
    prepare: async (recipients: readonly string[]) => {
      const cards = take(recipients);
      if (cards.length) await deps.returns.writeCards(state.cycle.key, cards, { keepAnswers: true });
    },
    finish: () =>
      deps.returns.writeCards(state.cycle.key, take([...items.keys()]), { keepAnswers: true, built: true }),
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
  const mine = cardRowsOf(whole, deps.returns).filter((r) => r.viewer === upn.toLowerCase());
  if (!inFlight && mine.length)
    await deps.returns.writeCards(cycle.key, [{ viewer: upn.toLowerCase(), rows: mine }], {});
  return { ...stateFromRows(cycle, mine), service: deps.service };
}

function stateFromRows(cycle: Cycle, rows: readonly CardRow[]): CycleState {
  const activities: Activity[] = [];
  const measures: Measure[] = [];
  const returns = new Map<ItemKey, StoredReturn>();
  const previous = new Map<ItemKey, StoredReturn>();
  const delegations = new Map<ItemKey, Delegation>();
  const numbers = new Map<string, string>();
  const largeCards = new Set<string>();
  const sendBacks: SendBack[] = [];
  for (const row of rows) {
    const { item } = row;
    for (const v of row.large ?? []) largeCards.add(v);
    if (item.kind === 'activity') {
      activities.push(item.activity);
      numbers.set(item.activity.id, row.number);
    } else measures.push(item.measure);
    if (row.current) returns.set(item.key, row.current);
    if (row.previous) previous.set(item.key, row.previous);
    if (row.delegation) delegations.set(item.key, row.delegation);
    if (row.sentBack) sendBacks.push(row.sentBack);
  }
  const counted = applySendBacks(returns, sendBacks);
  const byOrder = <T extends { order: number }>(a: T, b: T) => a.order - b.order;
  return {
    plan: { name: '', activities: activities.sort(byOrder), measures: measures.sort(byOrder) },
    cycle,
    returns: counted.returns,
    sentBack: counted.sentBack,
    previous,
    delegations,
    numbers,
    largeCards,
  };
}

/**
 * After a hand-over: the cards of who saw the item before and who sees it now, rewritten. When that changes
 * whose cards are large, every card is (the others' rows say where an answer is copied).
 */
export async function moveCardRows(
  deps: CardRowDeps,
  before: CycleState,
  after: CycleState,
  item: DueItem,
): Promise<void> {
  const items = itemsByViewer(after);
  const sizes = new Map([...items].map(([v, list]) => [v, list.length]));
  const earlier = cardSizes(before);
  const people = [
    ...new Set([...viewersOf(before, item), ...viewersOf(after, item)].map((v) => v.toLowerCase())),
  ];
  const large = (v: string, n: ReadonlyMap<string, number>) => deps.returns.largeCard(n.get(v) ?? 0);
  const crossed = people.some((v) => large(v, sizes) !== large(v, earlier));
  // A cycle whose cards were never built gets them all now, or the colleague's card would hold only this.
  if (crossed || !(await deps.returns.cardsBuilt(after.cycle.key))) {
    await writeCardRows(deps, after);
    return;
  }
  const cards = people.map((viewer) => ({
    viewer,
    rows: cardRowsOf(after, deps.returns, items.get(viewer) ?? [], sizes).filter((r) => r.viewer === viewer),
  }));
  await deps.returns.writeCards(after.cycle.key, cards, {});
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
export async function refreshOpenCardRows(deps: CardRowDeps & Pick<AppDeps, 'cycles'>): Promise<string[]> {
  const open = (await deps.cycles.all()).filter((c) => c.status === 'open');
  for (const cycle of open) await buildCardRows(deps, cycle);
  return open.map((c) => c.key);
}

/** The send-back a card row carries: the item's open one (as a SendBack, without the answer it holds). */
function sentBackOf(state: CycleState, item: DueItem): { sentBack?: SendBack } {
  const open = state.sentBack?.get(item.key);
  if (!open) return {};
  const { answer: _answer, ...sendBack } = open;
  return { sentBack: sendBack };
}
