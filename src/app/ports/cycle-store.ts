/** Port: cycles, one per quarter (key `2016-17-Q1`). */
import type { Cycle } from '../../domain/cycle';
import type { Change } from './change';

export interface CycleStore {
  /** Creates the cycle unless it exists; returns the stored one and whether this call created it. */
  create(cycle: Cycle): Promise<{ cycle: Cycle; created: boolean }>;
  get(key: string): Promise<Cycle | undefined>;
  /** The most recent open cycle: the one chat commands talk about. */
  current(): Promise<Cycle | undefined>;
  /** Every cycle, oldest quarter first. */
  all(): Promise<Cycle[]>;
  /**
   * Changes a cycle on a fresh read, written only if nobody wrote in between (else read again and the
   * change applied again): a schedule change, a step marked done and the close after publishing never
   * undo one another. Undefined when there is no such cycle.
   */
  update(key: string, change: Change<Cycle>): Promise<Cycle | undefined>;
  /** Removes the cycle itself (after its rows elsewhere are purged). */
  remove(key: string): Promise<void>;
}
