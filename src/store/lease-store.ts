/**
 * Leases: one writer at a time for sends, across processes and instances (PartitionKey `lease`,
 * RowKey = name). Taken, renewed and released with ETag-conditional writes. Expiry is judged on the
 * wall clock; correctness does not rest on it, since each message is still claimed by ETag in the outbox.
 * Allowances shared by every process (a mailbox's emails a day) live here too: PartitionKey `allowance`.
 */
import type { TableClient } from '@azure/data-tables';
import type { LeaseStore } from '../app/ports';
import type { Tables } from './tables';
import { isConflict, isNotFound } from './errors';

interface LeaseEntity {
  partitionKey: 'lease';
  rowKey: string;
  holder: string;
  expiresAtMs: number;
}

export class TableLeaseStore implements LeaseStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('leases');
  }

  /** Takes the lease if free, expired or already ours. */
  async acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const entity: LeaseEntity = { partitionKey: 'lease', rowKey: name, holder, expiresAtMs: nowMs + ttlMs };
    try {
      const current = await this.client.getEntity<LeaseEntity>('lease', name);
      if (current.holder !== holder && current.expiresAtMs > nowMs) return false;
      await this.client.updateEntity(entity, 'Replace', { etag: current.etag });
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      if (!isNotFound(error)) throw error;
    }
    try {
      await this.client.createEntity(entity);
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  /** Extends our lease; false if it is no longer ours (stop sending). */
  async renew(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    try {
      const current = await this.client.getEntity<LeaseEntity>('lease', name);
      if (current.holder !== holder) return false;
      await this.client.updateEntity(
        { partitionKey: 'lease', rowKey: name, holder, expiresAtMs: nowMs + ttlMs },
        'Replace',
        { etag: current.etag },
      );
      return true;
    } catch (error) {
      if (isConflict(error) || isNotFound(error)) return false;
      throw error;
    }
  }

  /** PartitionKey `allowance`, RowKey = its name, `used`: counted with ETag-conditional writes. */
  async take(allowance: string, limit: number): Promise<boolean> {
    for (let attempt = 0; attempt < 50; attempt += 1) {
      try {
        const current = await this.client.getEntity<{ used: number }>('allowance', allowance);
        if (current.used >= limit) return false;
        await this.client.updateEntity(
          { partitionKey: 'allowance', rowKey: allowance, used: current.used + 1 },
          'Replace',
          { etag: current.etag },
        );
        return true;
      } catch (error) {
        if (isConflict(error)) continue;
        if (!isNotFound(error)) throw error;
      }
      try {
        await this.client.createEntity({ partitionKey: 'allowance', rowKey: allowance, used: 1 });
        return true;
      } catch (error) {
        if (!isConflict(error)) throw error;
      }
    }
    throw new Error(`the allowance ${allowance} kept changing under 50 attempts to count it`);
  }

  async release(name: string, holder: string): Promise<void> {
    try {
      const current = await this.client.getEntity<LeaseEntity>('lease', name);
      if (current.holder === holder) await this.client.deleteEntity('lease', name, { etag: current.etag });
    } catch (error) {
      if (!isConflict(error) && !isNotFound(error)) throw error;
    }
  }
}
