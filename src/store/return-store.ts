/**
 * Returns and their history, one partition per cycle (PartitionKey = cycle key):
 *   RowKey `r|<item>`           the current answer
 *   RowKey `h|<item>|<000001>`  one append-only row per version (created, never replaced: the guard)
 *   RowKey `d|<item>`           a hand-over
 *   RowKey `c|<upn>`            that person's card, one record (large cards item by item: card-entities.ts)
 *   RowKey `m|cards2`           present once the cycle's cards are built (`m|cards` marked the item rows
 *                               of earlier versions, which are rebuilt as records on start)
 * A submit writes the answer, its history row and the copies in the cards of those who see the item in one
 * entity-group transaction: no lost update, no history without its return, no card that disagrees with it.
 */
import { readDelegations, readSendBacks, writeDelegation, writeSendBack } from './return-notes';
import { CARD_ITEMS, largeCard } from './card-layout';
import type { SendBack } from '../domain/send-back';
import { purgePartition } from './purge-partition';
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { ItemKey, StoredReturn } from '../domain/returns';
import type { Tables } from './tables';
import {
  type CardCopy,
  type CardRow,
  type CardWrite,
  type CardWriteOptions,
  type Delegation,
  type ReturnStore,
  type VersionedReturn,
} from '../app/ports';
import { isConflict, isNotFound } from './errors';
import { submitInBatches } from './batch';
import { pageSplits, readRange } from './range-read';
import {
  cardEntity,
  cardKey,
  copyActions,
  itemRowEntity,
  itemRowKey,
  rowOfItemEntity,
  rowsOfCard,
  type StoredCard,
  type ItemRowEntity,
} from './card-entities';

const BUILT = 'm|cards2';

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

  largeCard(items: number): boolean {
    return largeCard(items);
  }

  /** Every current answer of a cycle: one range of the partition, large ones in pages side by side. */
  async list(cycleKey: string, itemKeys: readonly ItemKey[] = []): Promise<StoredReturn[]> {
    return readRange(this.client, {
      partitionKey: cycleKey,
      from: 'r|',
      to: 'r}',
      splitAt: pageSplits(itemKeys).map(returnKey),
      select: ['body'],
      parse: (e) => readReturn(String(e.body)),
    });
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
    copies: readonly CardCopy[] = [],
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
      ...copyActions(cycleKey, value.item, body, copies),
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

  async copyAnswer(cycleKey: string, value: StoredReturn, copies: readonly CardCopy[]): Promise<void> {
    const actions = copyActions(cycleKey, value.item, JSON.stringify(value), copies);
    if (actions.length) await this.client.submitTransaction(actions);
  }

  /** Items handed to a colleague for this cycle, and the answers sent back (store/return-notes.ts). */
  delegations(cycleKey: string): Promise<Map<ItemKey, Delegation>> {
    return readDelegations(this.client, cycleKey);
  }

  delegate(cycleKey: string, item: ItemKey, delegation: Delegation): Promise<void> {
    return writeDelegation(this.client, cycleKey, item, delegation);
  }

  sendBack(cycleKey: string, sendBack: SendBack): Promise<void> {
    return writeSendBack(this.client, cycleKey, sendBack);
  }

  sendBacks(cycleKey: string): Promise<SendBack[]> {
    return readSendBacks(this.client, cycleKey);
  }

  async cards(cycleKey: string, viewer: string): Promise<CardRow[] | undefined> {
    let entity: StoredCard | undefined;
    try {
      entity = await this.client.getEntity(cycleKey, cardKey(viewer));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const rows =
      entity?.large === true
        ? await this.itemRows(cycleKey, viewer)
        : entity && rowsOfCard(entity, viewer.toLowerCase(), readReturn);
    if (rows?.length) return rows;
    return (await this.cardsBuilt(cycleKey)) ? [] : undefined;
  }

  async allCards(cycleKey: string): Promise<CardRow[]> {
    const rows: CardRow[] = [];
    const large: string[] = [];
    const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge 'c|' and RowKey lt 'c}'`;
    for await (const e of this.client.listEntities({ queryOptions: { filter } })) {
      const viewer = (e.rowKey ?? '').slice(2);
      if (e.large === true) large.push(viewer);
      else rows.push(...(rowsOfCard(e, viewer, readReturn) ?? []));
    }
    if (large.length) {
      const wanted = new Set(large);
      rows.push(...(await this.itemRows(cycleKey)).filter((r) => wanted.has(r.viewer)));
    }
    return rows;
  }

  async writeCards(cycleKey: string, cards: readonly CardWrite[], options: CardWriteOptions): Promise<void> {
    const keep = options.keepAnswers === true;
    const actions: TransactionAction[] = [];
    for (const card of cards) {
      const viewer = card.viewer.toLowerCase();
      const rows = card.rows.map((r) => ({ ...r, viewer }));
      if (rows.length === 0) {
        actions.push(['upsert', { partitionKey: cycleKey, rowKey: cardKey(viewer) }, 'Replace']);
      } else if (rows.length <= CARD_ITEMS) {
        // Merge keeps the answers copied in meanwhile; Replace sets the card as given.
        actions.push(['upsert', cardEntity(cycleKey, viewer, rows), keep ? 'Merge' : 'Replace']);
      } else {
        const before = new Set(await this.itemRowKeys(cycleKey, viewer));
        actions.push(['upsert', { partitionKey: cycleKey, rowKey: cardKey(viewer), large: true }, 'Replace']);
        for (const r of rows) {
          const entity: ItemRowEntity = itemRowEntity(cycleKey, r);
          const answer = r.current ? { current: JSON.stringify(r.current) } : keep ? {} : { current: '' };
          actions.push(['upsert', { ...entity, ...answer }, keep ? 'Merge' : 'Replace']);
          before.delete(entity.rowKey);
        }
        for (const rowKey of before) actions.push(['delete', { partitionKey: cycleKey, rowKey }]);
      }
    }
    try {
      await submitInBatches(this.client, actions);
    } catch (error) {
      // A row removed in between (two rewrites of one large card at once): write the rest one by one.
      if (!isNotFound(error)) throw error;
      for (const action of actions) {
        try {
          await this.client.submitTransaction([action]);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    }
    if (options.built) {
      await this.removeStrayItemRows(cycleKey);
      await this.client.upsertEntity({ partitionKey: cycleKey, rowKey: BUILT }, 'Replace');
    }
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

  /** Item rows of large cards (one person's, or everyone's). */
  private async itemRows(cycleKey: string, viewer?: string): Promise<CardRow[]> {
    const rows: CardRow[] = [];
    for await (const e of this.client.listEntities<ItemRowEntity>({
      queryOptions: { filter: this.itemRange(cycleKey, viewer) },
    })) {
      const row = rowOfItemEntity(e, readReturn);
      if (row) rows.push(row);
    }
    return rows;
  }

  /** The keys of item rows (with those holding only an answer copied in). */
  private async itemRowKeys(cycleKey: string, viewer?: string): Promise<string[]> {
    const keys: string[] = [];
    for await (const e of this.client.listEntities({
      queryOptions: { filter: this.itemRange(cycleKey, viewer), select: ['RowKey'] },
    }))
      keys.push(e.rowKey ?? '');
    return keys;
  }

  private itemRange(cycleKey: string, viewer?: string): string {
    const from = viewer ? itemRowKey(viewer, '') : 'o|';
    const to = viewer ? `${from}~` : 'o}';
    return odata`PartitionKey eq ${cycleKey} and RowKey ge ${from} and RowKey lt ${to}`;
  }

  /** Item rows of people whose cards are records now (and of tables from before cards were records). */
  private async removeStrayItemRows(cycleKey: string): Promise<void> {
    const large = new Set<string>();
    const cards = odata`PartitionKey eq ${cycleKey} and RowKey ge 'c|' and RowKey lt 'c}'`;
    for await (const e of this.client.listEntities({
      queryOptions: { filter: cards, select: ['RowKey', 'large'] },
    }))
      if (e.large === true) large.add((e.rowKey ?? '').slice(2));
    const stray: TransactionAction[] = (await this.itemRowKeys(cycleKey))
      .filter((rowKey) => !large.has(rowKey.slice(2, rowKey.lastIndexOf('|'))))
      .map((rowKey) => ['delete', { partitionKey: cycleKey, rowKey }]);
    await submitInBatches(this.client, stray);
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
  async purgeCycle(cycleKey: string, dryRun: boolean): Promise<{ answers: number; rows: number }> {
    const { rows, counted } = await purgePartition(this.client, cycleKey, dryRun, (k) => k.startsWith('r|'));
    return { answers: counted, rows };
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
