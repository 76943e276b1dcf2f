/**
 * Returns and their history, one partition per cycle (PartitionKey = cycle key):
 *   RowKey `r|<item>`           the current answer (ETag-checked on every change)
 *   RowKey `h|<item>|<000001>`  one append-only row per version
 * A submit writes both in one entity-group transaction: no lost update, no history without its return.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { ItemKey, StoredReturn } from '../domain/returns';
import type { Tables } from './tables';
import type { Delegation, ReturnStore, VersionedReturn } from '../app/ports';
import { isConflict, isNotFound } from './errors';

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
  async save(cycleKey: string, value: StoredReturn, etag: string | undefined): Promise<void> {
    const body = JSON.stringify(value);
    const current = { partitionKey: cycleKey, rowKey: returnKey(value.item), body };
    const actions: TransactionAction[] = [
      ['create', { partitionKey: cycleKey, rowKey: historyKey(value.item, value.version), body }],
      etag ? ['update', current, 'Replace', { etag }] : ['create', current],
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
