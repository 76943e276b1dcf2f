/**
 * Returns and their history, one partition per cycle (PartitionKey = cycle key):
 *   RowKey `r|<item>`           the current answer
 *   RowKey `h|<item>|<000001>`  one append-only row per version (created, never replaced: the guard)
 *   RowKey `d|<item>`           a hand-over
 *   RowKey `o|<upn>|<item>`     that person's card row: the item, its number, last quarter's and this
 *                               quarter's answer, its hand-over (one range read gives a whole card)
 *   RowKey `m|cards`            present once the cycle's card rows are built
 * A submit writes the answer, its history row and the viewers' card rows in one entity-group transaction:
 * no lost update, no history without its return, no card that disagrees with the answer.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { DueItem, ItemKey, StoredReturn } from '../domain/returns';
import type { Tables } from './tables';
import type { CardRow, CardWriteOptions, Delegation, ReturnStore, VersionedReturn } from '../app/ports';
import { isConflict, isNotFound } from './errors';
import { submitInBatches } from './batch';

interface CardEntity {
  partitionKey: string;
  rowKey: string;
  item?: string;
  number?: string;
  previous?: string;
  current?: string;
  delegation?: string;
}

const cardKey = (viewer: string, item: string) => `o|${viewer.toLowerCase()}|${item}`;
const BUILT = 'm|cards';

interface ReturnEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
}

const returnKey = (item: string) => `r|${item}`;
const historyKey = (item: string, version: number) => `h|${item}|${String(version).padStart(6, '0')}`;

export class TableReturnStore implements ReturnStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('returns');
  }

  /** Every current answer of a cycle: one partition scan. */
  async list(cycleKey: string): Promise<StoredReturn[]> {
    return this.scan(cycleKey, 'r|', 'r}');
  }

  /** Every version of every answer of a cycle (or of one item), oldest first. */
  async history(cycleKey: string, item?: ItemKey): Promise<StoredReturn[]> {
    return item ? this.scan(cycleKey, `h|${item}|`, `h|${item}}`) : this.scan(cycleKey, 'h|', 'h}');
  }

  async get(cycleKey: string, item: ItemKey): Promise<VersionedReturn | undefined> {
    try {
      const e = await this.client.getEntity<ReturnEntity>(cycleKey, returnKey(item));
      return { value: readReturn(e.body), etag: e.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Stores a new version. `etag` is that of the version it replaces (undefined for a first answer).
   * Throws ConflictError when someone else answered in between.
   */
  async save(
    cycleKey: string,
    value: StoredReturn,
    etag: string | undefined,
    viewers: readonly string[] = [],
  ): Promise<void> {
    const body = JSON.stringify(value);
    const current = { partitionKey: cycleKey, rowKey: returnKey(value.item), body };
    const actions: TransactionAction[] = [
      ['create', { partitionKey: cycleKey, rowKey: historyKey(value.item, value.version), body }],
      etag
        ? ['update', current, 'Replace', { etag }]
        : value.version === 1
          ? ['create', current]
          : ['upsert', current, 'Replace'],
      ...[...new Set(viewers.map((v) => v.toLowerCase()))].map((v): TransactionAction => [
        'upsert',
        { partitionKey: cycleKey, rowKey: cardKey(v, value.item), current: body },
        'Merge',
      ]),
    ];
    try {
      await this.client.submitTransaction(actions);
    } catch (error) {
      // 409/412: another answer got there first; 404: the version it replaces is gone.
      if (isConflict(error) || isNotFound(error))
        throw new ConflictError(
          'This answer was changed by someone else at the same moment. Open your latest card and try again.',
        );
      throw error;
    }
  }

  /** Items handed to a colleague for this cycle (RowKey `d|<item>`). */
  async delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>> {
    const map = new Map<ItemKey, Delegation>();
    const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge 'd|' and RowKey lt 'd}'`;
    for await (const e of this.client.listEntities<ReturnEntity>({ queryOptions: { filter } })) {
      map.set(e.rowKey.slice(2) as ItemKey, JSON.parse(e.body) as Delegation);
    }
    return map;
  }

  async delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: cycleKey, rowKey: `d|${item}`, body: JSON.stringify(delegation) },
      'Replace',
    );
  }

  async cards(cycleKey: string, viewer: string): Promise<CardRow[] | undefined> {
    const prefix = `o|${viewer.toLowerCase()}|`;
    const rows = await this.cardScan(cycleKey, prefix, `${prefix}~`);
    if (rows.length > 0) return rows;
    return (await this.cardsBuilt(cycleKey)) ? [] : undefined;
  }

  async allCards(cycleKey: string): Promise<CardRow[]> {
    return this.cardScan(cycleKey, 'o|', 'o}');
  }

  async writeCards(
    cycleKey: string,
    put: readonly CardRow[],
    remove: readonly { readonly viewer: string; readonly item: ItemKey }[],
    options: CardWriteOptions,
  ): Promise<void> {
    const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
    const actions: TransactionAction[] = [
      ...put.map((r): TransactionAction => {
        const entity: CardEntity = {
          partitionKey: cycleKey,
          rowKey: cardKey(r.viewer, r.item.key),
          item: JSON.stringify(r.item),
          number: r.number,
          previous: json(r.previous),
          delegation: json(r.delegation),
        };
        // Merge without `current` keeps an answer copied in meanwhile; Replace sets the row as given.
        if (!options.keepAnswers) return ['upsert', { ...entity, current: json(r.current) }, 'Replace'];
        return ['upsert', r.current ? { ...entity, current: json(r.current) } : { ...entity }, 'Merge'];
      }),
      ...remove.map((r): TransactionAction => [
        'delete',
        { partitionKey: cycleKey, rowKey: cardKey(r.viewer, r.item) },
      ]),
    ];
    try {
      await submitInBatches(this.client, actions);
    } catch (error) {
      // A row removed in between (a hand-over at the same moment): write the rest one by one.
      if (!isNotFound(error)) throw error;
      for (const action of actions) {
        try {
          await this.client.submitTransaction([action]);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    if (options.built) await this.client.upsertEntity({ partitionKey: cycleKey, rowKey: BUILT }, 'Replace');
  }

  async cardsBuilt(cycleKey: string): Promise<boolean> {
    try {
      await this.client.getEntity(cycleKey, BUILT);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  private async cardScan(cycleKey: string, from: string, to: string): Promise<CardRow[]> {
    const rows: CardRow[] = [];
    const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge ${from} and RowKey lt ${to}`;
    for await (const e of this.client.listEntities<CardEntity>({ queryOptions: { filter } })) {
      // A row with only an answer copied into it (its person's rows were being rebuilt) waits for the rebuild.
      if (!e.item) continue;
      rows.push({
        viewer: e.rowKey.slice(2, e.rowKey.lastIndexOf('|')),
        item: JSON.parse(e.item) as DueItem,
        number: e.number ?? '',
        previous: e.previous ? readReturn(e.previous) : undefined,
        current: e.current ? readReturn(e.current) : undefined,
        delegation: e.delegation ? (JSON.parse(e.delegation) as Delegation) : undefined,
      });
    }
    return rows;
  }

  private async scan(cycleKey: string, from: string, to: string): Promise<StoredReturn[]> {
    const rows: StoredReturn[] = [];
    const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge ${from} and RowKey lt ${to}`;
    for await (const e of this.client.listEntities<ReturnEntity>({
      queryOptions: { filter, select: ['body'] },
    })) {
      rows.push(readReturn(e.body));
    }
    return rows;
  }
}

/**
 * A stored answer. A value that is not a finite number (written before values were capped: a 400-digit
 * number became Infinity, stored as null) reads as "no value", so the card and reports still work and
 * the owner can answer again.
 */
function readReturn(body: string): StoredReturn {
  const stored = JSON.parse(body) as StoredReturn & { value?: unknown };
  if (stored.value === undefined || (typeof stored.value === 'number' && Number.isFinite(stored.value)))
    return stored;
  const { value: _broken, ...rest } = stored;
  return rest;
}
