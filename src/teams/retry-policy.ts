/**
 * The one retry policy for proactive sends (shaped after ky's): Retry-After wins (up to a maximum);
 * else exponential backoff with full jitter; only statuses known to be temporary are retried.
 */
export interface RetryPolicy {
  /** Attempts per send within one run, the first included. @default 5 */
  readonly maxAttempts: number;
  /** First backoff step. @default 1000 */
  readonly baseDelayMs: number;
  /** Backoff never waits longer than this. @default 30_000 */
  readonly maxDelayMs: number;
  /** A Retry-After longer than this is cut to it. @default 60_000 */
  readonly maxRetryAfterMs: number;
  /** Temporary statuses. Network errors (no status) are retried too. @default [412, 429, 500, 502, 503, 504] */
  readonly retryOn: readonly number[];
  /** Later runs (ticks) that retry a message still failing temporarily before it is marked failed. @default 10 */
  readonly maxRuns: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
  retryOn: [412, 429, 500, 502, 503, 504],
  maxRuns: 10,
};

/** Statuses that mean the person removed or blocked the bot, or the conversation is gone. */
export const UNREACHABLE_STATUSES: readonly number[] = [403, 404];

/** Retry-After as seconds or an HTTP date, in milliseconds from `nowMs`; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

export function isTemporary(policy: RetryPolicy, status: number | undefined): boolean {
  return status === undefined || policy.retryOn.includes(status);
}

/**
 * How long to wait before attempt `attempt + 1` after a temporary failure, or undefined when no attempt
 * is left. `random` is in [0, 1).
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterMs: number | undefined,
  random: number,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  if (retryAfterMs !== undefined) return Math.min(retryAfterMs, policy.maxRetryAfterMs);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random * ceiling);
}
