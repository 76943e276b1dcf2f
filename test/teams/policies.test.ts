import { DEFAULT_RETRY_POLICY, isTemporary, parseRetryAfter, retryDelay } from '../../src/teams/retry-policy';
import {
  PER_CONVERSATION,
  PER_TENANT,
  TENANT_PER_SECOND,
  TENANT_SPACING_MS,
  TENANT_WINDOW,
  Throttle,
  waitTime,
} from '../../src/teams/throttle';

describe('retry policy', () => {
  const p = DEFAULT_RETRY_POLICY;
  it.each([
    ['120', 120_000],
    ['1.5', 1500],
    ['Wed, 21 Oct 2015 07:28:10 GMT', 10_000],
    ['soon', undefined],
    [null, undefined],
  ])('Retry-After %j = %s ms', (value, ms) => {
    expect(parseRetryAfter(value, Date.parse('Wed, 21 Oct 2015 07:28:00 GMT'))).toBe(ms);
  });

  it('Retry-After wins, capped at the maximum', () => {
    expect(retryDelay(p, 1, 5000, 0.99)).toBe(5000);
    expect(retryDelay(p, 1, 600_000, 0.5)).toBe(p.maxRetryAfterMs);
  });

  it('else exponential backoff with full jitter, capped', () => {
    expect(retryDelay(p, 1, undefined, 0.999)).toBe(999);
    expect(retryDelay(p, 3, undefined, 0.999)).toBe(3996);
    expect(retryDelay(p, 3, undefined, 0)).toBe(0);
    expect(retryDelay({ ...p, maxAttempts: 20 }, 12, undefined, 0.999)).toBe(29_970);
  });

  it('gives up after the last attempt', () => {
    expect(retryDelay(p, p.maxAttempts, 1000, 0.5)).toBeUndefined();
  });

  it.each([
    [429, true],
    [412, true],
    [503, true],
    [undefined, true],
    [400, false],
    [401, false],
  ])('status %s temporary: %s', (status, temporary) => {
    expect(isTemporary(p, status)).toBe(temporary);
  });
});

describe("pacing to Teams' limits", () => {
  it('an 8th message to one conversation within a second waits for the 1 s window', () => {
    const history = [0, 100, 200, 300, 400, 500, 600];
    expect(waitTime(history, PER_CONVERSATION, 700)).toBe(300);
  });
  it('the 2 s window allows 8', () => {
    // 4 in the last second (fine), but 8 in the last two: wait until the oldest leaves the 2 s window.
    const history = [100, 300, 600, 900, 1200, 1500, 1800, 1900];
    expect(waitTime(history, PER_CONVERSATION, 2000)).toBe(100);
  });
  it('the tenant allows 50 per second', () => {
    const history = Array.from({ length: 50 }, (_, i) => i * 10);
    expect(waitTime(history, PER_TENANT, 600)).toBe(400);
    expect(waitTime(history.slice(1), PER_TENANT, 600)).toBe(0);
  });

  it('a Throttle with a fake clock keeps every window', async () => {
    let now = 0;
    const sleeps: number[] = [];
    const throttle = new Throttle({
      now: () => now,
      sleep: (ms) => ((now += ms), sleeps.push(ms), Promise.resolve()),
    });
    const times: number[] = [];
    for (let i = 0; i < 70; i++) {
      await throttle.acquire('conv-a');
      times.push(now);
    }
    for (const w of PER_CONVERSATION) {
      for (let i = 0; i < times.length; i++) {
        expect(times.filter((t) => t >= times[i]! && t < times[i]! + w.perMs).length).toBeLessThanOrEqual(
          w.limit,
        );
      }
    }
    expect(times.at(-1)).toBeGreaterThanOrEqual(30_000);
  });

  it('a Throttle spaces the tenant evenly just under 50 a second: no burst, never more than 50 in a second', async () => {
    let now = 0;
    const throttle = new Throttle({ now: () => now, sleep: (ms) => ((now += ms), Promise.resolve()) });
    const times: number[] = [];
    for (let i = 0; i < 500; i++) {
      await throttle.acquire(`conv-${i}`);
      times.push(now);
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(TENANT_PER_SECOND).toBeLessThan(50);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(TENANT_SPACING_MS - 1e-9);
    const perSecond = times.map((t) => times.filter((u) => u >= t && u < t + 1000).length);
    expect(Math.max(...perSecond)).toBeLessThanOrEqual(50);
    const withJitter = times.map((t) => times.filter((u) => u >= t && u < t + TENANT_WINDOW.perMs).length);
    expect(Math.max(...withJitter)).toBeLessThanOrEqual(50);
    expect(times.at(-1)).toBeLessThan((500 / TENANT_PER_SECOND) * 1000);
  });
});
