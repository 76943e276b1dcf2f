/** Runs sends under the shared send lease, so two instances or processes never fan out at once. */
import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import type { LeaseStore } from '../ports';

export const SEND_LEASE = 'send';

export interface LeaseOptions {
  readonly leases: LeaseStore;
  /** How long a lease lasts unless renewed; a crashed holder blocks others this long. @default 60_000 */
  readonly leaseMs?: number;
  /** Wait this long for a busy lease before giving up. @default 0 */
  readonly waitMs?: number;
  /** Wall clock (the business clock may be injected and far in the past). */
  readonly wallClock?: () => number;
}

export interface Holding {
  readonly holder: string;
  /** Renews the lease; false = lost it, stop sending. */
  readonly stillHolding: () => Promise<boolean>;
}

/** Runs `work` holding the lease; undefined if it stayed busy. */
export async function withSendLease<T>(
  options: LeaseOptions,
  work: (holding: Holding) => Promise<T>,
): Promise<T | undefined> {
  const clock = options.wallClock ?? Date.now;
  const ttl = options.leaseMs ?? 60_000;
  const holder = `${process.pid}-${randomUUID()}`;
  const giveUpAt = clock() + (options.waitMs ?? 0);
  while (!(await options.leases.acquire(SEND_LEASE, holder, ttl, clock()))) {
    if (clock() >= giveUpAt) return undefined;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  try {
    return await work({ holder, stillHolding: () => options.leases.renew(SEND_LEASE, holder, ttl, clock()) });
  } finally {
    await options.leases.release(SEND_LEASE, holder);
  }
}

export const BUSY = new ValidationError(
  'Another instance is sending right now. Try again in a minute; nothing was sent twice.',
);
