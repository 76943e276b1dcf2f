/**
 * Property-based fuzz (fast-check), bounded in runs and time, against the real server over HTTP:
 * card submits, chat texts and activity envelopes generated around the schemas the bot accepts.
 * Properties: no 5xx; every invoke answered with a card the official parser accepts; every reply under
 * 40 KB; rejected input changes no table; hostile text only in TextRuns or input values.
 */
import fc from 'fast-check';
import { cardBytes, TEAMS_MESSAGE_LIMIT_BYTES } from '../../src/cards/render';
import { checkCard } from '../support/adaptive-cards';
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

const RUNS = {
  numRuns: 60,
  interruptAfterTimeLimit: 25_000,
  seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1e9),
};
const HOSTILE = [
  '[click](https://evil.example)',
  '**bold** <script>alert(1)</script> evil.example',
  '${$root.secret} {{evil.example}}',
  '\u0000\u202e evil.example \ud800',
  '= cmd|"/c calc"!A1 evil.example',
];
const hostile = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ maxLength: 50 }),
  fc.string({ minLength: 2_000, maxLength: 25_000 }).map((s) => `${s}evil.example`),
  fc.constantFrom('9'.repeat(400), '-0', '1e309', 'NaN', '1,000,000.5%', '  42 ', ''),
);
const anything = fc.oneof(
  hostile,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 3 }),
);

let bot: LiveBot;
beforeAll(async () => {
  bot = await startLiveBot();
  for (const u of [OWNER, KPI_OWNER, MANAGER, STRANGER]) await bot.teams.install(u);
}, 60_000);
afterAll(() => bot.stop());

function expectSafeCard(card: unknown): void {
  expect(checkCard(card as object).errors).toEqual([]);
  expect(cardBytes(card as Record<string, unknown>)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
  expect(textBlockTexts(card).join('\n')).not.toMatch(/evil\.example/);
}

it('card submits: every invoke gets a safe card, a refused one changes nothing', async () => {
  const verb = fc.constantFrom(
    'submitReturn',
    'amendReturn',
    'saveSchedule',
    'saveReview',
    'approveDigest',
    'x',
  );
  const data = fc.record(
    {
      cycle: fc.oneof(fc.constant('2016-17-Q1'), hostile),
      item: fc.oneof(fc.constantFrom('a:LRA-1.1.01', 'm:LRA06', 'a:LRA-9.9.99'), hostile),
      n: fc.oneof(fc.constant('1'), hostile),
      items: fc.oneof(fc.constant('a:LRA-1.1.01,m:LRA06'), hostile),
      rag_1: fc.oneof(fc.constantFrom('red', 'amber', 'green', 'purple'), anything),
      commentary_1: anything,
      evidence_1: anything,
      value_1: anything,
      note_1: anything,
      outcome: anything,
      ref: hostile,
    },
    { requiredKeys: [] },
  );
  const who = fc.constantFrom(OWNER, KPI_OWNER, STRANGER, MANAGER);
  await fc.assert(
    fc.asyncProperty(who, verb, data, async (user, v, d) => {
      const before = user === STRANGER ? await dump(bot.server.runtime.tables, 'returns') : undefined;
      const res = await bot.teams.execute(user, v, d);
      expect(res.status).toBe(200);
      expectSafeCard(invokeCard(res.body));
      if (before) expect(await dump(bot.server.runtime.tables, 'returns')).toEqual(before);
    }),
    RUNS,
  );
}, 120_000);

it('chat texts: always a reply under 40 KB, hostile text never as Markdown', async () => {
  const text = fc.oneof(
    hostile,
    fc
      .tuple(
        fc.constantFrom(
          'amber',
          'red: ',
          'green LRA-1.1.01:',
          'hand over ',
          'grant service manager ',
          'open ',
          'status ',
          'digest ',
        ),
        hostile,
      )
      .map(([a, b]) => a + b),
  );
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(OWNER, STRANGER), text, async (user, t) => {
      const conversation = personalConversation(user);
      const seen = bot.stub.to(conversation).length;
      const before = user === STRANGER ? await dump(bot.server.runtime.tables, 'returns') : undefined;
      const res = await bot.teams.say(user, t);
      expect(res.status).toBeLessThan(500);
      if (res.status !== 200) return;
      await bot.stub.waitFor(() => bot.stub.to(conversation).length > seen);
      for (const r of bot.stub.to(conversation).slice(seen)) {
        expect(JSON.stringify(r.activity).length * 2).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
        for (const a of (r.activity as { attachments?: { content: unknown }[] }).attachments ?? [])
          expectSafeCard(a.content);
      }
      if (before) expect(await dump(bot.server.runtime.tables, 'returns')).toEqual(before);
    }),
    RUNS,
  );
}, 120_000);

it('activity envelopes: broken, missing or hostile fields never give a 5xx', async () => {
  const field = fc.constantFrom(
    'type',
    'channelId',
    'serviceUrl',
    'from',
    'recipient',
    'conversation',
    'text',
    'value',
    'name',
    'replyToId',
  );
  const value = fc.oneof(
    anything,
    fc.constantFrom(
      'invoke',
      'message',
      'conversationUpdate',
      'installationUpdate',
      'messageReaction',
      'event',
    ),
    fc.record({ id: hostile, aadObjectId: hostile, conversationType: hostile }, { requiredKeys: [] }),
    fc.constant({}),
  );
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(field, value), { minLength: 1, maxLength: 4 }), async (changes) => {
      const activity = minimalActivity(bot);
      for (const [k, v] of changes) activity[k] = v;
      const res = await bot.teams.post(activity);
      expect(res.status).toBeLessThan(500);
      if (activity.type === 'invoke' && res.status === 200) expectSafeCard(invokeCard(res.body));
    }),
    RUNS,
  );
}, 120_000);
