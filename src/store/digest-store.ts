/**
 * The digest's review state, one partition per quarter (PartitionKey = quarter key):
 *   RowKey `review|<supporting outcome id>`  overall commentary and any override (with its reason)
 *   RowKey `approval`                        who approved, and when
 *   RowKey `published`                       when it was posted to the SMT channel
 */
import { purgePartition } from './purge-partition';
import { odata, type TableClient } from '@azure/data-tables';
import type { Review } from '../domain/digest';
import type { DigestStore, Stamp } from '../app/ports';
import type { Tables } from './tables';
import { isNotFound } from './errors';

export class TableDigestStore implements DigestStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('digests');
  }

  async reviews(cycleKey: string): Promise<Map<string, Review>> {
    const map = new Map<string, Review>();
    const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge 'review|' and RowKey lt 'review}'`;
    for await (const e of this.client.listEntities<{ body: string }>({ queryOptions: { filter } }))
      map.set(e.rowKey?.slice(7) ?? '', JSON.parse(e.body) as Review);
    return map;
  }

  async saveReview(cycleKey: string, supportingOutcomeId: string, review: Review): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: cycleKey, rowKey: `review|${supportingOutcomeId}`, body: JSON.stringify(review) },
      'Replace',
    );
  }

  private async stamp(cycleKey: string, row: string): Promise<Stamp | undefined> {
    try {
      const e = await this.client.getEntity<Stamp>(cycleKey, row);
      return { by: e.by, at: e.at, ...(e.asAt ? { asAt: e.asAt } : {}) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  approval(cycleKey: string): Promise<Stamp | undefined> {
    return this.stamp(cycleKey, 'approval');
  }

  async approve(cycleKey: string, stamp: Stamp): Promise<void> {
    await this.client.upsertEntity({ partitionKey: cycleKey, rowKey: 'approval', ...stamp }, 'Replace');
  }

  /** A change after approval needs approving again. */
  async withdrawApproval(cycleKey: string): Promise<void> {
    try {
      await this.client.deleteEntity(cycleKey, 'approval');
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  published(cycleKey: string): Promise<Stamp | undefined> {
    return this.stamp(cycleKey, 'published');
  }

  async markPublished(cycleKey: string, stamp: Stamp): Promise<void> {
    await this.client.upsertEntity({ partitionKey: cycleKey, rowKey: 'published', ...stamp }, 'Replace');
  }
  async purgeCycle(cycleKey: string, dryRun: boolean): Promise<number> {
    return (await purgePartition(this.client, cycleKey, dryRun)).rows;
  }
}
