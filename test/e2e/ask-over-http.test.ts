/**
 * Ask RAG Chaser end to end over HTTP: the server process with AI_ENDPOINT pointing at an OpenAI-compatible
 * stand-in on 127.0.0.1, the connector stub, Azurite. A plain question is answered with no model call; free
 * wording goes through the model's tool call and the list comes from the returns; 429 and a timeout are
 * told as such; Draft with AI fills the review card, or falls back; nothing personal reaches the model or
 * the logs.
 */
import { cardText, checkCard, executeData } from '../support/adaptive-cards';
import { importSampleWithCli } from '../support/cli';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { OpenAiStub } from '../support/openai-stub';
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

describe('Ask RAG Chaser over HTTP, with an AI stand-in', () => {
  const stub = new ConnectorStub();
  const ai = new OpenAiStub();
  let server: ServerProcess;
  let teams: TeamsClient;
  const ask = async (text: string, expect: RegExp) => {
    const before = stub.cards(personalConversation(MANAGER)).length;
    await teams.say(MANAGER, text);
    await stub.waitFor(() =>
      stub
        .cards(personalConversation(MANAGER))
        .slice(before)
        .some((c) => expect.test(cardText(c))),
    );
    return stub.cards(personalConversation(MANAGER)).slice(before).at(-1)!;
  };

  beforeAll(async () => {
    await Promise.all([stub.start(), ai.start()]);
    for (const u of [OWNER, MANAGER]) stub.addUser(u);
    const env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      SERVICE_MANAGERS: MANAGER.upn,
      LOG_LEVEL: 'info',
      AI_ENDPOINT: `${ai.url}/v1`,
      AI_API_KEY: 'test-key',
      AI_MODEL: 'gpt-4o-mini',
      AI_TIMEOUT_MS: '1500',
    };
    await importSampleWithCli(env);
    server = await startServerProcess(env);
    teams = new TeamsClient(server.url, stub.url);
    for (const u of [OWNER, MANAGER]) await teams.install(u);
    await stub.waitFor(() => stub.cards(personalConversation(MANAGER)).length > 0);
    await ask('open 2016/17 Q1', /Opened 2016\/17 Q1/);
    const card = stub
      .cards(personalConversation(OWNER))
      .find((c) => cardText(c).includes('Quarterly return'))!;
    const first = executeData(card, 'submitReturn');
    await teams.execute(OWNER, 'submitReturn', {
      ...first,
      [`rag_${String(first.n)}`]: 'red',
      [`commentary_${String(first.n)}`]: 'Venue lost: call area-ops.gravesham@example.org for the new one',
      [`evidence_${String(first.n)}`]: '"We miss it" (a parent)',
    });
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await Promise.all([stub.stop(), ai.stop()]);
  });

  it('a question in the common form is answered from the returns without calling the model', async () => {
    const card = await ask('which reds are in Gravesham?', /^Red items, district Gravesham, 2016\/17 Q1: 1/);
    expect(cardText(card)).toContain('LRA-1.1.01');
    expect(checkCard(card).errors).toEqual([]);
    expect(ai.requests).toHaveLength(0);
  });

  it("free wording goes through the model's tool call; the list comes from the returns", async () => {
    ai.reply = () => ({ tool: 'query_returns', args: { ratings: ['red', 'amber'], district: 'Gravesham' } });
    const card = await ask(
      'which activities around Gravesham are causing concern?',
      /^Red and amber items, district Gravesham, 2016\/17 Q1: 1/,
    );
    expect(cardText(card)).toMatch(/Read with AI[\s\S]*LRA-1\.1\.01/);
    const request = ai.requests.at(-1)!;
    expect(request.tools?.map((t) => t.function.name)).toEqual(['query_returns']);
    // The model sees the question and the plan's place names, never the returns or who wrote them.
    const sent = JSON.stringify(request.messages);
    expect(sent).toContain('Gravesham');
    expect(sent).not.toMatch(/Venue lost|@example\.org/);
  });

  it('a model that names a district the plan does not have gets no answer, never a guess', async () => {
    ai.reply = () => ({ tool: 'query_returns', args: { district: 'Folkestone' } });
    await ask('what is going on near the harbour?', /^I can't answer that yet/);
  });

  it('429 and a timeout are told as such', async () => {
    ai.reply = () => ({ status: 429, retryAfter: '30' });
    await ask('anything worrying this quarter?', /^I can't answer that yet[\s\S]*busy \(429\)/);
    ai.reply = () => ({ hangMs: 5000 });
    await ask('anything else worrying?', /^I can't answer that yet[\s\S]*did not answer in time/);
  });

  it('Draft with AI fills the review card; a failure falls back to the usual draft', async () => {
    await ask('digest preview', /Review 2016\/17 Q1, outcome 4/);
    const review = stub
      .cards(personalConversation(MANAGER))
      .find((c) => cardText(c).includes('Review 2016/17 Q1, outcome 1'))!;
    const draft = executeData(review, 'draftReview');
    ai.reply = () => ({
      content: 'One activity is off track after losing its venue; a new one is being sought.',
    });
    const drafted = await teams.execute(MANAGER, 'draftReview', draft);
    const card = (drafted.body as { value: Card }).value;
    expect(cardText(card)).toMatch(/AI draft ready[\s\S]*One activity is off track after losing its venue/);
    expect(checkCard(card).errors).toEqual([]);
    const input = ai.requests.at(-1)!.messages.at(-1)!.content;
    expect(input).toContain('Venue lost');
    expect(input).not.toMatch(/@example\.org|We miss it/);
    ai.reply = () => ({ hangMs: 5000 });
    const fallback = await teams.execute(MANAGER, 'draftReview', draft);
    expect(cardText((fallback.body as { value: Card }).value)).toMatch(
      /No AI draft \(the AI service did not answer in time\)/,
    );
  });

  it('no question, commentary or address is logged', () => {
    const logs = server.logs.join('');
    expect(logs).toMatch(/question answered/);
    expect(logs).not.toMatch(/causing concern|Venue lost|harbour/);
  });
});
