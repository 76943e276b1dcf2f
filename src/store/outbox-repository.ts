/**
 * The outbox: one row per proactive message a cycle step sends, so a step resumes after a crash without
 * sending twice or skipping anyone. PartitionKey = cycle key; RowKey = message id
 * (`chase|<upn>|<part>`, `reminder-5|<upn>|1`, `escalate|<upn>` ...).
 * A sender claims a row (pending -> sending) with its ETag; only one claim can win.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { Tables } from './tables';
import { isConflict, isNotFound } from './errors';

/** `retrying`: a temporary failure (throttled, 5xx) that a later run sends again; `failed` needs `resend failed`. */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'unreachable' | 'retrying' | 'failed';

export interface OutboxRow {
  readonly cycleKey: string;
  readonly id: string;
  readonly recipient: string;
  readonly kind: string;
  readonly status: OutboxStatus;
  readonly attempts: number;
  readonly lastError: string;
  readonly activityId: string;
  readonly conversationId: string;
  readonly claimedAt: string;
  /** The lease holder that claimed it; a claim by a holder that lost its lease is taken over. */
  readonly claimedBy: string;
  readonly updatedAt: string;
  readonly etag: string;
}

type Entity = Omit<OutboxRow, 'cycleKey' | 'id' | 'etag'> & { partitionKey: string; rowKey: string };

function toRow(e: Entity & { etag?: string }): OutboxRow {
  return {
    cycleKey: e.partitionKey,
    id: e.rowKey,
    recipient: e.recipient,
    kind: e.kind,
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

export class OutboxRepository {
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
    const entity: Entity = {
      partitionKey: cycleKey,
      rowKey: id,
      recipient,
      kind,
      status: 'pending',
      attempts: 0,
      lastError: '',
      activityId: '',
      conversationId: '',
      claimedAt: '',
      claimedBy: '',
      updatedAt: now,
    };
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

  async finish(
    row: OutboxRow,
    result: Partial<Pick<OutboxRow, 'status' | 'lastError' | 'activityId' | 'conversationId'>>,
    now: string,
  ): Promise<void> {
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
}
