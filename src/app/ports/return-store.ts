/** Port: the answers of a cycle, their append-only history, hand-overs, and each person's card rows. */
import type { SendBack } from '../../domain/send-back';
import type { DueItem, ItemKey, StoredReturn } from '../../domain/returns';

export interface VersionedReturn {
  readonly value: StoredReturn;
  /** Opaque concurrency token of this version. */
  readonly etag: string;
}

/** An item handed to a colleague for one cycle. */
export interface Delegation {
  readonly to: string;
  readonly by: string;
  readonly at: string;
}

/**
 * One person's copy of one item of a cycle: everything their card shows for it, so a request of theirs
 * reads their card and nothing else. Kept by the use cases: built when a cycle opens (and on start for
 * cycles written before), answers copied in the answer's own write, cards rewritten by a hand-over and for
 * open cycles after a plan import.
 */
export interface CardRow {
  /** Who sees the item on their card: whoever answers for it, and the deputy. */
  readonly viewer: string;
  readonly item: DueItem;
  /** The supporting outcome's number in the plan ("1.2"); empty for KPIs and indicators. */
  readonly number: string;
  readonly previous?: StoredReturn | undefined;
  readonly current?: StoredReturn | undefined;
  readonly delegation?: Delegation | undefined;
  /** The answer was sent back to be looked at again (open while `current` is the version it was about). */
  readonly sentBack?: SendBack | undefined;
  /** Those who see this item whose cards are large (`ReturnStore.largeCard`): an answer is copied into those item by item. */
  readonly large?: readonly string[] | undefined;
}

/** Where an answer is copied: the card of someone who sees the item, and whether that card is large. */
export interface CardCopy {
  readonly viewer: string;
  readonly large: boolean;
}

/** One person's whole card: exactly these rows (none: the card is removed). */
export interface CardWrite {
  readonly viewer: string;
  readonly rows: readonly CardRow[];
}

export interface CardWriteOptions {
  readonly built?: boolean;
  readonly keepAnswers?: boolean;
}

export interface ReturnStore {
  /**
   * Every current answer of a cycle. `itemKeys` (the plan's) lets the store read a large cycle in parts
   * side by side; how it cuts them is the store's business. The same answers either way.
   */
  list(cycleKey: string, itemKeys?: readonly ItemKey[]): Promise<StoredReturn[]>;
  /** Every version of every answer of a cycle (or of one item), oldest first. */
  history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]>;
  get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined>;
  /**
   * Stores a new version, its history row and the copies in the cards of those who see it, together (one
   * write). `etag` is that of
   * the version it replaces; without it a first answer (version 1) must not exist yet, and a later version
   * is guarded by its history row, so of two saves of the same version one wins. Throws ConflictError when
   * someone else answered in between.
   */
  save(
    cycleKey: string,
    value: StoredReturn,
    etag: string | undefined,
    copies?: readonly CardCopy[],
  ): Promise<void>;
  /** Copies an answer into these cards again (one whose copy fell behind the answer itself). */
  copyAnswer(cycleKey: string, value: StoredReturn, copies: readonly CardCopy[]): Promise<void>;
  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>>;
  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void>;
  /** One person's card rows; undefined when the cycle's cards were never built. */
  cards(cycleKey: string, viewer: string): Promise<CardRow[] | undefined>;
  /** Every card row of a cycle (to rebuild them). */
  allCards(cycleKey: string): Promise<CardRow[]>;
  /**
   * Replaces whole cards: each given person's card becomes exactly the rows given. `built` marks the cycle's
   * cards as complete (a whole rebuild, or the last of a chase's chunks); `keepAnswers` leaves an answer
   * already copied into a card as it is where the row given has none (cards written while owners may be
   * answering).
   */
  writeCards(cycleKey: string, cards: readonly CardWrite[], options: CardWriteOptions): Promise<void>;
  /**
   * Whether a card of this many items is stored item by item (large) rather than as one record: the
   * store's layout, asked by whoever writes card rows or copies an answer into them.
   */
  largeCard(items: number): boolean;
  /** Whether the cycle's card rows were built (cycles written before card rows existed were not). */
  cardsBuilt(cycleKey: string): Promise<boolean>;
  /** Records that an answer was sent back (added, never rewritten: history keeps every one). */
  sendBack(cycleKey: string, sendBack: SendBack): Promise<void>;
  /** Every send-back of a cycle, oldest first. */
  sendBacks(cycleKey: string): Promise<SendBack[]>;
  /** Removes every row of the cycle: answers, history, cards (or, dry, only counts them); `purge`. */
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<{ readonly answers: number; readonly rows: number }>;
}
