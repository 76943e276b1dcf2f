/**
 * Port: named leases, one writer at a time across processes and instances. Expiry is judged on the wall
 * clock (milliseconds); correctness does not rest on it, since each message is still claimed in the outbox.
 */
export interface LeaseStore {
  /** Takes the lease if free, expired or already ours. */
  acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Extends our lease; false if it is no longer ours (stop sending). */
  renew(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean>;
  /** Gives the lease up if we hold it. */
  release(name: string, holder: string): Promise<void>;
  /**
   * Counts one use of a named allowance (e.g. a mailbox's emails of one day) shared by every process;
   * false, counting nothing, once `limit` uses were counted.
   */
  take(allowance: string, limit: number): Promise<boolean>;
}
