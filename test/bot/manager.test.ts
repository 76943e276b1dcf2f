/** Service-manager commands through TestAdapter: schedule card, chase now, resend failed. */
import type { Activity, TestAdapter } from 'botbuilder';
import { botOn, botServices } from '../support/bot-harness';
import { tick } from '../../src/app/cycle/tick';
import { cardText, checkCard } from '../support/adaptive-cards';
import { world } from '../support/world';

const SM = { upn: 'svc@example.org', aad: 'aad-svc' };
const OWNER = { upn: 'area-ops.maidstone@example.org', aad: 'aad-maidstone' };
const conversation = { id: 'a:conv', conversationType: 'personal', tenantId: 't' };
const from = (who: { upn: string; aad: string }) => ({
  id: `29:${who.aad}`,
  name: who.upn,
  aadObjectId: who.aad,
});

async function setUp(now: string) {
  const w = await world({ installAll: true });
  await w.people.upsert(SM.upn, { aadObjectId: SM.aad, conversation: 'conv:svc', reachable: true }, now);
  await w.people.upsert(OWNER.upn, { aadObjectId: OWNER.aad }, now);
  const services = botServices(w, now, { SERVICE_MANAGERS: SM.upn });
  const adapter = botOn(services);
  return { w, adapter, services };
}

/** Sends one activity and returns the text of the message cards the bot replied with (typing indicators skipped). */
async function say(adapter: TestAdapter, activity: Partial<Activity>): Promise<string[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity(activity);
  return adapter.activeQueue
    .filter((a) => a.type === 'message')
    .map((a) => cardText(a.attachments?.[0]?.content));
}

const invoke = (who: typeof SM, verb: string, data: object) =>
  ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(who),
    conversation,
    value: { action: { type: 'Action.Execute', verb, data } },
  }) as Partial<Activity>;
const cardOf = (a: Partial<Activity>) => (a.value as { body: { value: Record<string, unknown> } }).body.value;

describe('service-manager commands (TestAdapter)', () => {
  it('schedule shows a valid card with the dates; saving a bad schedule says why and changes nothing; a good one is saved', async () => {
    const { w, adapter } = await setUp('2016-06-15T10:00:00Z');
    await adapter
      .send({ type: 'message', text: 'schedule', from: from(SM), conversation } as Partial<Activity>)
      .assertReply((a) => {
        const card = a.attachments?.[0]?.content as Record<string, unknown>;
        expect(checkCard(card).errors).toEqual([]);
        expect(cardText(card)).toMatch(
          /2016\/17 Q1 opens[\s\S]*Friday 1 July 2016, 09:00[\s\S]*end of Thursday 14 July 2016/,
        );
      });
    const form = {
      opensAfterQuarterEnd: '1',
      deadlineAfterQuarterEnd: '1',
      remindersBeforeDeadline: '5, 1',
      escalationEnabled: 'true',
      escalateAfterDeadline: '1',
      digestEnabled: 'true',
      digestAfterDeadline: '2',
      timeOfDay: '09:00',
    };
    await adapter
      .send(invoke(SM, 'saveSchedule', form))
      .assertReply((a) => expect(cardText(cardOf(a))).toMatch(/⚠ Not saved[\s\S]*deadline/));
    expect((await w.plans.schedule()).deadlineAfterQuarterEnd).toBe(10);
    await adapter
      .send(
        invoke(SM, 'saveSchedule', {
          ...form,
          deadlineAfterQuarterEnd: '12',
          remindersBeforeDeadline: '3',
          timeOfDay: '08:30',
        }),
      )
      .assertReply((a) => {
        expect(cardText(cardOf(a))).toMatch(/✔ Saved[\s\S]*Tuesday 19 July 2016/);
      });
    expect(await w.plans.schedule()).toMatchObject({
      deadlineAfterQuarterEnd: 12,
      remindersBeforeDeadline: [3],
      timeOfDay: '08:30',
    });
    await adapter
      .send(invoke(OWNER, 'saveSchedule', form))
      .assertReply((a) => expect(cardText(cardOf(a))).toMatch(/Only service managers/));
    await w.drop();
  });

  it('chase now reminds only owners who still owe, once per minute; resend failed retries what failed', async () => {
    const { w, adapter, services } = await setUp('2016-07-04T10:00:00Z');
    // The manager's "Opened" summary fails when the quarter opens.
    w.messenger.answer = (c) =>
      c === 'conv:svc'
        ? { outcome: 'failed', error: '403 forbidden' }
        : { outcome: 'sent', activityId: 'x', conversationId: c };
    await tick(services, '2016-07-01T08:00:00Z', w.lease);
    w.messenger.answer = (c) => ({ outcome: 'sent', activityId: 'x', conversationId: c });
    for (const item of ['m:LRA01', 'm:LRA02', 'm:LRA04'] as const) {
      await w.returns.save(
        '2016-17-Q1',
        {
          item,
          value: 300,
          submittedBy: 'performance@example.org',
          submittedAt: '2016-07-02T10:00:00Z',
          late: false,
          version: 1,
        },
        undefined,
      );
    }
    const message = (text: string, who = SM) =>
      ({ type: 'message', text, from: from(who), conversation }) as Partial<Activity>;
    const before = w.messenger.sent.length;
    expect((await say(adapter, message('chase now'))).join()).toMatch(/Reminders sent to 17 owner\(s\)/);
    const reminded = w.messenger.sent.slice(before).map((s) => s.conversation);
    expect(reminded).not.toContain('conv:performance@example.org');
    expect(reminded).toContain('conv:area-ops.maidstone@example.org');
    const count = w.messenger.sent.length;
    expect((await say(adapter, message('chase now'))).join()).toMatch(/Reminders sent to 0 owner/);
    expect(w.messenger.sent.length).toBe(count);

    // A failure, then resend.
    w.messenger.answer = (c) =>
      c === 'conv:stock@example.org'
        ? { outcome: 'failed', error: '400 bad request' }
        : { outcome: 'sent', activityId: 'x', conversationId: c };
    await tick(services, '2016-07-07T08:00:00Z', w.lease);
    expect((await w.outbox.list('2016-17-Q1', 'reminder-5|stock@example.org|')).map((r) => r.status)).toEqual(
      ['failed', 'failed'],
    );
    w.messenger.answer = (c) => ({ outcome: 'sent', activityId: 'x', conversationId: c });
    const replies = (await say(adapter, message('resend failed'))).join();
    // The reminder is planned again; the Opened summary, whose moment has passed, is named with what to do.
    expect(replies).toMatch(/2 failed message\(s\) sent again: 2 sent now/);
    expect(replies).toMatch(/1 not sent again/);
    expect(replies).toMatch(/the "Opened" summary to svc@example\.org: "status" shows the same/);
    expect((await w.outbox.list('2016-17-Q1', 'reminder-5|stock@example.org|')).map((r) => r.status)).toEqual(
      ['sent', 'sent'],
    );
    expect((await say(adapter, message('chase now', OWNER))).join()).toMatch(/Only service managers/);
    await w.drop();
  });

  it('record: a service manager records an answer an owner sent by email; bad input says what to fix and saves nothing', async () => {
    const { w, adapter, services } = await setUp('2016-07-04T10:00:00Z');
    await tick(services, '2016-07-01T08:00:00Z', w.lease);
    const message = (text: string, who = SM) =>
      ({ type: 'message', text, from: from(who), conversation }) as Partial<Activity>;
    const activity = w.plan.activities.find((a) => a.owner === OWNER.upn)!;
    expect(
      (await say(adapter, message(`record ${activity.id} amber: Two sessions moved to August`))).join(),
    ).toMatch(new RegExp(`amber, recorded for ${OWNER.upn} from their email`));
    expect((await w.returns.get('2016-17-Q1', `a:${activity.id}`))?.value).toMatchObject({
      rag: 'amber',
      commentary: 'Two sessions moved to August',
      submittedBy: SM.upn,
    });
    expect((await say(adapter, message('record LRA01 212: From the branch return'))).join()).toMatch(
      /recorded for/,
    );
    expect((await w.returns.get('2016-17-Q1', 'm:LRA01'))?.value).toMatchObject({ value: 212 });
    for (const [text, why] of [
      ['record NOPE-1 red: x', /There is no item "NOPE-1"/],
      [`record ${activity.id} 42: x`, /is an activity: give red, amber or green/],
      ['record LRA01 green: x', /is a KPI: give its value as a number/],
      ['record', /Write it as: record LRA-1\.1\.01 amber/],
    ] as const) {
      const before = (await w.returns.list('2016-17-Q1')).length;
      expect((await say(adapter, message(text))).join()).toMatch(why);
      expect((await w.returns.list('2016-17-Q1')).length).toBe(before);
    }
    expect((await say(adapter, message(`record ${activity.id} red: x`, OWNER))).join()).toMatch(
      /Only service managers can record answers sent by email/,
    );
    expect((await w.returns.get('2016-17-Q1', `a:${activity.id}`))?.value).toMatchObject({ rag: 'amber' });
    await w.drop();
  });
});
