/** Port: the answers of a cycle, their append-only history, and hand-overs. */
import type { ItemKey, StoredReturn } from '../../domain/returns';

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

export interface ReturnStore {
  /** Every current answer of a cycle. */
  list(cycleKey: string): Promise<StoredReturn[]>;
  /** Every version of every answer of a cycle (or of one item), oldest first. */
  history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]>;
  get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined>;
  /**
   * Stores a new version and its history row together. `etag` is that of the version it replaces
   * (undefined for a first answer). Throws ConflictError when someone else answered in between.
   */
  save(cycleKey: string, value: StoredReturn, etag: string | undefined): Promise<void>;
  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>>;
  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void>;
}
