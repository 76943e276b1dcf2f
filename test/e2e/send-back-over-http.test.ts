/**
 * Send back end to end over HTTP (the built server, Bot Framework activities, the connector stand-in): the
 * review card flags a thin Green, the manager sends it back with a note, the owner's card comes back with
 * the note and the earlier answer, the owner answers again, and the committee report keeps both answers'
 * story: the note (who, when) and "answered again".
 */
import { cardText, checkCard, executeData } from '../support/adaptive-cards';
import { importSampleWithCli, runCli } from '../support/cli';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { personalConversation, TeamsClient } from '../support/teams-client';
import { testConnectionString, uniquePrefix } from '../support/tables';

const user = (name: string, upn: string, n: number): StubUser => ({
  id: `29:user-${n}`,
  name,
  aadObjectId: `00000000-0000-4000-8000-00000000020${n}`,
  upn,
});
const OWNER = user('Area operations Gravesham', 'area-ops.gravesham@example.org', 1);
const MANAGER = user('Service manager', 'service-manager@example.org', 2);
type Card = Record<string, unknown>;

describe('send back over HTTP (server process + connector stub)', () => {
  const stub = new ConnectorStub();
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: MANAGER.upn,
    LOG_LEVEL: 'warn',
  };
  let server: ServerProcess;
  let teams: TeamsClient;
  const sayAndWait = async (who: StubUser, text: string, expect: RegExp) => {
    const before = stub.cards(personalConversation(who)).length;
    await teams.say(who, text);
    await stub.waitFor(() =>
      stub
        .cards(personalConversation(who))
        .slice(before)
        .some((c) => expect.test(cardText(c))),
    );
    return stub.cards(personalConversation(who)).slice(before);
  };

  beforeAll(async () => {
    await stub.start();
    for (const u of [OWNER, MANAGER]) stub.addUser(u);
    await importSampleWithCli(env);
    server = await startServerProcess(env);
    teams = new TeamsClient(server.url, stub.url);
    for (const u of [OWNER, MANAGER]) await teams.install(u);
    await stub.waitFor(() => stub.cards(personalConversation(MANAGER)).length > 0);
    await sayAndWait(MANAGER, 'open 2016/17 Q1', /Opened 2016\/17 Q1/);
    const card = stub
      .cards(personalConversation(OWNER))
      .find((c) => cardText(c).includes('Quarterly return'))!;
    const item = executeData(card, 'submitReturn', '"item":"a:LRA-1.1.02"');
    await teams.execute(OWNER, 'submitReturn', {
      ...item,
      [`rag_${String(item.n)}`]: 'green',
      [`commentary_${String(item.n)}`]: 'Two clubs running',
    });
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
  });

  it('flag -> send back -> the owner answers again -> the record keeps the note and both answers', async () => {
    const preview = await sayAndWait(MANAGER, 'digest preview', /Review 2016\/17 Q1, outcome 1/);
    const review = preview.find((c) => cardText(c).includes('Review 2016/17 Q1, outcome 1'))!;
    expect(cardText(review)).toMatch(/LRA-1\.1\.02: [\s\S]*⚑ Green with a commentary of 3 word\(s\)/);
    expect(checkCard(review).errors).toEqual([]);
    expect(checkCard(review, '1.2').errors).toEqual([]);
    const back = executeData(review, 'sendBack', 'LRA-1.1.02');
    const before = stub.cards(personalConversation(OWNER)).length;
    const answer = await teams.execute(MANAGER, 'sendBack', {
      ...back,
      [`note_${String(back.n)}`]: 'Which two clubs, and how many children came?',
    });
    expect(cardText((answer.body as { value: Card }).value)).toMatch(
      /↩ LRA-1\.1\.02 sent back to area-ops\.gravesham@example\.org/,
    );

    // The owner's card: the note, the earlier answer filled in, answered again on it.
    await stub.waitFor(() => stub.cards(personalConversation(OWNER)).length > before);
    const returned = stub.cards(personalConversation(OWNER)).at(-1)!;
    expect(cardText(returned)).toMatch(
      /Sent back by service-manager@example\.org .*Which two clubs, and how many children came\?/,
    );
    expect(JSON.stringify(returned)).toMatch(/"value":"Two clubs running"/);
    const again = executeData(returned, 'submitReturn', '"item":"a:LRA-1.1.02"');
    const saved = await teams.execute(OWNER, 'submitReturn', {
      ...again,
      [`rag_${String(again.n)}`]: 'green',
      [`commentary_${String(again.n)}`]:
        'Code Clubs at Gravesham and Northfleet libraries, 34 children in the quarter.',
    });
    expect(cardText((saved.body as { value: Card }).value)).toMatch(/Answered/);

    // Status no longer counts it outstanding; the report's record tells the story.
    const report = await runCli(['report', '--quarter', '2016/17-Q1', '--format', 'json'], env);
    expect(report.code).toBe(0);
    const json = JSON.parse(report.stdout) as { sendBacks: unknown[]; sentBackCount: number };
    expect(json.sentBackCount).toBe(0);
    expect(json.sendBacks).toEqual([
      {
        id: 'LRA-1.1.02',
        by: MANAGER.upn,
        at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) as string,
        note: 'Which two clubs, and how many children came?',
        answeredAgain: true,
      },
    ]);
  }, 120_000);
});
