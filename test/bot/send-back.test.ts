/**
 * Send back through the bot (TestAdapter): the review card shows what to challenge with its reasons and a
 * Send back action per item, valid at 1.5 and 1.2 and under the size limit; pressing it sends the item
 * back; the chat command does the same; an owner cannot.
 */
import type { Activity, TestAdapter } from 'botbuilder';
import { submitReturn } from '../../src/app/returns/submit-return';
import { tick } from '../../src/app/cycle/tick';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/render';
import { botOn, botServices } from '../support/bot-harness';
import { cardText, checkCard, executeData, inputIds } from '../support/adaptive-cards';
import { world } from '../support/world';
import type { Assistant } from '../../src/app/ports';
import { supportingOutcomeId } from '../../src/domain/plan';

const SM = { upn: 'svc@example.org', aad: 'aad-svc' };
const SWALE = { upn: 'area-ops.swale@example.org', aad: 'aad-swale' };
const conversation = { id: 'a:conv', conversationType: 'personal', tenantId: 't' };
const from = (who: typeof SM) => ({ id: `29:${who.aad}`, name: who.upn, aadObjectId: who.aad });
const message = (text: string, who = SM) =>
  ({ type: 'message', text, from: from(who), conversation }) as Partial<Activity>;
const cards = (activities: Partial<Activity>[]) =>
  activities
    .filter((a) => a.type === 'message')
    .map((a) => a.attachments?.[0]?.content as Record<string, unknown>);

async function say(adapter: TestAdapter, activity: Partial<Activity>): Promise<Record<string, unknown>[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity(activity);
  return cards(adapter.activeQueue);
}

/** Presses a card button as Teams sends it; returns the card the bot answers with. */
async function press(
  adapter: TestAdapter,
  verb: string,
  data: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(SM),
    conversation,
    value: { action: { type: 'Action.Execute', verb, data } },
  } as Partial<Activity>);
  const reply = adapter.activeQueue.find((a) => a.type === 'invokeResponse');
  return (reply?.value as { body: { value: Record<string, unknown> } }).body.value;
}

async function setUp() {
  const now = '2016-07-05T09:00:00Z';
  const w = await world({ installAll: true });
  await w.people.upsert(SM.upn, { aadObjectId: SM.aad, conversation: 'conv:svc', reachable: true }, now);
  await w.people.upsert(SWALE.upn, { aadObjectId: SWALE.aad }, now);
  const services = botServices(w, now, { SERVICE_MANAGERS: SM.upn });
  await tick(services, '2016-07-01T08:00:00Z', w.lease);
  const answer = (item: string, by: string, rag: string, commentary: string) =>
    submitReturn(services, {
      cycleKey: '2016-17-Q1',
      item,
      by,
      serviceManager: false,
      answer: { rag, commentary },
      now: '2016-07-04T10:00:00Z',
    });
  await answer('a:LRA-1.4.01', SWALE.upn, 'green', 'Done.');
  await answer('a:LRA-2.2.03', 'area-ops.sevenoaks@example.org', 'red', 'The room was flooded in May.');
  return { w, adapter: botOn(services), services };
}

describe('send back (TestAdapter)', () => {
  it('the review card flags with reasons and sends back from the card; valid at 1.5 and 1.2, under the limit', async () => {
    const { w, adapter } = await setUp();
    const review = (await say(adapter, message('digest preview'))).find((c) =>
      cardText(c).includes('LRA-1.4.01'),
    );
    expect(review).toBeDefined();
    const card = review!;
    const text = cardText(card);
    expect(text).toMatch(/LRA-1\.4\.01: .*\n?.*⚑ Green with a commentary of 1 word\(s\)/);
    for (const version of ['1.5', '1.2'] as const) expect(checkCard(card, version).errors).toEqual([]);
    expect(cardBytes(card)).toBeLessThan(CARD_BUDGET_BYTES);
    const ids = inputIds(card);
    expect(new Set(ids).size).toBe(ids.length);

    const data = executeData(card, 'sendBack', 'LRA-1.4.01');
    const after = await press(adapter, 'sendBack', {
      ...data,
      [`note_${String(data.n)}`]: 'Say what was delivered.',
    });
    expect(cardText(after)).toMatch(/↩ LRA-1\.4\.01 sent back to area-ops\.swale@example\.org/);
    expect(cardText(after)).toMatch(/↩ Sent back by svc@example\.org on .*: waiting for the answer/);
    // Waiting: no second Send back for it.
    expect(() => executeData(after, 'sendBack', 'LRA-1.4.01')).toThrow(/no sendBack/);
    // The owner got the card with the note and their earlier answer.
    expect(cardText(w.messenger.to(`conv:${SWALE.upn}`).at(-1)?.message.card)).toMatch(
      /Sent back by svc@example\.org .*Say what was delivered\./,
    );
    await w.drop();
  });

  it('in chat: "send back <id>: <note>" for a manager; an owner is refused and nothing is recorded', async () => {
    const { w, adapter } = await setUp();
    expect(
      cardText((await say(adapter, message('send back LRA-2.2.03: What will be done to recover?')))[0]),
    ).toMatch(/is sent back to area-ops\.sevenoaks@example\.org with your note/);
    expect(cardText((await say(adapter, message('send back LRA-2.2.03')))[0])).toMatch(
      /Write it as: send back LRA-1\.1\.01:/,
    );
    const refused = cardText((await say(adapter, message('send back LRA-1.4.01: mine', SWALE)))[0]);
    expect(refused).not.toMatch(/is sent back/);
    expect((await w.returns.sendBacks('2016-17-Q1')).map((s) => s.item)).toEqual(['a:LRA-2.2.03']);
    await w.drop();
  });

  it('from an Ask answer: a manager sends an answered item back from the list; the SMT view offers no such button', async () => {
    const { w, adapter } = await setUp();
    const [answer] = await say(adapter, message('which are green?'));
    expect(cardText(answer)).toMatch(/LRA-1\.4\.01/);
    for (const version of ['1.5', '1.2'] as const) expect(checkCard(answer!, version).errors).toEqual([]);
    const data = executeData(answer!, 'sendBack', 'LRA-1.4.01');
    expect(data).toMatchObject({ from: 'ask', quarter: '2016/17 Q1', item: 'LRA-1.4.01' });
    const reply = await press(adapter, 'sendBack', { ...data, [`note_${String(data.n)}`]: 'What was done?' });
    expect(cardText(reply)).toMatch(/↩ LRA-1\.4\.01 sent back to area-ops\.swale@example\.org/);
    // An owner asking sees no Send back.
    const mine = await say(adapter, message('which are green?', SWALE));
    expect(JSON.stringify(mine)).not.toMatch(/"verb":"sendBack"/);
    await w.drop();
  });

  it('approving with a return sent back asks to confirm on the card; Approve anyway approves; Check with AI adds AI flags', async () => {
    const { w, adapter, services } = await setUp();
    await say(adapter, message('send back LRA-2.2.03: What will be done to recover?'));
    const review = (await say(adapter, message('digest preview'))).find((c) =>
      cardText(c).includes('outcome 1'),
    )!;
    const asked = await press(adapter, 'approveDigest', executeData(review, 'approveDigest'));
    expect(cardText(asked)).toMatch(/1 return\(s\) sent back and not answered again \(LRA-2\.2\.03\)/);
    expect(await w.digests.approval('2016-17-Q1')).toBeUndefined();
    const anyway = executeData(asked, 'approveDigest');
    expect(anyway.confirm).toBe('yes');
    expect(cardText(await press(adapter, 'approveDigest', anyway))).toMatch(/✔ Approved by svc@example\.org/);
    expect(await w.digests.approval('2016-17-Q1')).toMatchObject({ by: SM.upn });

    // Check with AI, with an assistant that points at the thin Green.
    (services as { assistant?: Assistant }).assistant = {
      toQuery: () => Promise.resolve({ ok: false, failure: 'no-tool' }),
      draft: () => Promise.resolve({ ok: false, failure: 'no-tool' }),
      check: () =>
        Promise.resolve({
          ok: true,
          value: [{ id: 'LRA-1.4.01', reason: 'Says "Done." and nothing of what was done.' }],
        }),
    };
    const withAi = (await say(adapter, message('digest preview'))).find((c) =>
      cardText(c).includes('LRA-1.4.01'),
    )!;
    const a = w.plan.activities.find((x) => x.id === 'LRA-1.4.01')!;
    const so = supportingOutcomeId(a.outcome, a.supportingOutcome);
    const checked = await press(adapter, 'checkReview', executeData(withAi, 'checkReview', `"so":"${so}"`));
    expect(cardText(checked)).toMatch(/AI: 1 item\(s\) to look at/);
    expect(cardText(checked)).toMatch(/⚑ AI: Says "Done\." and nothing of what was done\./);
    await w.drop();
  });
});
