/** In-memory OutboxStore: a claim wins only against the version it read, as with an ETag. */
import type { OutboxResult, OutboxRow, OutboxSpec, OutboxStore } from '../../app/ports';
import { pendingRow } from '../outbox-row';
import { byKey, copy, nextEtag } from './versions';

export class MemoryOutboxStore implements OutboxStore {
  private readonly cycles = new Map<string, Map<string, OutboxRow>>();

  private partition(cycleKey: string): Map<string, OutboxRow> {
    let rows = this.cycles.get(cycleKey);
    if (!rows) {
      rows = new Map();
      this.cycles.set(cycleKey, rows);
    }
    return rows;
  }

  ensure(cycleKey: string, id: string, recipient: string, kind: string, now: string): Promise<OutboxRow> {
    const rows = this.partition(cycleKey);
    let row = rows.get(id);
    if (!row) {
      row = { ...pendingRow(cycleKey, id, recipient, kind, now), etag: nextEtag() };
      rows.set(id, row);
    }
    return Promise.resolve(copy(row));
  }

  async ensureMany(cycleKey: string, specs: readonly OutboxSpec[], now: string): Promise<OutboxRow[]> {
    const rows: OutboxRow[] = [];
    for (const s of specs) rows.push(await this.ensure(cycleKey, s.id, s.recipient, s.kind, now));
    return rows;
  }

  get(cycleKey: string, id: string): Promise<OutboxRow | undefined> {
    const row = this.partition(cycleKey).get(id);
    return Promise.resolve(row && copy(row));
  }

  claim(row: OutboxRow, holder: string, now: string): Promise<OutboxRow | undefined> {
    const rows = this.partition(row.cycleKey);
    const current = rows.get(row.id);
    if (!current || current.etag !== row.etag) return Promise.resolve(undefined);
    const claimed: OutboxRow = {
      ...current,
      status: 'sending',
      claimedAt: now,
      claimedBy: holder,
      attempts: current.attempts + 1,
      updatedAt: now,
      etag: nextEtag(),
    };
    rows.set(row.id, claimed);
    return Promise.resolve(copy(claimed));
  }

  finish(row: OutboxRow, result: OutboxResult, now: string): Promise<void> {
    const rows = this.partition(row.cycleKey);
    const current = rows.get(row.id) ?? row;
    rows.set(row.id, { ...current, ...result, updatedAt: now, etag: nextEtag() });
    return Promise.resolve();
  }

  list(cycleKey: string, prefix?: string): Promise<OutboxRow[]> {
    const rows = byKey(this.partition(cycleKey).entries());
    return Promise.resolve(rows.filter((r) => prefix === undefined || r.id.startsWith(prefix)).map(copy));
  }
  purgeCycle(cycleKey: string, dryRun: boolean): Promise<number> {
    const rows = this.cycles.get(cycleKey)?.size ?? 0;
    if (!dryRun) this.cycles.delete(cycleKey);
    return Promise.resolve(rows);
  }
}
