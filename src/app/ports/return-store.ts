/** Port: the answers of a cycle, their append-only history, hand-overs, and each person's card rows. */
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
 * reads their rows and nothing else. Kept by the use cases: built when a cycle opens (and on start for
 * cycles written before), answers copied in the answer's own write, rows moved by a hand-over, rebuilt for
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
}

export interface CardWriteOptions {
  readonly built?: boolean;
  readonly keepAnswers?: boolean;
}

export interface ReturnStore {
  /** Every current answer of a cycle. */
  list(cycleKey: string): Promise<StoredReturn[]>;
  /** Every version of every answer of a cycle (or of one item), oldest first. */
  history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]>;
  get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined>;
  /**
   * Stores a new version, its history row and the viewers' copies together (one write). `etag` is that of
   * the version it replaces; without it a first answer (version 1) must not exist yet, and a later version
   * is guarded by its history row, so of two saves of the same version one wins. Throws ConflictError when
   * someone else answered in between.
   */
  save(
    cycleKey: string,
    value: StoredReturn,
    etag: string | undefined,
    viewers?: readonly string[],
  ): Promise<void>;
  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>>;
  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void>;
  /** One person's card rows in plan order; undefined when the cycle's rows were never built. */
  cards(cycleKey: string, viewer: string): Promise<CardRow[] | undefined>;
  /** Every card row of a cycle (to rebuild them). */
  allCards(cycleKey: string): Promise<CardRow[]>;
  /**
   * Writes and removes card rows. `built` marks the cycle's rows as complete (a whole rebuild, or the last
   * of a chase's chunks); `keepAnswers` leaves the answer already copied into a row as it is where the row
   * given has none (rows written while owners may be answering).
   */
  writeCards(
    cycleKey: string,
    put: readonly CardRow[],
    remove: readonly { readonly viewer: string; readonly item: ItemKey }[],
    options: CardWriteOptions,
  ): Promise<void>;
  /** Whether the cycle's card rows were built (cycles written before card rows existed were not). */
  cardsBuilt(cycleKey: string): Promise<boolean>;
}
