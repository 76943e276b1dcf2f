/**
 * An owner whose UPN differs from the email address the plan gives (Teams' member record carries both):
 * recognised as that owner, and reachable for the chase under the plan's address.
 */
import { cardText } from '../support/adaptive-cards';
import { startLiveBot, type LiveBot } from '../support/live-bot';
import { personalConversation } from '../support/teams-client';

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
