/**
 * Property-based fuzz (fast-check, bounded) against the real server over HTTP, on the surfaces of roles,
 * report files and questions: file consent invokes naming any upload URL, role commands from people
 * without the role, and questions of any text. Properties: never a 5xx; nothing is uploaded anywhere but
 * an upload host; no role changes; every reply a card under 40 KB.
 */
import fc from 'fast-check';
import { cardBytes, TEAMS_MESSAGE_LIMIT_BYTES } from '../../src/cards/render';
import { checkCard } from '../support/adaptive-cards';
import { FileStub } from '../support/file-stub';
import { dump } from '../support/tables';
import { MANAGER, OWNER, startLiveBot, STRANGER, type LiveBot } from '../support/live-bot';
import { personalConversation } from '../support/teams-client';

const RUNS = {
  numRuns: 40,
  interruptAfterTimeLimit: 20_000,
  seed: Number(process.env.FUZZ_SEED ?? Date.now() % 1e9),
};

let bot: LiveBot;
const files = new FileStub();
beforeAll(async () => {
  bot = await startLiveBot();
  await files.start();
  for (const u of [OWNER, MANAGER, STRANGER]) await bot.teams.install(u);
}, 60_000);
afterAll(async () => {
  await bot.stop();
  await files.stop();
});

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ minLength: 400, maxLength: 3000 }),
  fc.constantFrom(
    'a@b.'.repeat(2000),
    `${'x'.repeat(20_000)}@`,
    'which reds are in Dover?',
    '\u0000\u202e\ud800',
  ),
);

async function repliesTo(user: typeof OWNER, send: () => Promise<{ status: number }>): Promise<void> {
  const conversation = personalConversation(user);
  const seen = bot.stub.to(conversation).length;
  const res = await send();
  expect(res.status).toBeLessThan(500);
  if (res.status !== 200) return;
  await bot.stub.waitFor(() => bot.stub.to(conversation).length > seen);
  for (const r of bot.stub.to(conversation).slice(seen))
    for (const a of (r.activity as { attachments?: { content: unknown }[] }).attachments ?? []) {
      expect(checkCard(a.content as object).errors).toEqual([]);
      expect(cardBytes(a.content as Record<string, unknown>)).toBeLessThan(TEAMS_MESSAGE_LIMIT_BYTES);
    }
}

it('file consent invokes naming any upload URL: never a 5xx, never an upload to anything but the upload host', async () => {
  const uploadUrl = fc.oneof(
    fc.constantFrom(
      'http://169.254.169.254/metadata/instance',
      'https://evil.example/upload',
      'file:///etc/passwd',
      'not a url',
      'http://127.0.0.1:1/upload',
    ),
    fc.webUrl().filter((u) => !/sharepoint/i.test(u) && !/^https?:\/\/(127\.0\.0\.1|localhost)/.test(u)),
  );
  const value = fc.record({
    type: fc.constantFrom('fileUpload', 'x'),
    action: fc.constantFrom('accept', 'decline', 'other'),
    context: fc.oneof(
      fc.record({
        kind: fc.constant('report'),
        quarter: fc.constantFrom('2016-17-Q1', '../x'),
        format: fc.constantFrom('html', 'csv', 'exe'),
        service: fc.constantFrom('', 'lra', 'nope'),
      }),
      fc.anything(),
    ),
    uploadInfo: fc.record({
      name: fc.string({ maxLength: 40 }),
      uploadUrl,
      contentUrl: uploadUrl,
      uniqueId: fc.string({ maxLength: 10 }),
      fileType: fc.constantFrom('html', 'csv'),
    }),
  });
  const before = files.uploads.length;
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(MANAGER, STRANGER), value, async (user, v) => {
      const res = await bot.teams.invoke(user, 'fileConsent/invoke', v);
      expect(res.status).toBeLessThan(500);
    }),
    RUNS,
  );
  expect(files.uploads.length).toBe(before);
}, 120_000);

it('role commands from people without the role: never a 5xx, never a role changed', async () => {
  const command = fc
    .tuple(
      fc.constantFrom('grant', 'revoke', 'GRANT', 'revoke  '),
      fc.constantFrom(' service manager ', ' performance lead ', ' servicemanager ', ' performancelead '),
      fc.oneof(text, fc.emailAddress()),
    )
    .map(([verb, role, who]) => `${verb}${role}${who}`);
  const services = () => dump(bot.server.runtime.tables, 'services');
  const people = () => dump(bot.server.runtime.tables, 'people');
  const [beforeServices, beforeFlags] = [
    await services(),
    (await people()).filter((p) => p.includes('"serviceManager":true')),
  ];
  await fc.assert(
    fc.asyncProperty(fc.constantFrom(OWNER, STRANGER), command, (user, c) =>
      repliesTo(user, () => bot.teams.say(user, c)),
    ),
    RUNS,
  );
  expect(await services()).toEqual(beforeServices);
  expect((await people()).filter((p) => p.includes('"serviceManager":true'))).toEqual(beforeFlags);
}, 120_000);

it('questions of any text from a manager: never a 5xx, always a card under 40 KB', async () => {
  await fc.assert(
    fc.asyncProperty(text, (q) => repliesTo(MANAGER, () => bot.teams.say(MANAGER, `ask ${q}`))),
    RUNS,
  );
}, 120_000);
