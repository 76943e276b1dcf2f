/**
 * The real sender (HTTP to a connector stub on 127.0.0.1) under injected faults: 429 with and without
 * Retry-After, 5xx, 403, 404. Nothing lost, nothing duplicated, unreachable recorded, limits kept.
 */
import { tick } from '../../src/app/cycle/tick';
import { planPeople } from '../../src/domain/plan';
import { ConnectorClient } from '../../src/teams/connector-client';
import { TeamsMessenger } from '../../src/teams/messenger';
import { DEFAULT_RETRY_POLICY } from '../../src/teams/retry-policy';
import { PER_CONVERSATION, PER_TENANT } from '../../src/teams/throttle';
import { ConnectorStub } from '../support/connector-stub';
import { installAll } from '../support/install-stub';
import { world } from '../support/world';

const conv = (upn: string) => `a:${upn}`;

describe('sending under faults (real HTTP sender, connector stub)', () => {
  const stub = new ConnectorStub();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('429s, 5xx, 403 and 404: every reachable owner gets each card exactly once; the rest are labelled', async () => {
    const w = await world({ storage: 'azurite' });
    const everyone = [...planPeople(w.plan), 'svc@example.org'];
    await installAll(w.people, stub.url, everyone);
    const persistentlyFailing = new Set([conv('service-development@example.org')]);
    stub.fault = (c, attempt) => {
      if (c === conv('registration@example.org')) return { status: 403 };
      if (c === conv('stock@example.org')) return { status: 404 };
      if (c === conv('area-ops.dover@example.org') && attempt <= 2) return { status: 429 };
      if (c === conv('area-ops.swale@example.org') && attempt === 1)
        return { status: 429, headers: { 'Retry-After': '1' } };
      if (c === conv('archives@example.org') && attempt <= 2) return { status: attempt === 1 ? 503 : 502 };
      if (persistentlyFailing.has(c)) return { status: 500 };
      return undefined;
    };
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 50, maxDelayMs: 200 };
    const messenger = new TeamsMessenger(new ConnectorClient(() => Promise.resolve(undefined)), { policy });
    const deps = { ...w.deps, messenger, serviceManagers: ['svc@example.org'] };

    const first = await tick(deps, '2016-07-01T08:00:00Z', w.lease);
    const chase = first.steps.find((s) => s.step === 'chase')!;
    expect(chase.complete).toBe(false);
    expect(chase.result.unreachable.map((u) => u.recipient).sort()).toEqual([
      'registration@example.org',
      'stock@example.org',
    ]);
    expect(new Set(chase.result.retrying)).toEqual(new Set(['service-development@example.org']));
    expect((await w.people.get('registration@example.org'))?.reachable).toBe(false);
    expect((await w.people.get('stock@example.org'))?.unreachableReason).toMatch(/no longer exists/);

    // Swale waited for Retry-After: 1 s between its first (refused) and second attempt.
    const swaleRefused = stub.refused.find((r) => r.conversationId === conv('area-ops.swale@example.org'))!;
    const swaleSent = stub.to(conv('area-ops.swale@example.org'))[0]!;
    expect(swaleSent.at - swaleRefused.at).toBeGreaterThanOrEqual(950);

    // The connector recovers; the next tick sends only what is missing.
    persistentlyFailing.clear();
    const second = await tick(deps, '2016-07-01T08:01:00Z', w.lease);
    expect(second.steps.find((s) => s.step === 'chase')?.complete).toBe(true);
    expect(await w.cycles.get('2016-17-Q1')).toMatchObject({ completed: ['chase'] });

    for (const upn of everyone) {
      const cards = stub.cards(conv(upn)).filter((c) => JSON.stringify(c).includes('Quarterly return'));
      const expected = ['registration@example.org', 'stock@example.org', 'svc@example.org'].includes(upn)
        ? 0
        : (await w.outbox.list('2016-17-Q1', `chase|${upn}|`)).length;
      expect([upn, cards.length]).toEqual([upn, expected]);
    }
    expect(
      stub.cards(conv('svc@example.org')).filter((c) => JSON.stringify(c).includes('Opened 2016/17 Q1')),
    ).toHaveLength(1);

    // Pacing as the stub saw it.
    const times = stub.received.map((r) => r.at).sort((a, b) => a - b);
    for (let i = 0; i < times.length; i++)
      expect(times.filter((t) => t >= times[i]! && t < times[i]! + 1000).length).toBeLessThanOrEqual(
        PER_TENANT[0]!.limit,
      );
    for (const upn of everyone) {
      const mine = stub.to(conv(upn)).map((r) => r.at);
      for (let i = 0; i < mine.length; i++)
        expect(mine.filter((t) => t >= mine[i]! && t < mine[i]! + 1000).length).toBeLessThanOrEqual(
          PER_CONVERSATION[0]!.limit,
        );
    }
    await w.drop();
  }, 90_000);

  it('a temporary failure that never clears is marked failed after the last run, and the step still completes', async () => {
    const w = await world({ storage: 'azurite' });
    await installAll(w.people, stub.url, planPeople(w.plan));
    stub.fault = (c) => (c === conv('performance@example.org') ? { status: 503 } : undefined);
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 1, maxDelayMs: 2, maxAttempts: 2, maxRuns: 3 };
    const deps = {
      ...w.deps,
      messenger: new TeamsMessenger(new ConnectorClient(() => Promise.resolve(undefined)), { policy }),
    };
    for (const minute of ['00', '01', '02']) await tick(deps, `2016-07-01T08:${minute}:00Z`, w.lease);
    const row = (await w.outbox.list('2016-17-Q1', 'chase|performance@example.org|'))[0];
    expect(row).toMatchObject({ status: 'failed', attempts: 3 });
    expect(row?.lastError).toMatch(/^503/);
    expect((await w.cycles.get('2016-17-Q1'))?.completed).toContain('chase');
    stub.fault = () => undefined;
    await w.drop();
  }, 60_000);
});
