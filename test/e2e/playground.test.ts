/**
 * The trial as a newcomer runs it: README's run command (embedded Azurite + bot + Agents Playground),
 * driven through the Playground's HTTP API: install -> open the quarter -> card -> submit -> receipt.
 */
import { readFileSync } from 'node:fs';
import { tableStores } from '../../src/store';
import { Tables } from '../../src/store/tables';
import { cardText, checkCard, executeData } from '../support/adaptive-cards';
import { startDev, type DevProcess } from '../support/dev-process';
import { PlaygroundClient } from '../support/playground';

describe('the local trial through the Microsoft 365 Agents Playground', () => {
  let dev: DevProcess;
  let pg: PlaygroundClient;
  beforeAll(async () => {
    dev = await startDev();
    pg = new PlaygroundClient(dev.playgroundUrl);
    await pg.connect();
  }, 120_000);
  afterAll(async () => {
    pg.close();
    await dev.stop();
  });

  it('the trial prints the dashboard for its user, with two closed quarters of sample returns to show', async () => {
    const url = /Dashboard: (\S+)/.exec(dev.output.join(''))?.[1];
    expect(url).toBe(`${dev.botUrl}/tabs/dashboard?user=area-ops.gravesham%40example.org`);
    expect((await fetch(url!)).status).toBe(200);
    const api = await fetch(`${dev.botUrl}/api/dashboard?service=lra`, {
      headers: { 'X-Local-User': 'area-ops.gravesham@example.org' },
    });
    const body = (await api.json()) as { quarters: { key: string; counts: { green: number } }[] };
    expect(body.quarters.map((q) => q.key)).toEqual(['2015-16-Q2', '2015-16-Q3']);
    expect(body.quarters.every((q) => q.counts.green > 0)).toBe(true);
    const repos = tableStores(new Tables({ connectionString: dev.tablesConnectionString }, 'ragchaser'));
    expect(await repos.cycles.current()).toBeUndefined();
  });

  it('install -> open 2016/17 Q1 -> which service? -> chase card -> submit -> receipt -> history row', async () => {
    const { config } = await pg.config();
    const chat = config.personalChat.id;
    const me = config.currentUser.id;
    await pg.install(chat);
    await pg.waitFor((m) => cardText(m.card).includes('Welcome to RAG Chaser'));
    await pg.say(chat, me, 'open 2016/17 Q1');
    // The trial runs two services and the user manages both: the bot asks which, with a button each.
    const picker = await pg.waitFor((m) => cardText(m.card).startsWith('Which service?'));
    expect(JSON.stringify(picker.card)).toContain(
      '"data":{"verb":"pickService","command":"open 2016/17 Q1","service":"lra"}',
    );
    await pg.submit(chat, me, picker.messageId, {
      verb: 'pickService',
      command: 'open 2016/17 Q1',
      service: 'lra',
    });
    const LRA = 'Libraries, Registration and Archives';
    const chase = await pg.waitFor((m) => cardText(m.card).includes(`Quarterly return: ${LRA}, 2016/17 Q1`));
    expect(checkCard(chase.card!).errors).toEqual([]);
    await pg.waitFor((m) => cardText(m.card).startsWith(`Opened ${LRA}, 2016/17 Q1`));
    const data = executeData(chase.card!, 'submitReturn');
    const n = String(data.n);
    const receipt = await pg.execute(chat, me, chase.messageId, 'submitReturn', {
      ...data,
      [`rag_${n}`]: 'green',
      [`commentary_${n}`]: 'MakerSpace Day held: 60 children attended',
    });
    expect(cardText(receipt)).toMatch(/✔ Green \(on track\)[\s\S]*60 children attended/);
    const repos = tableStores(new Tables({ connectionString: dev.tablesConnectionString }, 'ragchaser'));
    const history = await repos.returns.history('2016-17-Q1');
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({
      item: 'a:LRA-1.1.01',
      rag: 'green',
      submittedBy: 'area-ops.gravesham@example.org',
    });
    await pg.say(chat, me, 'status for lra');
    const mine = await pg.waitFor((m) => cardText(m.card).startsWith('Your items: 2016/17 Q1'));
    expect(cardText(mine.card)).toMatch(/1 of 6 answered/);
    const status = await pg.waitFor((m) => cardText(m.card).startsWith(`Status: ${LRA}, 2016/17 Q1`));
    expect(cardText(status.card)).toMatch(/1 of 99 items answered[\s\S]*Progress by outcome/);
    // The second service: one more card for the same owner, titled with it.
    await pg.say(chat, me, 'open 2016/17 Q1 for customer-services');
    await pg.waitFor((m) => cardText(m.card).includes('Quarterly return: Customer Services, 2016/17 Q1'));
  }, 90_000);

  it('send back: the trial user (manager and owner) sends LRA-1.1.01 back, gets the card with the note, answers again', async () => {
    const { config } = await pg.config();
    const chat = config.personalChat.id;
    const me = config.currentUser.id;
    await pg.say(chat, me, 'send back LRA-1.1.01: How many of the 60 children were new members? for lra');
    await pg.waitFor((m) => cardText(m.card).startsWith('Sent back'));
    const card = await pg.waitFor((m) =>
      /Sent back by .*How many of the 60 children were new members\?/.test(cardText(m.card)),
    );
    expect(checkCard(card.card!).errors).toEqual([]);
    const data = executeData(card.card!, 'submitReturn', '"item":"a:LRA-1.1.01"');
    const n = String(data.n);
    const receipt = await pg.execute(chat, me, card.messageId, 'submitReturn', {
      ...data,
      [`rag_${n}`]: 'green',
      [`commentary_${n}`]: 'MakerSpace Day held: 60 children attended, 22 of them new members',
    });
    expect(cardText(receipt)).toMatch(/22 of them new members/);
    const repos = tableStores(new Tables({ connectionString: dev.tablesConnectionString }, 'ragchaser'));
    expect((await repos.returns.history('2016-17-Q1', 'a:LRA-1.1.01')).map((r) => r.version)).toEqual([1, 2]);
    expect((await repos.returns.sendBacks('2016-17-Q1')).map((s) => s.note)).toEqual([
      'How many of the 60 children were new members?',
    ]);
  }, 60_000);

  it('register the SMT channel in the Playground team, approve and publish: the digest arrives in the channel', async () => {
    const { config } = await pg.config();
    const chat = config.personalChat.id;
    const me = config.currentUser.id;
    await pg.say('channel-smt', me, 'register smt channel for lra', config.bot);
    await pg.waitFor(
      (m) =>
        m.conversationId.startsWith('channel-smt') && cardText(m.card).startsWith('SMT channel registered'),
    );
    await pg.say(chat, me, 'digest approve for lra');
    await pg.waitFor((m) => cardText(m.card).startsWith('Digest approved'));
    await pg.say(chat, me, 'digest publish for lra');
    await pg.waitFor((m) => cardText(m.card).startsWith('Digest published'));
    const digest = await pg.waitFor(
      (m) => m.conversationId.startsWith('channel-smt') && /2016\/17 Q1 digest/.test(cardText(m.card)),
    );
    expect(cardText(digest.card)).toMatch(/Approved by area-ops.gravesham@example.org[\s\S]*✔ Green 1/);
    // A question in the channel, answered from the published digest.
    await pg.say('channel-smt', me, 'which greens are in Gravesham?', config.bot);
    const answer = await pg.waitFor(
      (m) => m.conversationId.startsWith('channel-smt') && cardText(m.card).startsWith('Green items'),
    );
    expect(cardText(answer.card)).toMatch(
      /^Green items, district Gravesham, 2016\/17 Q1: 1\n[\s\S]*LRA-1\.1\.01/,
    );
    expect(checkCard(answer.card ?? {}).errors).toEqual([]);
  }, 60_000);

  it('upload the sample plan (the message README prints, with the workbook attached), preview, Import', async () => {
    const { config } = await pg.config();
    const chat = config.personalChat.id;
    const me = config.currentUser.id;
    const file = /-d @(\S+)/.exec(dev.output.join(''))?.[1];
    expect(file).toBeDefined();
    const res = await fetch(`${dev.playgroundUrl}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: readFileSync(file!, 'utf8'),
    });
    expect(res.status).toBe(200);
    const preview = await pg.waitFor((m) => cardText(m.card).startsWith('Plan preview'));
    expect(checkCard(preview.card!).errors).toEqual([]);
    expect(cardText(preview.card)).toMatch(/From plan\.xlsx[\s\S]*match the plan already loaded/);
    const data = (preview.card!.actions as { title: string; data: Record<string, unknown> }[]).find(
      (a) => a.title === 'Import',
    )!.data;
    await pg.submit(chat, me, preview.messageId, data);
    await pg.waitFor((m) => /Nothing to import|Plan imported/.test(cardText(m.card)));
  }, 60_000);
});
