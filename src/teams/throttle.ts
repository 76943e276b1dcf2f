/**
 * Pacing to Microsoft's published limits for bots: per conversation 7 messages/1 s, 8/2 s, 60/30 s,
 * 1,800/hour (sliding windows over the times of recent sends); per app per tenant 50 requests/s (sends
 * spaced evenly just under it).
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
 * The tenant's sends: Teams counts at most 50 in any second on arrival, and requests timed here arrive
 * with a few milliseconds' jitter. So the throttle keeps at most 50 in any 1,040 ms of its own (a margin
 * of 40 ms of jitter, 48 a second, 0.96 of the ceiling), and spaces them evenly on one timeline (one every
 * 20.8 ms) so they never go in bursts. A clean run draws no 429 (measured: docs/performance.md; a margin
 * of 25 ms drew one 429 in each of three runs).
 */
export const TENANT_WINDOW: RateWindow = { limit: 50, perMs: 1040 };
export const TENANT_PER_SECOND = (TENANT_WINDOW.limit * 1000) / TENANT_WINDOW.perMs;
export const TENANT_SPACING_MS = TENANT_WINDOW.perMs / TENANT_WINDOW.limit;
/** How late a send may start and still keep its slot on the timeline. */
const LATE_MS = 10;
const TENANT = '\u0000tenant';

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

/** Waits as long as needed, then records a send for the tenant and the conversation. */
export class Throttle {
  private readonly sends = new Map<string, number[]>();
  /** When the tenant may send next: slots one spacing apart. */
  private nextTenantSlot = 0;

  constructor(
    private readonly clock: Clock = realClock,
    private readonly spacingMs = TENANT_SPACING_MS,
  ) {}

  async acquire(conversationId: string): Promise<number> {
    let waited = 0;
    for (;;) {
      const now = this.clock.now();
      const wait = Math.max(
        this.nextTenantSlot - now,
        waitTime(this.history(TENANT, [TENANT_WINDOW], now), [TENANT_WINDOW], now),
        waitTime(this.history(conversationId, PER_CONVERSATION, now), PER_CONVERSATION, now),
      );
      if (wait <= 0) break;
      waited += wait;
      await this.clock.sleep(wait);
    }
    const now = this.clock.now();
    // Slots stay on one even timeline, so a timer firing a few milliseconds late does not slow the whole
    // fan-out; a send later than LATE_MS starts a new timeline from now. The window above bounds any
    // catching up: never more than 50 in 1,040 ms.
    this.nextTenantSlot = Math.max(this.nextTenantSlot, now - LATE_MS) + this.spacingMs;
    this.history(TENANT, [TENANT_WINDOW], now).push(now);
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
