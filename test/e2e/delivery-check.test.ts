/**
 * A message whose sender died mid-send, taken over by the next sender: the real messenger asks Graph (on the
 * connector stub) whether the card is already in the person's chat, by the reference the card carries.
 * In the chat: not sent again. Not there: sent once. Graph refusing: sent again (nobody is ever skipped).
 */
import { deliveryRef, fanOut, type PlannedMessage } from '../../src/app/sending/fanout';
import { messageCard } from '../../src/cards/message-card';
import { ConnectorClient } from '../../src/teams/connector-client';
import { GraphDeliveryCheck } from '../../src/teams/delivery-check';
import { TeamsMessenger } from '../../src/teams/messenger';
import { DEFAULT_RETRY_POLICY } from '../../src/teams/retry-policy';
import { ConnectorStub } from '../support/connector-stub';
import { grantedPermissions } from '../../src/teams/graph-permissions';
import { tokenWithRoles } from '../support/graph-roles';
import { installAll, referenceFor } from '../support/install-stub';
import { freshTables } from '../support/tables';
import { tableStores } from '../../src/store';

const CYCLE = '2016-17-Q1';
const T0 = '2016-07-01T08:00:00Z';
const conv = (upn: string) => `a:${upn}`;

const chase = (upn: string): PlannedMessage => ({
  id: `chase|${upn}|1`,
  recipient: upn,
  kind: 'chase',
  build: () =>
    Promise.resolve({
      card: {
        ...messageCard({ title: `Quarterly return for ${upn}`, lines: ['Please answer.'] }),
        actions: [{ type: 'Action.Execute', verb: 'submitReturn', title: 'Send', data: { item: 'A1' } }],
      },
    }),
});

describe('delivery check through Graph (connector stub)', () => {
  const stub = new ConnectorStub();
  beforeAll(() => stub.start());
  afterAll(() => stub.stop());
  afterEach(() => {
    stub.graph.failWith = undefined;
    stub.fault = () => undefined;
  });

  async function setUp(upns: string[], problems: string[] = []) {
    const tables = await freshTables();
    const repos = tableStores(tables);
    await installAll(repos.people, stub.url, upns);
    const client = new ConnectorClient(() => Promise.resolve(undefined));
    const check = new GraphDeliveryCheck(
      stub.url,
      stub.graph.teamsAppId,
      () => Promise.resolve(tokenWithRoles(grantedPermissions(['deliveryCheck']))),
      (problem) => problems.push(problem),
    );
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 20, maxDelayMs: 50 };
    const messenger = new TeamsMessenger(client, { policy, check });
    const deps = { outbox: repos.outbox, people: repos.people, messenger };
    /** What a sender that dies mid-send leaves: a claimed row, and (if it got that far) the card in the chat. */
    const dieWhileSending = async (upn: string, delivered: boolean) => {
      const row = await repos.outbox.ensure(CYCLE, `chase|${upn}|1`, upn, 'chase', T0);
      await repos.outbox.claim(row, 'dead-holder', T0);
      if (delivered) {
        const message = { ...(await chase(upn).build()), ref: deliveryRef(CYCLE, `chase|${upn}|1`) };
        expect((await messenger.send(referenceFor(stub.url, upn), message)).outcome).toBe('sent');
      }
    };
    return { tables, repos, deps, client, messenger, dieWhileSending };
  }

  it('takes over claims of a dead sender: a card already in the chat is not sent again, a missing one is sent once', async () => {
    const upns = ['area-ops.dover@example.org', 'area-ops.swale@example.org', 'archives@example.org'];
    const { tables, repos, deps, dieWhileSending } = await setUp(upns);
    await dieWhileSending('area-ops.dover@example.org', true);
    await dieWhileSending('area-ops.swale@example.org', false);

    const result = await fanOut(deps, CYCLE, upns.map(chase), () => T0, { holder: 'next-holder' });

    expect(result.alreadyDone).toEqual(['area-ops.dover@example.org']);
    expect(result.sent.sort()).toEqual(['archives@example.org', 'area-ops.swale@example.org']);
    for (const upn of upns) expect([upn, stub.to(conv(upn)).length]).toEqual([upn, 1]);
    const dover = (await repos.outbox.list(CYCLE, 'chase|area-ops.dover'))[0];
    expect(dover).toMatchObject({ status: 'sent', lastError: 'found in the chat: sent before a crash' });
    expect(stub.graph.calls.some((c) => c.endsWith('/messages'))).toBe(true);
    await tables.drop();
  }, 30_000);

  it('finds the card after it was replaced by an answer (the reference survives) and past the first page', async () => {
    const upn = 'stock@example.org';
    const { tables, deps, client, dieWhileSending } = await setUp([upn]);
    await dieWhileSending(upn, true);
    const ref = deliveryRef(CYCLE, `chase|${upn}|1`);
    const first = stub.to(conv(upn))[0]!;
    // The owner answered: Teams replaced the card with the receipt the bot returned (it keeps `ref`).
    const receipt = {
      type: 'AdaptiveCard',
      version: '1.5',
      id: ref,
      body: [{ type: 'TextBlock', text: '✓' }],
    };
    await fetch(`${stub.url}/v3/conversations/${encodeURIComponent(conv(upn))}/activities/${first.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: receipt }],
      }),
    });
    // ...and 60 newer messages followed in the chat (Graph pages 50 at a time).
    const reference = JSON.parse(referenceFor(stub.url, upn)) as Record<string, unknown>;
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 60; i++) await client.post(reference, { type: 'message', text: `note ${i}` });

    const result = await fanOut(deps, CYCLE, [chase(upn)], () => T0, { holder: 'next-holder' });

    expect(result.alreadyDone).toEqual([upn]);
    expect(stub.cards(conv(upn)).filter((c) => c.id === ref)).toHaveLength(2); // the card and its update
    expect(stub.to(conv(upn)).filter((r) => r.method === 'POST')).toHaveLength(61);
    await tables.drop();
  }, 30_000);

  it('when Graph refuses (permission not granted), messages are sent again rather than risk a miss, and the admin is told once', async () => {
    const upns = ['registration@example.org', 'heritage@example.org'];
    const problems: string[] = [];
    const { tables, repos, deps, dieWhileSending } = await setUp(upns, problems);
    for (const upn of upns) await dieWhileSending(upn, true);
    stub.graph.failWith = 403;

    const result = await fanOut(deps, CYCLE, upns.map(chase), () => T0, { holder: 'next-holder' });

    expect(result.sent.sort()).toEqual([...upns].sort());
    for (const upn of upns) expect(stub.to(conv(upn))).toHaveLength(2);
    expect((await repos.outbox.list(CYCLE, 'chase|')).map((r) => r.status)).toEqual(['sent', 'sent']);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/Graph answered 403 .*Chat\.Read\.All.*sent again/);
    await tables.drop();
  }, 30_000);

  it('the SMT channel: a digest post already in the channel is not posted again; without the team id it is', async () => {
    const problems: string[] = [];
    const { tables, deps, messenger, repos } = await setUp([], problems);
    const channel = (teamAadGroupId?: string) =>
      JSON.stringify({
        serviceUrl: stub.url,
        channelId: 'msteams',
        conversation: {
          id: '19:smt@thread.tacv2',
          conversationType: 'channel',
          isGroup: true,
          tenantId: 't',
        },
        bot: { id: '28:bot', name: 'RAG Chaser' },
        ...(teamAadGroupId ? { teamAadGroupId } : {}),
      });
    const post = (id: string, conversation: string): PlannedMessage => ({
      id,
      recipient: 'smt-channel',
      kind: 'digest',
      conversation,
      build: () => Promise.resolve({ card: messageCard({ title: `Digest ${id}`, lines: ['Counts'] }) }),
    });
    const before = stub.to('19:smt@thread.tacv2').length;
    for (const [id, conversation] of [
      ['digest|summary', channel(stub.graph.smtTeamId)],
      ['digest|outcome-1', channel()],
    ] as const) {
      const row = await repos.outbox.ensure(CYCLE, id, 'smt-channel', 'digest', T0);
      await repos.outbox.claim(row, 'dead-holder', T0);
      const card = await post(id, conversation).build();
      await messenger.send(conversation, { ...card, ref: deliveryRef(CYCLE, id) });
    }

    const result = await fanOut(
      deps,
      CYCLE,
      [post('digest|summary', channel(stub.graph.smtTeamId)), post('digest|outcome-1', channel())],
      () => T0,
      { holder: 'next-holder' },
    );

    expect(result.alreadyDone).toHaveLength(1);
    expect(result.sent).toHaveLength(1);
    const posts = stub.to('19:smt@thread.tacv2').slice(before);
    const titles = posts.map(
      (p) => JSON.stringify(p.activity.attachments?.[0]?.content).match(/Digest [a-z|0-9-]+/)?.[0],
    );
    expect(titles).toEqual(['Digest digest|summary', 'Digest digest|outcome-1', 'Digest digest|outcome-1']);
    expect(problems).toEqual([expect.stringMatching(/registered without its team id \(register it again\)/)]);
    await tables.drop();
  }, 30_000);

  it('a connection cut after Teams took the message: found in the chat before retrying, so it arrives once', async () => {
    const upn = 'performance@example.org';
    const { tables, deps } = await setUp([upn]);
    stub.fault = (c, attempt) => (c === conv(upn) && attempt === 1 ? { drop: true } : undefined);

    const result = await fanOut(deps, CYCLE, [chase(upn)], () => T0, { holder: 'only-holder' });

    expect(result.alreadyDone).toEqual([upn]);
    expect(stub.to(conv(upn))).toHaveLength(1);
    await tables.drop();
  }, 30_000);
});
