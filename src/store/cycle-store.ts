/** Cycles: PartitionKey `cycle`, RowKey = quarter key (`2016-17-Q1`). */
import type { TableClient } from '@azure/data-tables';
import type { Cycle } from '../domain/cycle';
import { compareQuarters } from '../domain/quarter';
import type { Change, CycleStore } from '../app/ports';
import type { Tables } from './tables';
import { isConflict, isNotFound } from './errors';

interface CycleEntity {
  partitionKey: 'cycle';
  rowKey: string;
  body: string;
  status: string;
}

export class TableCycleStore implements CycleStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('cycles');
  }

  /** Creates the cycle unless it exists; returns the stored one and whether this call created it. */
  async create(cycle: Cycle): Promise<{ cycle: Cycle; created: boolean }> {
    try {
      await this.client.createEntity<CycleEntity>({
        partitionKey: 'cycle',
        rowKey: cycle.key,
        body: JSON.stringify(cycle),
        status: cycle.status,
      });
      return { cycle, created: true };
    } catch (error) {
      if (!isConflict(error)) throw error;
      const existing = await this.get(cycle.key);
      if (!existing) throw error;
      return { cycle: existing, created: false };
    }
  }

  async get(key: string): Promise<Cycle | undefined> {
    try {
      const e = await this.client.getEntity<CycleEntity>('cycle', key);
      return JSON.parse(e.body) as Cycle;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async all(): Promise<Cycle[]> {
    const cycles: Cycle[] = [];
    for await (const e of this.client.listEntities<CycleEntity>()) cycles.push(JSON.parse(e.body) as Cycle);
    return cycles.sort((a, b) => compareQuarters(a.quarter, b.quarter));
  }

  /** The most recent open cycle, the one chat commands talk about. */
  async current(): Promise<Cycle | undefined> {
    const open = (await this.all()).filter((c) => c.status === 'open');
    return open[open.length - 1];
  }

  async update(key: string, change: Change<Cycle>): Promise<Cycle | undefined> {
    for (let attempt = 0; ; attempt += 1) {
      let found: CycleEntity & { etag: string };
      try {
        found = await this.client.getEntity<CycleEntity>('cycle', key);
      } catch (error) {
        if (isNotFound(error)) return undefined;
        throw error;
      }
      const current = JSON.parse(found.body) as Cycle;
      const next = change(current);
      if (!next) return current;
      try {
        await this.client.updateEntity<CycleEntity>(
          { partitionKey: 'cycle', rowKey: key, body: JSON.stringify(next), status: next.status },
          'Replace',
          { etag: found.etag },
        );
        return next;
      } catch (error) {
        if (!isConflict(error) || attempt >= 20) throw error;
      }
    }
  }
  async remove(key: string): Promise<void> {
    await this.client.deleteEntity('cycle', key).catch((error: unknown) => {
      if (!isNotFound(error)) throw error;
    });
  }
}
