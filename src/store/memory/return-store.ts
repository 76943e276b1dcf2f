/** In-memory ReturnStore: versions checked like ETags, history append-only, both written or neither. */
import { largeCard } from '../card-layout';
import type { SendBack } from '../../domain/send-back';
import type {
  CardCopy,
  CardRow,
  CardWrite,
  CardWriteOptions,
  Delegation,
  ReturnStore,
  VersionedReturn,
} from '../../app/ports';
import { ConflictError } from '../../domain/errors';
import type { ItemKey, StoredReturn } from '../../domain/returns';
import { byKey, copy, nextEtag } from './versions';

interface CyclePartition {
  readonly current: Map<string, VersionedReturn>;
  /** Keyed like the Table adapter's history rows: item, then zero-padded version. */
  readonly history: Map<string, StoredReturn>;
  readonly delegations: Map<string, Delegation>;
  readonly sendBacks: SendBack[];
  /** Each person's card: its rows by item; an answer copied in may come before its row. */
  readonly cards: Map<string, Map<string, Partial<CardRow>>>;
  built: boolean;
}

const CONFLICT =
  'This answer was changed by someone else at the same moment. Open your latest card and try again.';

export class MemoryReturnStore implements ReturnStore {
  private readonly cycles = new Map<string, CyclePartition>();

  private partition(cycleKey: string): CyclePartition {
    let p = this.cycles.get(cycleKey);
    if (!p) {
      p = {
        current: new Map(),
        history: new Map(),
        delegations: new Map(),
        sendBacks: [],
        cards: new Map(),
        built: false,
      };
      this.cycles.set(cycleKey, p);
    }
    return p;
  }

  largeCard(items: number): boolean {
    return largeCard(items);
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

  save(
    cycleKey: string,
    value: StoredReturn,
    etag: string | undefined,
    copies: readonly CardCopy[] = [],
  ): Promise<void> {
    const p = this.partition(cycleKey);
    const current = p.current.get(value.item);
    const historyKey = `${value.item}|${String(value.version).padStart(6, '0')}`;
    const stale = etag !== undefined ? current?.etag !== etag : value.version === 1 && current !== undefined;
    if (stale || p.history.has(historyKey)) return Promise.reject(new ConflictError(CONFLICT));
    p.history.set(historyKey, copy(value));
    p.current.set(value.item, { value: copy(value), etag: nextEtag() });
    return this.copyAnswer(cycleKey, value, copies);
  }

  copyAnswer(cycleKey: string, value: StoredReturn, copies: readonly CardCopy[]): Promise<void> {
    const p = this.partition(cycleKey);
    for (const { viewer } of copies) {
      const card = this.card(p, viewer);
      card.set(value.item, { ...card.get(value.item), current: copy(value) });
    }
    return Promise.resolve();
  }

  cards(cycleKey: string, viewer: string): Promise<CardRow[] | undefined> {
    const p = this.partition(cycleKey);
    const rows = whole(p.cards.get(viewer.toLowerCase()));
    return Promise.resolve(rows.length || p.built ? rows : undefined);
  }

  allCards(cycleKey: string): Promise<CardRow[]> {
    const p = this.partition(cycleKey);
    const viewers = [...p.cards.keys()].sort();
    return Promise.resolve(viewers.flatMap((v) => whole(p.cards.get(v))));
  }

  writeCards(cycleKey: string, cards: readonly CardWrite[], options: CardWriteOptions): Promise<void> {
    const p = this.partition(cycleKey);
    for (const card of cards) {
      const viewer = card.viewer.toLowerCase();
      const before = this.card(p, viewer);
      const after = new Map<string, Partial<CardRow>>();
      for (const r of card.rows) {
        const current = options.keepAnswers ? (r.current ?? before.get(r.item.key)?.current) : r.current;
        after.set(r.item.key, copy({ ...r, viewer, current }));
      }
      p.cards.set(viewer, after);
    }
    if (options.built) p.built = true;
    return Promise.resolve();
  }

  cardsBuilt(cycleKey: string): Promise<boolean> {
    return Promise.resolve(this.partition(cycleKey).built);
  }

  private card(p: CyclePartition, viewer: string): Map<string, Partial<CardRow>> {
    const v = viewer.toLowerCase();
    let card = p.cards.get(v);
    if (!card) p.cards.set(v, (card = new Map<string, Partial<CardRow>>()));
    return card;
  }

  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>> {
    const entries = [...this.partition(cycleKey).delegations].sort(([a], [b]) => (a < b ? -1 : 1));
    return Promise.resolve(new Map(entries.map(([k, d]) => [k as ItemKey, copy(d)])));
  }

  sendBack(cycleKey: string, sendBack: SendBack): Promise<void> {
    this.partition(cycleKey).sendBacks.push(copy(sendBack));
    return Promise.resolve();
  }

  sendBacks(cycleKey: string): Promise<SendBack[]> {
    const all = [...(this.cycles.get(cycleKey)?.sendBacks ?? [])];
    return Promise.resolve(all.sort((a, b) => a.at.localeCompare(b.at)).map(copy));
  }

  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void> {
    this.partition(cycleKey).delegations.set(item, copy(delegation));
    return Promise.resolve();
  }
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<{ answers: number; rows: number }> {
    const p = this.cycles.get(cycleKey);
    if (!p) return Promise.resolve({ answers: 0, rows: 0 });
    const cardRows = [...p.cards.values()].reduce((n, card) => n + card.size, 0);
    const counts = {
      answers: p.current.size,
      rows: p.current.size + p.history.size + p.delegations.size + p.sendBacks.length + cardRows,
    };
    if (!dryRun) this.cycles.delete(cycleKey);
    return Promise.resolve(counts);
  }
}

/** A card's whole rows (not answers copied in before their row), in item order, each a copy. */
function whole(card: Map<string, Partial<CardRow>> | undefined): CardRow[] {
  return [...(card ?? [])]
    .filter((e): e is [string, CardRow] => e[1].item !== undefined && e[1].viewer !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => copy(r));
}
