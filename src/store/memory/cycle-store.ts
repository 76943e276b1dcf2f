/** In-memory CycleStore. */
import type { Change, CycleStore } from '../../app/ports';
import type { Cycle } from '../../domain/cycle';
import { compareQuarters } from '../../domain/quarter';
import { copy } from './versions';

export class MemoryCycleStore implements CycleStore {
  private readonly cycles = new Map<string, Cycle>();

  create(cycle: Cycle): Promise<{ cycle: Cycle; created: boolean }> {
    const existing = this.cycles.get(cycle.key);
    if (existing) return Promise.resolve({ cycle: copy(existing), created: false });
    this.cycles.set(cycle.key, copy(cycle));
    return Promise.resolve({ cycle: copy(cycle), created: true });
  }

  get(key: string): Promise<Cycle | undefined> {
    const cycle = this.cycles.get(key);
    return Promise.resolve(cycle && copy(cycle));
  }

  all(): Promise<Cycle[]> {
    return Promise.resolve(
      [...this.cycles.values()].map(copy).sort((a, b) => compareQuarters(a.quarter, b.quarter)),
    );
  }

  async current(): Promise<Cycle | undefined> {
    return (await this.all()).filter((c) => c.status === 'open').at(-1);
  }

  update(key: string, change: Change<Cycle>): Promise<Cycle | undefined> {
    const current = this.cycles.get(key);
    if (!current) return Promise.resolve(undefined);
    const next = change(copy(current));
    if (next) this.cycles.set(key, copy(next));
    return Promise.resolve(copy(next ?? current));
  }
  remove(key: string): Promise<void> {
    this.cycles.delete(key);
    return Promise.resolve();
  }
}
