/**
 * End to end over HTTP: the built server process and CLI, real Azurite, the Bot Framework activities a
 * Teams client sends, and a connector stub on 127.0.0.1 receiving what the bot sends.
 */
import { tableStores } from '../../src/store';
import { Tables } from '../../src/store/tables';
import { checkCard, cardText, executeActions } from '../support/adaptive-cards';
import { importSampleWithCli, runCli } from '../support/cli';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { personalConversation, TeamsClient, TENANT } from '../support/teams-client';
import { testConnectionString, uniquePrefix } from '../support/tables';

const user = (name: string, upn: string, n: number): StubUser => ({
  id: `29:user-${n}`,
  name,
  aadObjectId: `00000000-0000-4000-8000-00000000000${n}`,
  upn,
});
const GRAVESHAM = user('Area operations Gravesham', 'area-ops.gravesham@example.org', 1);
const REGISTRATION = user('Registration', 'registration@example.org', 2);
const MANAGER = user('Service manager', 'service-manager@example.org', 3);

type Card = Record<string, unknown>;
function findAction(card: Card, verb: string): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  const walk = (node: unknown) => {
    if (found) return;
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb === verb) found = o.data as Record<string, unknown>;
      else Object.values(o).forEach(walk);
    }
  };
  walk(card);
  if (!found) throw new Error(`no ${verb} action on the card`);
  return found;
}
const invokeCard = (body: unknown) => (body as { value: Card }).value;

describe('chase in Teams over HTTP (server process + CLI + Azurite + connector stub)', () => {
  const stub = new ConnectorStub();
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: MANAGER.upn,
  };
  let server: ServerProcess;
  let teams: TeamsClient;
  const repos = tableStores(new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX));

  beforeAll(async () => {
    await stub.start();
    for (const u of [GRAVESHAM, REGISTRATION, MANAGER]) stub.addUser(u);
    await importSampleWithCli(env);
    server = await startServerProcess(env);
    teams = new TeamsClient(server.url, stub.url);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
  });

  it('install -> welcome; the install captures the conversation and resolves the UPN', async () => {
    for (const u of [GRAVESHAM, REGISTRATION, MANAGER]) expect((await teams.install(u)).status).toBe(200);
    await stub.waitFor(() => stub.to(personalConversation(MANAGER)).length > 0);
    expect(cardText(stub.cards(personalConversation(GRAVESHAM))[0])).toMatch(
      /Welcome to RAG Chaser[\s\S]*No quarter is open/,
    );
    const person = await repos.people.get(GRAVESHAM.upn);
    expect(person).toMatchObject({ reachable: true, aadObjectId: GRAVESHAM.aadObjectId });
    expect(JSON.parse(person!.conversation)).toMatchObject({
      conversation: { id: personalConversation(GRAVESHAM) },
      serviceUrl: stub.url,
    });
  });

  it('cycle open (CLI) -> each installed owner gets one card; the rest are listed as unreachable', async () => {
    const opened = await runCli(['cycle', 'open', '--quarter', '2016/17-Q1'], env);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toMatch(/2016\/17 Q1 opened/);
    expect(opened.stdout).toMatch(/stock@example.org: has not installed/);
    const cards = stub.cards(personalConversation(GRAVESHAM)).slice(1);
    expect(cards).toHaveLength(1);
    expect(cardText(cards[0])).toMatch(/Quarterly return: 2016\/17 Q1/);
    expect(checkCard(cards[0]!).errors).toEqual([]);
    expect(executeActions(cards[0]).filter((a) => a.verb === 'submitReturn')).toHaveLength(6);
    const again = await runCli(['cycle', 'open', '--quarter', '2016/17-Q1'], env);
    expect(again.stdout).toMatch(/was already open/);
    expect(stub.cards(personalConversation(GRAVESHAM)).slice(1)).toHaveLength(1);
  });

  it('Action.Execute submit -> receipt card in the invoke response, return and history row stored', async () => {
    const card = stub.cards(personalConversation(GRAVESHAM))[1]!;
    const data = findAction(card, 'submitReturn');
    const n = String(data.n);
    const res = await teams.execute(GRAVESHAM, 'submitReturn', {
      ...data,
      [`rag_${n}`]: 'amber',
      [`commentary_${n}`]: 'Staffing gaps at two branches',
      [`evidence_${n}`]: '"Brilliant morning"',
    });
    expect(res.status).toBe(200);
    const receipt = invokeCard(res.body);
    expect(cardText(receipt)).toMatch(/▲ Amber \(some risk or delay, being managed\)/);
    expect(cardText(receipt)).toMatch(/Staffing gaps at two branches/);
    expect(checkCard(receipt).errors).toEqual([]);
    const history = await repos.returns.history('2016-17-Q1', data.item as 'a:LRA-1.1.01');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ rag: 'amber', submittedBy: GRAVESHAM.upn, version: 1 });
  });

  it('bad input comes back on the card with what to fix, and nothing is stored', async () => {
    const card = stub.cards(personalConversation(GRAVESHAM))[1]!;
    const data = findAction(card, 'submitReturn');
    const second = { ...data, item: 'a:LRA-1.1.02', n: '2' };
    const bad = await teams.execute(GRAVESHAM, 'submitReturn', {
      ...second,
      rag_2: 'purple',
      commentary_2: 'x',
    });
    expect(cardText(invokeCard(bad.body))).toMatch(/⚠ Choose Red, Amber or Green/);
    const notMine = await teams.execute(REGISTRATION, 'submitReturn', {
      ...second,
      rag_2: 'red',
      commentary_2: 'not mine',
    });
    expect(cardText(invokeCard(notMine.body))).toMatch(
      /Only the item's owner, its deputy or a service manager can answer for LRA-[\d.]+\./,
    );
    const malformed = await teams.execute(GRAVESHAM, 'submitReturn', { nonsense: true });
    expect(cardText(invokeCard(malformed.body))).toMatch(/out of date or damaged/);
    const unknown = await teams.execute(GRAVESHAM, 'launchRockets', {});
    expect(unknown.status).toBe(200);
    expect(cardText(invokeCard(unknown.body))).toMatch(/Unknown action/);
    expect(await repos.returns.get('2016-17-Q1', 'a:LRA-1.1.02')).toBeUndefined();
  });

  it('Action.Submit fallback (mobile): the KPI answer is stored and the original card is updated in place', async () => {
    const card = stub
      .cards(personalConversation(REGISTRATION))
      .find((c) => JSON.stringify(c).includes('"item":"m:LRA06"'))!;
    const data = findAction(card, 'submitReturn');
    const kpiAction = JSON.stringify(card).match(/"item":"m:LRA06","n":"(\d+)"/);
    expect(kpiAction).not.toBeNull();
    const n = kpiAction![1]!;
    const before = stub.to(personalConversation(REGISTRATION)).length;
    const res = await teams.submit(
      REGISTRATION,
      {
        ...data,
        verb: 'submitReturn',
        item: 'm:LRA06',
        n,
        [`value_${n}`]: '93',
        [`note_${n}`]: 'Survey of 212 customers',
      },
      'original-card-id',
    );
    expect(res.status).toBe(200);
    await stub.waitFor(() => stub.to(personalConversation(REGISTRATION)).length > before);
    const update = stub.to(personalConversation(REGISTRATION)).at(-1)!;
    expect(update.method).toBe('PUT');
    expect(update.activityId).toBe('original-card-id');
    expect(cardText(update.activity.attachments?.[0]?.content)).toMatch(/93%: ▲ Amber/);
    expect((await repos.returns.get('2016-17-Q1', 'm:LRA06'))?.value).toMatchObject({
      value: 93,
      note: 'Survey of 212 customers',
    });
  });

  it('chat: status, quick replies (one item by id, ambiguous asks which), manager status', async () => {
    const before = stub.to(personalConversation(GRAVESHAM)).length;
    await teams.say(GRAVESHAM, 'status');
    await stub.waitFor(() => stub.to(personalConversation(GRAVESHAM)).length > before);
    expect(cardText(stub.cards(personalConversation(GRAVESHAM)).at(-1))).toMatch(
      /1 of 6 answered[\s\S]*LRA-1.1.02/,
    );
    await teams.say(GRAVESHAM, 'green LRA-1.1.02: **Code clubs** running at <b>two</b> sites');
    await stub.waitFor(() => stub.to(personalConversation(GRAVESHAM)).length > before + 1);
    expect(cardText(stub.cards(personalConversation(GRAVESHAM)).at(-1))).toMatch(/^Saved/);
    expect((await repos.returns.get('2016-17-Q1', 'a:LRA-1.1.02'))?.value).toMatchObject({
      rag: 'green',
      commentary: '**Code clubs** running at <b>two</b> sites',
    });
    await teams.say(GRAVESHAM, 'amber: which one?');
    await stub.waitFor(() => stub.to(personalConversation(GRAVESHAM)).length > before + 2);
    expect(cardText(stub.cards(personalConversation(GRAVESHAM)).at(-1))).toMatch(/Which item is that for\?/);
    await teams.say(MANAGER, 'status');
    await stub.waitFor(() =>
      cardText(stub.cards(personalConversation(MANAGER)).at(-1)).includes('Progress by outcome'),
    );
    const overview = stub.cards(personalConversation(MANAGER)).at(-1)!;
    expect(checkCard(overview).errors).toEqual([]);
    expect(cardText(overview)).toMatch(
      /3 of 99 items answered[\s\S]*Read against plan version 1 of 1 \(rag-chaser plan versions lists them\)[\s\S]*Outcome 1: 2 answered[\s\S]*Still to answer[\s\S]*Not reachable in Teams[\s\S]*Setup policies/,
    );
    // Chase these now: the button runs "chase now" in the service, as if typed.
    expect(JSON.stringify(overview)).toMatch(
      /"data":\{"verb":"pickService","command":"chase now","service":"main"\}/,
    );
    await teams.submit(MANAGER, { verb: 'pickService', command: 'chase now', service: 'main' });
    await stub.waitFor(() => cardText(stub.cards(personalConversation(MANAGER)).at(-1)).startsWith('Chased'));
    expect(cardText(stub.cards(personalConversation(MANAGER)).at(-1))).toMatch(/Reminders sent to \d+ owner/);
  });

  it('chat: chase me resends the card (with answers as receipts); help lists commands by role', async () => {
    const before = stub.cards(personalConversation(GRAVESHAM)).length;
    await teams.say(GRAVESHAM, 'chase me');
    await stub.waitFor(() => stub.cards(personalConversation(GRAVESHAM)).length > before);
    const card = stub.cards(personalConversation(GRAVESHAM)).at(-1)!;
    expect(executeActions(card).map((a) => a.verb)).toEqual([
      'amendReturn',
      'amendReturn',
      'submitReturn',
      'submitReturn',
      'submitReturn',
      'submitReturn',
    ]);
    await teams.say(GRAVESHAM, 'help');
    await stub.waitFor(() =>
      cardText(stub.cards(personalConversation(GRAVESHAM)).at(-1)).includes('RAG Chaser commands'),
    );
    expect(cardText(stub.cards(personalConversation(GRAVESHAM)).at(-1))).not.toMatch(
      /grant service manager|report 2016/,
    );
    await teams.say(MANAGER, 'help');
    await stub.waitFor(() =>
      cardText(stub.cards(personalConversation(MANAGER)).at(-1)).includes('RAG Chaser commands'),
    );
    expect(cardText(stub.cards(personalConversation(MANAGER)).at(-1))).toMatch(
      /As a service manager[\s\S]*report 2016\/17 Q1[\s\S]*attach the workbook[\s\S]*grant service manager/,
    );
  });

  it('logs are JSON lines and never contain what people wrote', () => {
    const text = server.logs.join('');
    expect(text).toMatch(/"msg":"return stored"/);
    expect(text).not.toMatch(/Staffing gaps|Code clubs|Survey of 212/);
  });

  it('uninstall marks the person unreachable', async () => {
    await teams.uninstall(MANAGER);
    expect(await repos.people.get(MANAGER.upn)).toMatchObject({
      reachable: false,
      unreachableReason: 'uninstalled the app',
    });
  });
});

describe('inbound authentication outside local mode', () => {
  let server: ServerProcess;
  beforeAll(async () => {
    server = await startServerProcess({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      MicrosoftAppId: '11111111-2222-3333-4444-555555555555',
      MicrosoftAppPassword: 'not-a-real-secret',
      ALLOWED_TENANTS: TENANT,
    });
  }, 60_000);
  afterAll(() => server.stop());

  it.each([
    ['no token', {}],
    ['a garbage token', { authorization: 'Bearer garbage' }],
    [
      'a forged RS256 token',
      {
        authorization: `Bearer ${Buffer.from(JSON.stringify({ alg: 'RS256', typ: 'JWT', kid: 'forged' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: 9999999999 })).toString('base64url')}.c2lnbmF0dXJl`,
      },
    ],
  ])('refuses an activity with %s (401, never 500)', async (_what, headers) => {
    const teams = new TeamsClient(server.url, 'http://127.0.0.1:9');
    const res = await teams.say(GRAVESHAM, 'status').catch(() => undefined);
    expect(res).toBeDefined();
    const direct = await teams.post(
      {
        type: 'message',
        text: 'status',
        serviceUrl: 'http://127.0.0.1:9',
        channelId: 'msteams',
        from: { id: 'x' },
        conversation: { id: 'c' },
        recipient: { id: 'b' },
      },
      headers,
    );
    expect(direct.status).toBe(401);
  });
});
