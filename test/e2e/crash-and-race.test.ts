/**
 * A 1,000-owner fan-out by the real `rag-chaser tick` process: SIGKILLed at random points and restarted;
 * and two tick processes started together. Every owner chased exactly once: the message in flight at a
 * kill is looked for in the chat through Graph (DELIVERY_CHECK=graph, Graph on the connector stub) before
 * the next process sends it again (see docs/sending.md).
 */
import { bigPlan, owner, sleep, startTick, type Run } from '../support/big-plan';
import { ConnectorStub } from '../support/connector-stub';
import { installAll } from '../support/install-stub';
import { testConnectionString } from '../support/tables';

describe('crash and race (child processes, 1,000 owners)', () => {
  const stub = new ConnectorStub();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());

  it('SIGKILL at random points of the fan-out, restart, tick again: every owner chased exactly once', async () => {
    const { prefix, repos, tables } = await bigPlan(1000);
    await installAll(
      repos.people,
      stub.url,
      Array.from({ length: 1000 }, (_, i) => owner(i + 1)),
    );
    const env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
      DELIVERY_CHECK: 'graph',
      TEAMS_APP_ID: stub.graph.teamsAppId,
      GRAPH_ENDPOINT: stub.url,
    };
    const killPoints = [
      100 + Math.floor(Math.random() * 150),
      350 + Math.floor(Math.random() * 200),
      650 + Math.floor(Math.random() * 200),
    ];
    const start = stub.received.length;
    let kills = 0;
    for (const point of killPoints) {
      const run = await startTick(env, () => stub.received.length - start >= point);
      if (run.signal === 'SIGKILL') kills += 1;
      await sleep(2200); // the dead holder's lease (2 s) runs out
    }
    let finished: Run | undefined;
    for (let i = 0; i < 5 && !finished?.stdout.includes('chase: '); i++) {
      finished = await startTick(env);
      if (!finished.stdout.includes('chase: ')) await sleep(2200);
    }
    expect(finished?.code).toBe(0);
    expect(kills).toBeGreaterThanOrEqual(2);
    const received = stub.received.slice(start);
    const perOwner = new Map<string, number>();
    for (const r of received) perOwner.set(r.conversationId, (perOwner.get(r.conversationId) ?? 0) + 1);
    const missing = Array.from({ length: 1000 }, (_, i) => `a:${owner(i + 1)}`).filter(
      (c) => !perOwner.has(c),
    );
    const duplicates = [...perOwner.entries()].filter(([, n]) => n > 1).map(([c]) => c);
    expect(missing).toEqual([]);
    expect(duplicates).toEqual([]);
    const rows = await repos.outbox.list('2016-17-Q1', 'chase|');
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(1000);
    expect((await repos.cycles.get('2016-17-Q1'))?.completed).toContain('chase');
    const found = rows.filter((r) => r.lastError.startsWith('found in the chat')).length;
    console.info(
      `crash test: ${kills} kills at ${killPoints.join(', ')} messages; ${found} in-flight message(s) found in the chat and not sent again; ${duplicates.length} sent twice`,
    );
    await tables.drop();
  }, 240_000);

  it('two tick processes started together: one sends, the other stands aside; every owner chased exactly once', async () => {
    const { prefix, repos, tables } = await bigPlan(300);
    await installAll(
      repos.people,
      stub.url,
      Array.from({ length: 300 }, (_, i) => owner(i + 1)),
    );
    const env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: prefix,
      LOG_LEVEL: 'silent',
    };
    const start = stub.received.length;
    const [a, b] = await Promise.all([startTick(env), startTick(env)]);
    const codes = [a.code, b.code].sort();
    expect(codes).toEqual([0, 3]);
    expect([a, b].find((r) => r.code === 3)?.stdout).toMatch(/Another instance is sending/);
    const received = stub.received.slice(start);
    expect(received).toHaveLength(300);
    expect(new Set(received.map((r) => r.conversationId)).size).toBe(300);
    await tables.drop();
  }, 120_000);
});
