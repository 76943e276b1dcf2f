/** In-memory ReturnStore: versions checked like ETags, history append-only, both written or neither. */
import type { Delegation, ReturnStore, VersionedReturn } from '../../app/ports';
import { ConflictError } from '../../domain/errors';
import type { ItemKey, StoredReturn } from '../../domain/returns';
import { byKey, copy, nextEtag } from './versions';

interface CyclePartition {
  readonly current: Map<string, VersionedReturn>;
  /** Keyed like the Table adapter's history rows: item, then zero-padded version. */
  readonly history: Map<string, StoredReturn>;
  readonly delegations: Map<string, Delegation>;
}

const CONFLICT =
  'This answer was changed by someone else at the same moment. Open your latest card and try again.';

export class MemoryReturnStore implements ReturnStore {
  private readonly cycles = new Map<string, CyclePartition>();

  private partition(cycleKey: string): CyclePartition {
    let p = this.cycles.get(cycleKey);
    if (!p) {
      p = { current: new Map(), history: new Map(), delegations: new Map() };
      this.cycles.set(cycleKey, p);
    }
    return p;
  }

  list(cycleKey: string): Promise<StoredReturn[]> {
    return Promise.resolve(byKey(this.partition(cycleKey).current.entries()).map((v) => copy(v.value)));
  }

  history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]> {
    const rows = byKey(this.partition(cycleKey).history.entries());
    return Promise.resolve(rows.filter((r) => item === undefined || r.item === item).map(copy));
  }

  get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined> {
    const found = this.partition(cycleKey).current.get(item);
    return Promise.resolve(found && copy(found));
  }

  save(cycleKey: string, value: StoredReturn, etag: string | undefined): Promise<void> {
    const p = this.partition(cycleKey);
    const current = p.current.get(value.item);
    const historyKey = `${value.item}|${String(value.version).padStart(6, '0')}`;
    const stale = etag === undefined ? current !== undefined : current?.etag !== etag;
    if (stale || p.history.has(historyKey)) return Promise.reject(new ConflictError(CONFLICT));
    p.history.set(historyKey, copy(value));
    p.current.set(value.item, { value: copy(value), etag: nextEtag() });
    return Promise.resolve();
  }

  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>> {
    const entries = [...this.partition(cycleKey).delegations].sort(([a], [b]) => (a < b ? -1 : 1));
    return Promise.resolve(new Map(entries.map(([k, d]) => [k as ItemKey, copy(d)])));
  }

  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void> {
    this.partition(cycleKey).delegations.set(item, copy(delegation));
    return Promise.resolve();
  }
}
