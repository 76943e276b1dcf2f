/** Port: cycles, one per quarter (key `2016-17-Q1`). */
import type { Cycle } from '../../domain/cycle';

export interface CycleStore {
  /** Creates the cycle unless it exists; returns the stored one and whether this call created it. */
  create(cycle: Cycle): Promise<{ cycle: Cycle; created: boolean }>;
  get(key: string): Promise<Cycle | undefined>;
  /** The most recent open cycle: the one chat commands talk about. */
  current(): Promise<Cycle | undefined>;
  /** Every cycle, oldest quarter first. */
  all(): Promise<Cycle[]>;
  save(cycle: Cycle): Promise<void>;
}
