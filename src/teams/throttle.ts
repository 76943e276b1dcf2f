/**
 * Pacing to Microsoft's published limits for bots: per conversation 7 messages/1 s, 8/2 s, 60/30 s,
 * 1,800/hour; per app per tenant 50 requests/s. Sliding windows over the times of recent sends.
 */
export interface RateWindow {
  readonly limit: number;
  readonly perMs: number;
}

export const PER_CONVERSATION: readonly RateWindow[] = [
  { limit: 7, perMs: 1000 },
  { limit: 8, perMs: 2000 },
  { limit: 60, perMs: 30_000 },
  { limit: 1800, perMs: 3_600_000 },
];
export const PER_TENANT: readonly RateWindow[] = [{ limit: 50, perMs: 1000 }];

/**
 * What the throttle paces the tenant to: one below the published 50 per second, so that requests timed
 * here but arriving a few milliseconds apart never make a 51st in Teams' window (a clean run draws no 429).
 * 49 per second is 0.98 of the ceiling.
 */
export const TENANT_PACE: readonly RateWindow[] = [{ limit: 49, perMs: 1000 }];

/** Milliseconds to wait until one more send fits every window, given the times of earlier sends (sorted). */
export function waitTime(history: readonly number[], windows: readonly RateWindow[], now: number): number {
  let wait = 0;
  for (const w of windows) {
    const recent = history.filter((t) => t > now - w.perMs);
    if (recent.length >= w.limit) {
      const oldestThatMustExpire = recent[recent.length - w.limit] ?? now;
      wait = Math.max(wait, oldestThatMustExpire + w.perMs - now);
    }
  }
  return wait;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

const TENANT = '\u0000tenant';

/** Waits as long as needed, then records a send for the tenant and the conversation. */
export class Throttle {
  private readonly sends = new Map<string, number[]>();

  constructor(private readonly clock: Clock = realClock) {}

  async acquire(conversationId: string): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(
        waitTime(this.history(TENANT, TENANT_PACE, now), TENANT_PACE, now),
        waitTime(this.history(conversationId, PER_CONVERSATION, now), PER_CONVERSATION, now),
      );
      if (wait <= 0) break;
      waited += wait;
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    this.history(TENANT, TENANT_PACE, now).push(now);
    this.history(conversationId, PER_CONVERSATION, now).push(now);
    return waited;
  }

  /** Send times of one key within its longest window (older ones are dropped). */
  private history(key: string, windows: readonly RateWindow[], now: number): number[] {
    const keep = Math.max(...windows.map((w) => w.perMs));
    const list = this.sends.get(key) ?? [];
    let drop = 0;
    while (drop < list.length && (list[drop] ?? 0) <= now - keep) drop += 1;
    const kept = drop ? list.slice(drop) : list;
    this.sends.set(key, kept);
    return kept;
  }
}
