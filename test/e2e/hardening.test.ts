/**
 * Each finding of the hostile-input review, over HTTP against the real server: what an attacker or a
 * careless user sends, and what they must (and must not) get back.
 */
import { loadConfig } from '../../src/config';
import { cardBytes, TEAMS_MESSAGE_LIMIT_BYTES } from '../../src/cards/render';
import { cardText, checkCard } from '../support/adaptive-cards';
import { dump } from '../support/tables';
import {
  invokeCard,
  KPI_OWNER,
  MANAGER,
  minimalActivity,
  OWNER,
  startLiveBot,
  STRANGER,
  textBlockTexts,
  type LiveBot,
} from '../support/live-bot';
import { personalConversation } from '../support/teams-client';

const CYCLE = '2016-17-Q1';
let bot: LiveBot;

beforeAll(async () => {
  bot = await startLiveBot();
  for (const u of [OWNER, KPI_OWNER, MANAGER, STRANGER]) await bot.teams.install(u);
}, 60_000);
afterAll(() => bot.stop());

const returns = () => dump(bot.server.runtime.tables, 'returns');

describe('1. a very long number', () => {
  it('is refused on the card with what to fix, and nothing is stored', async () => {
    const before = await returns();
    const res = await bot.teams.execute(KPI_OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'm:LRA06',
      n: '1',
      items: 'm:LRA06',
      value_1: '9'.repeat(400),
    });
    expect(res.status).toBe(200);
    expect(cardText(invokeCard(res.body))).toMatch(/too large: use at most 12 digits/);
    expect(await returns()).toEqual(before);
  });

  it('a value stored as null by an older version no longer breaks the card, chase me or the report', async () => {
    const client = bot.server.runtime.tables.client('returns');
    const broken = {
      item: 'm:LRA07',
      value: null,
      note: '',
      submittedBy: KPI_OWNER.upn,
      submittedAt: '2016-07-05T09:00:00Z',
      late: false,
      version: 1,
    };
    await client.upsertEntity({ partitionKey: CYCLE, rowKey: 'r|m:LRA07', body: JSON.stringify(broken) });
    // An older version wrote no cards: the quarter looks as it left it, and its rows are built on use.
    for await (const e of client.listEntities({ queryOptions: { filter: `PartitionKey eq '${CYCLE}'` } }))
      if (/^(o\||c\||m\|cards)/.test(e.rowKey ?? '')) await client.deleteEntity(CYCLE, e.rowKey ?? '');
    const conversation = personalConversation(KPI_OWNER);
    const seen = bot.stub.to(conversation).length;
    expect((await bot.teams.say(KPI_OWNER, 'chase me')).status).toBe(200);
    await bot.stub.waitFor(() => bot.stub.to(conversation).length > seen);
    const text = bot.stub.cards(conversation).slice(seen).map(cardText).join('\n');
    expect(text).toMatch(/LRA07/);
    expect(text).not.toMatch(/went wrong/);
    // The owner can correct it from the card.
    const fixed = await bot.teams.execute(KPI_OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'm:LRA07',
      n: '1',
      items: 'm:LRA07',
      value_1: '93',
    });
    expect(cardText(invokeCard(fixed.body))).toMatch(/93%/);
  });
});

describe('2. other owners answers', () => {
  it('a stranger naming someone else items gets only the refusal, never their answers', async () => {
    await bot.teams.execute(OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'a:LRA-1.1.01',
      n: '1',
      items: 'a:LRA-1.1.01,a:LRA-1.1.02',
      rag_1: 'amber',
      commentary_1: 'CONFIDENTIAL-COMMENTARY of the owner',
    });
    for (const verb of ['submitReturn', 'amendReturn']) {
      const res = await bot.teams.execute(STRANGER, verb, {
        cycle: CYCLE,
        item: 'a:LRA-1.1.01',
        n: '1',
        items: 'a:LRA-1.1.01,a:LRA-1.1.02',
        rag_1: 'green',
        commentary_1: 'mine now',
      });
      const text = cardText(invokeCard(res.body));
      expect(text).toMatch(/Only the (item's )?owner/);
      expect(text).not.toMatch(/CONFIDENTIAL/);
      // Nor who owns it, nor what it is.
      expect(text).not.toMatch(/area-ops\.gravesham|MakerSpace/);
    }
  });

  it('the owner submitting with a forged item list sees only their own items', async () => {
    const res = await bot.teams.execute(OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'a:LRA-1.1.02',
      n: '1',
      items: 'a:LRA-1.1.02,m:LRA06,a:LRA-1.1.01',
      rag_1: 'green',
      commentary_1: 'done',
    });
    const text = cardText(invokeCard(res.body));
    expect(text).toMatch(/LRA-1.1.01/);
    expect(text).not.toMatch(/LRA06/);
  });
});

describe('3. local mode', () => {
  it('binds 127.0.0.1 and refuses any other HOST', () => {
    expect(loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }).host).toBe('127.0.0.1');
    expect(() => loadConfig({ HOST: '0.0.0.0', NODE_ENV: 'production' })).toThrow(
      /HOST=0.0.0.0 is refused in local mode/,
    );
    expect(
      loadConfig({
        HOST: '0.0.0.0',
        MicrosoftAppId: 'x',
        MicrosoftAppPassword: 'y',
        TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
        ALLOWED_TENANTS: 't',
      }).host,
    ).toBe('0.0.0.0');
  });

  it('a second message from the same chat does not rewrite the person', async () => {
    await bot.teams.say(OWNER, 'help');
    const before = await bot.server.runtime.tables.client('people').getEntity('person', OWNER.upn);
    await bot.teams.say(OWNER, 'help');
    await bot.teams.say(OWNER, 'status');
    const after = await bot.server.runtime.tables.client('people').getEntity('person', OWNER.upn);
    expect(after.etag).toBe(before.etag);
  });
});

describe('4. never a 5xx from /api/messages', () => {
  it('card actions with unknown or forged keys answer 200 with a card', async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['approveDigest', { cycle: '2099-00-Q1', outcome: 1 }],
      ['approveDigest', { cycle: '2016/17/Q1', outcome: 1 }],
      ['submitReturn', { cycle: '../../x', item: 'a:LRA-1.1.01', rag_1: 'red' }],
      ['saveSchedule', { opens: 'x' }],
      ['noSuchVerb', {}],
    ];
    for (const [verb, data] of cases) {
      const res = await bot.teams.execute(MANAGER, verb, data);
      expect(res.status).toBe(200);
      checkCard(invokeCard(res.body));
    }
  });

  it('an activity whose serviceUrl is a closed port is taken, never a 5xx', async () => {
    for (const type of ['message', 'invoke']) {
      const res = await bot.teams.post(
        minimalActivity(bot, {
          type,
          serviceUrl: 'http://127.0.0.1:1/',
          ...(type === 'invoke' ? { name: 'adaptiveCard/action', value: {} } : {}),
        }),
      );
      expect(res.status).toBeLessThan(500);
    }
  });

  it('an invoke this bot does not offer is answered, not 501', async () => {
    const res = await bot.teams.post(
      minimalActivity(bot, { type: 'invoke', name: 'composeExtension/query', text: undefined, value: {} }),
    );
    expect(res.status).toBe(200);
  });

  it('a broken envelope gets 400 naming the field', async () => {
    const good = minimalActivity(bot);
    const broken: [object, RegExp][] = [
      [{ ...good, conversation: 'x' }, /conversation/],
      [{ ...good, from: null }, /from/],
      [{ ...good, serviceUrl: 'not a url' }, /serviceUrl/],
      [{ ...good, from: { id: OWNER.id, aadObjectId: 'a/b#c?d' } }, /aadObjectId/],
      // Found by the envelope fuzz (seed 189441585): a broken surrogate pair made replying throw, a 500.
      [{ ...good, conversation: { id: '\u0000\u202e evil.example \ud800' } }, /conversation\.id/],
      [{ ...good, from: { id: '29:\udc00' } }, /from\.id/],
      [{ ...good, attachments: 'plan.xlsx' }, /attachments/],
      [{ ...good, attachments: [1, null] }, /attachments\.0/],
      [{ ...good, attachments: [{ name: 'x' }] }, /attachments\.0\.contentType/],
    ];
    for (const [activity, field] of broken) {
      const res = await bot.teams.post(activity);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body)).toMatch(field);
    }
  });
});

describe('5-7. honest, plain and small replies', () => {
  it('opening a quarter without bank-holiday data says why, not "try again in a minute"', async () => {
    const conversation = personalConversation(MANAGER);
    const seen = bot.stub.to(conversation).length;
    await bot.teams.say(MANAGER, 'open 2099/00 Q1');
    await bot.stub.waitFor(() => bot.stub.to(conversation).length > seen);
    const text = cardText(bot.stub.cards(conversation).at(-1));
    expect(text).toMatch(/bank holidays/);
    expect(text).not.toMatch(/try again in a minute/);
  });

  it('a typed value is repeated only as plain text, never as Markdown', async () => {
    const res = await bot.teams.execute(KPI_OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'm:LRA06',
      n: '1',
      items: 'm:LRA06',
      value_1: '[x](https://evil.example)',
    });
    const card = invokeCard(res.body);
    expect(cardText(card)).toMatch(/is not a number/);
    expect(textBlockTexts(card).join('\n')).not.toMatch(/evil\.example/);
  });

  it('20,000 characters typed come back in a card under 40 KB', async () => {
    const long = 'x'.repeat(20_000);
    const res = await bot.teams.execute(OWNER, 'submitReturn', {
      cycle: CYCLE,
      item: 'a:LRA-1.4.07',
      n: '1',
      items: 'a:LRA-1.4.07',
      rag_1: 'red',
      commentary_1: long,
      evidence_1: long,
    });
    const card = invokeCard(res.body);
    expect(cardText(card)).toMatch(/too long/);
    expect(cardBytes(card)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);

    const conversation = personalConversation(OWNER);
    const seen = bot.stub.to(conversation).length;
    await bot.teams.say(OWNER, `amber ${'A'.repeat(20_000)}: done`);
    await bot.stub.waitFor(() => bot.stub.to(conversation).length > seen);
    for (const r of bot.stub.to(conversation).slice(seen))
      expect(JSON.stringify(r.activity).length * 2).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  });
});
