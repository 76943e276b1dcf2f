/** In-memory LeaseStore. */
import type { LeaseStore } from '../../app/ports';

interface Lease {
  readonly holder: string;
  readonly expiresAtMs: number;
}

export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Lease>();

  acquire(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    const current = this.leases.get(name);
    if (current && current.holder !== holder && current.expiresAtMs > nowMs) return Promise.resolve(false);
    this.leases.set(name, { holder, expiresAtMs: nowMs + ttlMs });
    return Promise.resolve(true);
  }

  renew(name: string, holder: string, ttlMs: number, nowMs: number): Promise<boolean> {
    if (this.leases.get(name)?.holder !== holder) return Promise.resolve(false);
    this.leases.set(name, { holder, expiresAtMs: nowMs + ttlMs });
    return Promise.resolve(true);
  }

  private readonly used = new Map<string, number>();

  take(allowance: string, limit: number): Promise<boolean> {
    const used = this.used.get(allowance) ?? 0;
    if (used >= limit) return Promise.resolve(false);
    this.used.set(allowance, used + 1);
    return Promise.resolve(true);
  }

  release(name: string, holder: string): Promise<void> {
    if (this.leases.get(name)?.holder === holder) this.leases.delete(name);
    return Promise.resolve();
  }
}
