/** The digest end to end over HTTP: returns -> preview -> review -> approve -> publish to the SMT channel. */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cardText, checkCard, executeData } from '../support/adaptive-cards';
import { importSampleWithCli, runCli } from '../support/cli';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { startServerProcess, type ServerProcess } from '../support/server-process';
import { TablePeopleStore } from '../../src/store/people-store';
import { Tables } from '../../src/store/tables';
import { personalConversation, SMT_TEAM_AAD_GROUP_ID, TeamsClient } from '../support/teams-client';
import { testConnectionString, uniquePrefix } from '../support/tables';

const user = (name: string, upn: string, n: number): StubUser => ({
  id: `29:user-${n}`,
  name,
  aadObjectId: `00000000-0000-4000-8000-00000000010${n}`,
  upn,
});
const OWNER = user('Area operations Gravesham', 'area-ops.gravesham@example.org', 1);
const MANAGER = user('Service manager', 'service-manager@example.org', 2);
const CHANNEL = '19:smt-channel@thread.tacv2';
type Card = Record<string, unknown>;

describe('the SMT digest over HTTP (server process + connector stub)', () => {
  const stub = new ConnectorStub();
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: MANAGER.upn,
    LOG_LEVEL: 'warn',
  };
  let server: ServerProcess;
  let teams: TeamsClient;
  const lastCard = (conversation: string) => stub.cards(conversation).at(-1) ?? {};
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
    const first = executeData(card, 'submitReturn', '"item":"a:LRA-1.1.01"');
    await teams.execute(OWNER, 'submitReturn', {
      ...first,
      [`rag_${String(first.n)}`]: 'red',
      [`commentary_${String(first.n)}`]: 'Venue lost: <b>no</b> MakerSpace this quarter',
      [`evidence_${String(first.n)}`]: '"We miss it" (a parent)',
    });
    const second = executeData(card, 'submitReturn', '"item":"a:LRA-1.1.02"');
    await teams.execute(OWNER, 'submitReturn', {
      ...second,
      [`rag_${String(second.n)}`]: 'green',
      [`commentary_${String(second.n)}`]: 'Two clubs running',
    });
  }, 90_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
  });

  it('publishing refuses without a channel and without approval, saying what to do; nothing is posted', async () => {
    const noChannel = await sayAndWait(MANAGER, 'digest publish', /No SMT channel is registered/);
    expect(cardText(noChannel.at(-1))).toMatch(/register smt channel/);
    await teams.inChannel(MANAGER, 'register smt channel', `${CHANNEL};messageid=1700000000000`);
    await stub.waitFor(() =>
      cardText(lastCard(`${CHANNEL};messageid=1700000000000`)).includes('SMT channel registered'),
    );
    // Stored with its team's group id, so a post in flight at a crash can be looked for (docs/sending.md).
    const people = new TablePeopleStore(
      new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX),
    );
    expect(JSON.parse((await people.smtChannel())?.conversation ?? '{}')).toMatchObject({
      conversation: { id: CHANNEL, conversationType: 'channel' },
      teamAadGroupId: SMT_TEAM_AAD_GROUP_ID,
    });
    await sayAndWait(MANAGER, 'digest publish', /not approved yet/);
    expect(stub.cards(CHANNEL).filter((c) => /Q1 digest/.test(cardText(c)))).toHaveLength(0);
    await sayAndWait(OWNER, 'digest preview', /Only service managers/);
  });

  it('preview -> review (an override needs a reason) -> approve -> publish: the digest arrives in the channel', async () => {
    const preview = await sayAndWait(MANAGER, 'digest preview', /Review 2016\/17 Q1, outcome 4/);
    const summary = preview.find((c) => cardText(c).includes('2016/17 Q1 digest'))!;
    expect(cardText(summary)).toMatch(
      /DRAFT for review[\s\S]*✔ Green 1 · ▲ Amber 0 · ✖ Red 1 · not returned 84/,
    );
    const review = preview.find((c) => cardText(c).includes('Review 2016/17 Q1, outcome 1'))!;
    expect(checkCard(review).errors).toEqual([]);
    const save = executeData(review, 'saveReview');
    const n = String(save.n);
    const noReason = await teams.execute(MANAGER, 'saveReview', {
      ...save,
      [`commentary_${n}`]: 'Mixed quarter.',
      [`override_${n}`]: 'amber',
      [`reason_${n}`]: '  ',
    });
    expect(cardText((noReason.body as { value: Card }).value)).toMatch(
      /⚠ Not saved: Give a reason for overriding/,
    );
    const saved = await teams.execute(MANAGER, 'saveReview', {
      ...save,
      [`commentary_${n}`]: 'Mixed quarter: venue lost in Gravesham.',
      [`override_${n}`]: 'amber',
      [`reason_${n}`]: 'A new venue is booked from August.',
    });
    expect(cardText((saved.body as { value: Card }).value)).toMatch(/Saved[\s\S]*overridden to ▲ Amber/);
    const approved = await teams.execute(MANAGER, 'approveDigest', executeData(review, 'approveDigest'));
    expect(cardText((approved.body as { value: Card }).value)).toMatch(
      /✔ Approved by service-manager@example.org/,
    );

    await sayAndWait(MANAGER, 'digest publish', /Digest published/);
    const posted = stub.cards(CHANNEL).filter((c) => /Q1 digest|^Outcome \d/.test(cardText(c)));
    expect(posted.length).toBeGreaterThanOrEqual(5);
    expect(cardText(posted[0])).toMatch(/Approved by service-manager@example.org/);
    // SMT can get the committee report from the digest: the button runs "report 2016/17 Q1" for its service.
    expect(JSON.stringify(posted[0])).toMatch(
      /"data":\{"verb":"pickService","command":"report 2016\/17 Q1","service":"(main)?"/,
    );
    const outcome1 = cardText(posted.find((c) => cardText(c).startsWith('Outcome 1:')));
    expect(outcome1).toMatch(/▲ Amber \(computed: ✖ Red\)/);
    expect(outcome1).toMatch(/A new venue is booked from August/);
    expect(outcome1).toMatch(/Venue lost: <b>no<\/b> MakerSpace/);
    for (const card of posted) expect(checkCard(card).errors).toEqual([]);
    // Published = closed for returns; publishing again posts nothing twice.
    await sayAndWait(MANAGER, 'status', /Status/);
    const count = stub.cards(CHANNEL).length;
    await sayAndWait(MANAGER, 'digest publish', /Digest published|No quarter/);
    expect(stub.cards(CHANNEL).length).toBe(count);
  });

  it('the committee report (CLI) carries the override, its reason and the highlight; a quarter never opened is refused', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'report-')), 'q1.html');
    const report = await runCli(['report', '--quarter', '2016/17-Q1', '--format', 'html', '--out', out], env);
    expect(report.code).toBe(0);
    expect(existsSync(out)).toBe(true);
    const page = readFileSync(out, 'utf8');
    expect(page).toMatch(/overridden because: A new venue is booked from August/);
    expect(page).toMatch(/Venue lost: &lt;b&gt;no&lt;\/b&gt; MakerSpace/);
    expect(page).toMatch(/&quot;We miss it&quot; \(a parent\)/);
    const csv = await runCli(['report', '--quarter', '2016/17-Q1', '--format', 'csv'], env);
    // A byte-order mark first, as in the files sent in chat: Excel then reads £ and accents right.
    expect(csv.stdout.split('\r\n')[0]).toMatch(/^\uFEFF"type","ref","outcome"/);
    const missing = await runCli(['report', '--quarter', '2017/18-Q2', '--format', 'md'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no cycle for 2017\/18-Q2/);
    const badFormat = await runCli(['report', '--format', 'pdf'], env);
    expect(badFormat.stderr).toMatch(/not one of: md, csv, html, json/);
  });
});
