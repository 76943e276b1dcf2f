/**
 * An owner whose UPN differs from the email address the plan gives (Teams' member record carries both):
 * recognised as that owner, and reachable for the chase under the plan's address.
 */
import { cardText } from '../support/adaptive-cards';
import { startLiveBot, type LiveBot } from '../support/live-bot';
import { personalConversation, TENANT } from '../support/teams-client';

const PLAN_EMAIL = 'area-ops.gravesham@example.org';
const USER = {
  id: '29:user-upn-differs',
  name: 'Area operations, Gravesham',
  aadObjectId: '00000000-0000-4000-8000-00000000e001',
  upn: 'area-ops.gravesham@council.example.net',
  email: PLAN_EMAIL,
};
let bot: LiveBot;

beforeAll(async () => {
  bot = await startLiveBot();
  bot.stub.addUser(USER);
}, 60_000);
afterAll(() => bot.stop());

it('an owner known to the plan by email, signed in with another UPN, gets their card and is chased there', async () => {
  const conversation = personalConversation(USER);
  expect((await bot.teams.say(USER, 'chase me')).status).toBe(200);
  await bot.stub.waitFor(() => bot.stub.to(conversation).length > 0);
  const text = bot.stub.cards(conversation).map(cardText).join('\n');
  expect(text).toMatch(/LRA-1\.1\.01/);
  expect(text).not.toMatch(/no items to answer/);
  const person = await bot.server.runtime.people.get(PLAN_EMAIL);
  expect(person).toMatchObject({ reachable: true, aadObjectId: USER.aadObjectId });
  expect(await bot.server.runtime.people.get(USER.upn)).toBeUndefined();
});

it("a guest from another organisation whose mail claims an owner's address is not taken for that owner", async () => {
  const guest = {
    id: '29:user-guest',
    name: 'Partner',
    aadObjectId: '00000000-0000-4000-8000-00000000e002',
    upn: 'partner_other.example#ext#@council.example.net',
    email: 'area-ops.maidstone@example.org',
    tenantId: '99999999-0000-4000-8000-000000000009',
    userRole: 'guest' as const,
  };
  bot.stub.addUser(guest);
  const conversation = personalConversation(guest);
  expect((await bot.teams.say(guest, 'chase me')).status).toBe(200);
  await bot.stub.waitFor(() => bot.stub.to(conversation).length > 0);
  expect(bot.stub.cards(conversation).map(cardText).join('\n')).not.toMatch(/LRA-\d/);
  const maidstone = await bot.server.runtime.people.get('area-ops.maidstone@example.org');
  expect(maidstone?.aadObjectId ?? '').not.toBe(guest.aadObjectId);
});

it('with ALLOWED_TENANTS, a sender whose own tenant is another is not identified, in a chat of the allowed tenant', async () => {
  const strict = await startLiveBot({ ALLOWED_TENANTS: TENANT });
  try {
    const outsider = {
      id: '29:user-outsider',
      name: 'Outsider',
      aadObjectId: '00000000-0000-4000-8000-00000000e003',
      upn: 'area-ops.dover@example.org',
      tenantId: '99999999-0000-4000-8000-000000000009',
    };
    strict.stub.addUser(outsider);
    const conversation = personalConversation(outsider);
    await strict.teams.say(outsider, 'chase me');
    await strict.stub.waitFor(() => strict.stub.to(conversation).length > 0);
    expect(cardText(strict.stub.cards(conversation).at(-1))).toMatch(/could not tell who you are/);
    expect((await strict.server.runtime.people.get(outsider.upn))?.aadObjectId ?? '').not.toBe(
      outsider.aadObjectId,
    );
  } finally {
    await strict.stop();
  }
}, 60_000);
