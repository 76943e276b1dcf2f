/** In-memory CycleStore. */
import type { CycleStore } from '../../app/ports';
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

  save(cycle: Cycle): Promise<void> {
    this.cycles.set(cycle.key, copy(cycle));
    return Promise.resolve();
  }
}
