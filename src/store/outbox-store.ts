/**
 * The outbox: one row per proactive message a cycle step sends, so a step resumes after a crash without
 * sending twice or skipping anyone. PartitionKey = cycle key; RowKey = message id
 * (`chase|<upn>|<part>`, `reminder-5|<upn>|1`, `escalate|<upn>` ...).
 * A sender claims a row (pending -> sending) with its ETag; only one claim can win.
 */
import { purgePartition } from './purge-partition';
import { odata, type TableClient } from '@azure/data-tables';
import type { OutboxResult, OutboxRow, OutboxSpec, OutboxStore } from '../app/ports';
import { MAX_BATCH } from './batch';
import type { Tables } from './tables';
import { isConflict, isNotFound } from './errors';
import { pendingRow, stepColumn } from './outbox-row';

type Entity = Omit<OutboxRow, 'cycleKey' | 'id' | 'etag' | 'step'> & {
  partitionKey: string;
  rowKey: string;
  step?: string;
};

function toRow(e: Entity & { etag?: string }): OutboxRow {
  return {
    cycleKey: e.partitionKey,
    id: e.rowKey,
    recipient: e.recipient,
    kind: e.kind,
    step: e.step ?? stepColumn(e.rowKey),
    status: e.status,
    attempts: e.attempts,
    lastError: e.lastError,
    activityId: e.activityId,
    conversationId: e.conversationId,
    claimedAt: e.claimedAt,
    claimedBy: e.claimedBy,
    updatedAt: e.updatedAt,
    etag: e.etag ?? '',
  };
}

export class TableOutboxStore implements OutboxStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('outbox');
  }

  /** Returns the row, creating it as pending if it does not exist yet. */
  async ensure(
    cycleKey: string,
    id: string,
    recipient: string,
    kind: string,
    now: string,
  ): Promise<OutboxRow> {
    const { cycleKey: _pk, id: _rk, ...fields } = pendingRow(cycleKey, id, recipient, kind, now);
    const entity: Entity = { partitionKey: cycleKey, rowKey: id, ...fields };
    try {
      const response = await this.client.createEntity(entity);
      return toRow({ ...entity, etag: response.etag ?? '' });
    } catch (error) {
      if (!isConflict(error)) throw error;
      const existing = await this.get(cycleKey, id);
      if (!existing) throw error;
      return existing;
    }
  }

  async ensureMany(cycleKey: string, specs: readonly OutboxSpec[], now: string): Promise<OutboxRow[]> {
    const rows: OutboxRow[] = [];
    for (let i = 0; i < specs.length; i += MAX_BATCH) {
      const chunk = specs.slice(i, i + MAX_BATCH);
      const entities = chunk.map((s) => {
        const { cycleKey: _pk, id: _rk, ...fields } = pendingRow(cycleKey, s.id, s.recipient, s.kind, now);
        return { partitionKey: cycleKey, rowKey: s.id, ...fields } satisfies Entity;
      });
      try {
        const response = await this.client.submitTransaction(entities.map((e) => ['create', e]));
        // Sub-responses come in the order of the operations (their row keys arrive URL-encoded).
        rows.push(...entities.map((e, n) => toRow({ ...e, etag: response.subResponses[n]?.etag ?? '' })));
      } catch (error) {
        // Some rows exist already (a resumed step, or another sender): the whole transaction was refused,
        // so each row is taken as it is, or created, one by one.
        if (!isConflict(error)) throw error;
        rows.push(
          ...(await Promise.all(chunk.map((s) => this.ensure(cycleKey, s.id, s.recipient, s.kind, now)))),
        );
      }
    }
    return rows;
  }

  async get(cycleKey: string, id: string): Promise<OutboxRow | undefined> {
    try {
      return toRow(await this.client.getEntity<Entity>(cycleKey, id));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /** pending/failed/stale -> sending, only if nobody changed the row since it was read. */
  async claim(row: OutboxRow, holder: string, now: string): Promise<OutboxRow | undefined> {
    // Without the version it was read at, the write would be unconditional: never claim blind.
    if (!row.etag) throw new Error(`outbox row ${row.id} has no ETag: claims must be conditional`);
    const next = {
      status: 'sending' as const,
      claimedAt: now,
      claimedBy: holder,
      attempts: row.attempts + 1,
      updatedAt: now,
    };
    try {
      const response = await this.client.updateEntity(
        { partitionKey: row.cycleKey, rowKey: row.id, ...next },
        'Merge',
        { etag: row.etag },
      );
      return { ...row, ...next, etag: response.etag ?? '' };
    } catch (error) {
      if (isConflict(error)) return undefined;
      throw error;
    }
  }

  async finish(row: OutboxRow, result: OutboxResult, now: string): Promise<void> {
    await this.client.updateEntity(
      { partitionKey: row.cycleKey, rowKey: row.id, ...result, updatedAt: now },
      'Merge',
    );
  }

  async list(cycleKey: string, prefix?: string): Promise<OutboxRow[]> {
    const filter = prefix
      ? odata`PartitionKey eq ${cycleKey} and RowKey ge ${prefix} and RowKey lt ${`${prefix}\uffff`}`
      : odata`PartitionKey eq ${cycleKey}`;
    const rows: OutboxRow[] = [];
    for await (const e of this.client.listEntities<Entity>({ queryOptions: { filter } })) rows.push(toRow(e));
    return rows;
  }
  async purgeCycle(cycleKey: string, dryRun: boolean): Promise<number> {
    return (await purgePartition(this.client, cycleKey, dryRun)).rows;
  }
}
