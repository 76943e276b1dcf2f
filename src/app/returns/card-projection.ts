/**
 * The card projection: who sees what on their card. Use cases report what happened (an answer stored, an
 * item handed over or sent back, the plan changed, the store opened) and this module alone decides whose
 * card rows change and how. Its working part, card-rows.ts, is imported by nothing else (a layer rule).
 */
import type { Cycle } from '../../domain/cycle';
import type { DueItem } from '../../domain/returns';
import type { CycleState } from '../cycle/cycle-state';
import type { AppDeps, CardCopy } from '../ports';
import {
  cardRowsAsChased,
  copiesOf,
  migrateCardRows,
  moveCardRows,
  personState,
  refreshOpenCardRows,
  type CardLayout,
  type CardRowDeps,
} from './card-rows';

export type { CardRowDeps } from './card-rows';

/** What happened, as the use cases report it. */
export type CardEvent =
  /** Who answers for the item changed (hand-over), or what its card shows did (sent back). */
  | {
      readonly kind: 'handed-over' | 'sent-back';
      readonly before: CycleState;
      readonly after: CycleState;
      readonly item: DueItem;
    }
  /** An answer was refused as stale: the cards' copy of the latest answer may have missed a write. */
  | { readonly kind: 'answer-conflict'; readonly state: CycleState; readonly item: DueItem }
  /** A plan was imported: every open quarter's cards follow it (owners, texts, numbers). */
  | { readonly kind: 'plan-changed' }
  /** The store opened: quarters stored before card rows existed get theirs, once. */
  | { readonly kind: 'store-opened' };

/** The quarters whose cards were rewritten. */
export interface CardsFollowed {
  readonly cycles: readonly string[];
}

export async function cardsFollow(
  deps: CardRowDeps & Pick<AppDeps, 'cycles'>,
  event: CardEvent,
): Promise<CardsFollowed> {
  switch (event.kind) {
    case 'handed-over':
    case 'sent-back':
      await moveCardRows(deps, event.before, event.after, event.item);
      return { cycles: [event.after.cycle.key] };
    case 'answer-conflict': {
      const { state, item } = event;
      const latest = await deps.returns.get(state.cycle.key, item.key);
      if (!latest || latest.value.version <= (state.returns.get(item.key)?.version ?? 0))
        return { cycles: [] };
      await deps.returns.copyAnswer(state.cycle.key, latest.value, copiesOf(state, item, deps.returns));
      return { cycles: [state.cycle.key] };
    }
    case 'plan-changed':
      return { cycles: await refreshOpenCardRows(deps) };
    case 'store-opened':
      return { cycles: await migrateCardRows(deps) };
  }
}

/** The cards an answer to the item is stored on, with the answer itself (one write). */
export function answerCopies(state: CycleState, item: DueItem, layout: CardLayout): CardCopy[] {
  return copiesOf(state, item, layout);
}

/** A quarter's first chase: each chunk's recipients get their rows before their card is sent. */
export function cardsAsChased(deps: CardRowDeps, state: CycleState) {
  return cardRowsAsChased(deps, state);
}

/** One person's card: a cycle state whose plan holds only the items they see. */
export function cardOf(deps: CardRowDeps, cycle: Cycle, upn: string): Promise<CycleState> {
  return personState(deps, cycle, upn);
}
