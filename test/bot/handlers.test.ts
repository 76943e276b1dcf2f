/** Bot handlers through botbuilder's TestAdapter, with repositories on Azurite. */
import { manager } from '../support/actors';
import { TestAdapter, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBot } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { tenantAllowed } from '../../src/bot/identity';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { parseQuarter } from '../../src/domain/quarter';
import { cardText } from '../support/adaptive-cards';
import { world } from '../support/world';

const NOW = '2016-07-04T09:00:00Z';
const OWNER = { upn: 'area-ops.maidstone@example.org', aad: 'aad-maidstone' };
const COLLEAGUE = { upn: 'area-ops.swale@example.org', aad: 'aad-swale' };

async function setUp(configEnv: Record<string, string> = {}) {
  const w = await world({ installAll: true });
  await w.people.upsert(OWNER.upn, { aadObjectId: OWNER.aad }, NOW);
  await w.people.upsert(COLLEAGUE.upn, { aadObjectId: COLLEAGUE.aad }, NOW);
  const config = loadConfig({
    TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
    SERVICE_MANAGERS: 'svc@example.org',
    ...configEnv,
  });
  const services: BotDeps = {
    ...w.deps,
    space: w.space,
    config,
    log: createLogger('silent'),
    clock: () => NOW,
    serviceManagers: config.serviceManagers,
  };
  await openCycle(services, {
    quarter: parseQuarter('2016/17-Q1'),
    lease: { leases: services.leases },
    clock: () => '2016-07-01T08:00:00Z',
    actor: manager('scheduler'),
  });
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
  });
  const bot = createBot(services, adapter as unknown as TeamsAdapter);
  return { w, adapter, services };
}

const from = (who: { upn: string; aad: string }) => ({
  id: `29:${who.aad}`,
  name: who.upn,
  aadObjectId: who.aad,
});
const conversation = { id: 'a:conv', conversationType: 'personal', tenantId: 'tenant-1' };

/** The invoke Teams sends when the owner presses an Action.Execute button. */
const execute = (verb: string, data: Record<string, unknown>) =>
  ({
    type: 'invoke',
    name: 'adaptiveCard/action',
    from: from(OWNER),
    conversation,
    value: { action: { type: 'Action.Execute', verb, data } },
  }) as Partial<Activity>;

describe('bot handlers (TestAdapter)', () => {
  it('Action.Execute submitReturn answers with the receipt card in the invoke response', async () => {
    const { w, adapter } = await setUp();
    await adapter
      .send(
        execute('submitReturn', {
          cycle: '2016-17-Q1',
          item: 'a:LRA-1.1.03',
          n: '1',
          items: 'a:LRA-1.1.03',
          rag_1: 'red',
          commentary_1: 'Schools closed for the summer',
          ref: 'rc-0123456789ab',
        }),
      )
      .assertReply((activity) => {
        const body = (
          activity.value as { body: { statusCode: number; type: string; value: Record<string, unknown> } }
        ).body;
        expect(activity.type).toBe('invokeResponse');
        expect(body.statusCode).toBe(200);
        expect(body.type).toBe('application/vnd.microsoft.card.adaptive');
        expect(cardText(body.value)).toMatch(
          /✖ Red \(off track, needs attention\)[\s\S]*Schools closed for the summer/,
        );
        // The receipt replacing the card keeps its delivery reference (found in the chat after a crash).
        expect(body.value.id).toBe('rc-0123456789ab');
        expect(JSON.stringify(body.value).match(/"ref":"rc-0123456789ab"/g)?.length).toBeGreaterThan(0);
      });
    expect((await w.returns.get('2016-17-Q1', 'a:LRA-1.1.03'))?.value.rag).toBe('red');
    await w.drop();
  });

  it('amendReturn returns the card with that item pre-filled', async () => {
    const { w, adapter } = await setUp();
    await w.returns.save(
      '2016-17-Q1',
      {
        item: 'a:LRA-1.1.03',
        rag: 'green',
        commentary: 'All good',
        submittedBy: OWNER.upn,
        submittedAt: NOW,
        late: false,
        version: 1,
      },
      undefined,
      [{ viewer: OWNER.upn, large: false }],
    );
    await adapter
      .send(execute('amendReturn', { cycle: '2016-17-Q1', item: 'a:LRA-1.1.03', items: 'a:LRA-1.1.03' }))
      .assertReply((activity) => {
        const card = (activity.value as { body: { value: Record<string, unknown> } }).body.value;
        expect(JSON.stringify(card)).toMatch(/"id":"commentary_1"[^}]*"value":"All good"/);
      });
    await w.drop();
  });

  it('hand over: the colleague is sent the card, service managers are told, the owner gets a confirmation', async () => {
    const { w, adapter } = await setUp();
    await w.people.upsert('svc@example.org', { conversation: 'conv:svc@example.org', reachable: true }, NOW);
    const before = w.messenger.sent.length;
    await adapter
      .send({
        type: 'message',
        text: 'hand over LRA-1.1.03 to area-ops.swale@example.org',
        from: from(OWNER),
        conversation,
      } as Partial<Activity>)
      .assertReply((activity) => {
        expect(cardText(activity.attachments?.[0]?.content)).toMatch(
          /is now with area-ops.swale@example.org[\s\S]*They have been sent the card/,
        );
      });
    const sent = w.messenger.sent.slice(before);
    expect(sent.map((s) => s.conversation)).toEqual([
      'conv:area-ops.swale@example.org',
      'conv:svc@example.org',
    ]);
    expect(cardText(sent[0]?.message.card)).toMatch(/area-ops.maidstone@example.org handed this item to you/);
    // Both went through the outbox, recorded as sent: a crash or a second press does not send them again.
    const rows = await w.outbox.list('2016-17-Q1', 'handover|');
    expect(rows.map((r) => [r.recipient, r.kind, r.status])).toEqual([
      ['area-ops.swale@example.org', 'handover', 'sent'],
      ['svc@example.org', 'handover-notice', 'sent'],
    ]);
    expect(sent[0]?.message.ref).toMatch(/^rc-[0-9a-f]{12}$/);
    expect((await w.returns.delegations('2016-17-Q1')).get('a:LRA-1.1.03')).toMatchObject({
      to: COLLEAGUE.upn,
      by: OWNER.upn,
    });
    // The colleague can now answer it; the original owner still can too.
    await adapter
      .send({
        type: 'message',
        text: 'green LRA-1.1.03: taken over, done',
        from: from(COLLEAGUE),
        conversation,
      } as Partial<Activity>)
      .assertReply((activity) => expect(cardText(activity.attachments?.[0]?.content)).toMatch(/^Saved/));
    expect((await w.returns.get('2016-17-Q1', 'a:LRA-1.1.03'))?.value.submittedBy).toBe(COLLEAGUE.upn);
    await w.drop();
  });

  it("refuses a hand-over of someone else's item and an address that is not an email", async () => {
    const { w, adapter } = await setUp();
    await adapter
      .send({
        type: 'message',
        text: 'hand over LRA-1.1.01 to area-ops.swale@example.org',
        from: from(OWNER),
        conversation,
      } as Partial<Activity>)
      .assertReply((activity) =>
        expect(cardText(activity.attachments?.[0]?.content)).toMatch(
          /Only the item's owner, its deputy or a service manager can hand over LRA-1\.1\.01\./,
        ),
      );
    await adapter
      .send({
        type: 'message',
        text: 'hand over LRA-1.1.03 to swale',
        from: from(OWNER),
        conversation,
      } as Partial<Activity>)
      .assertReply((activity) =>
        expect(cardText(activity.attachments?.[0]?.content)).toMatch(/"swale" is not an email address/),
      );
    expect((await w.returns.delegations('2016-17-Q1')).size).toBe(0);
    await w.drop();
  });

  it('someone the bot cannot identify is told so and nothing happens', async () => {
    const { w, adapter } = await setUp();
    await adapter
      .send({
        type: 'message',
        text: 'green: done',
        from: { id: '29:stranger', name: 'x', aadObjectId: 'unknown' },
        conversation,
      } as Partial<Activity>)
      .assertReply((activity) =>
        expect(cardText(activity.attachments?.[0]?.content)).toMatch(/could not tell who you are/),
      );
    expect(await w.returns.list('2016-17-Q1')).toEqual([]);
    await w.drop();
  });
});

describe('tenant check', () => {
  const context = (tenantId: string) =>
    ({ activity: { conversation: { tenantId }, channelData: {} } }) as never;
  const services = (env: Record<string, string>) =>
    ({
      config: loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', ...env }),
    }) as BotDeps;
  it('outside local mode only the allowed tenants get in', () => {
    const s = services({ MicrosoftAppId: 'app', ALLOWED_TENANTS: 'good-tenant, other' });
    expect(tenantAllowed(s, context('good-tenant'))).toBe(true);
    expect(tenantAllowed(s, context('evil-tenant'))).toBe(false);
  });
  it('production refuses to start with an empty list; local mode skips the check', () => {
    expect(() => services({ MicrosoftAppId: 'app' })).toThrow(/ALLOWED_TENANTS is empty/);
    expect(tenantAllowed(services({ ALLOWED_TENANTS: 'good-tenant' }), context('evil-tenant'))).toBe(true);
  });
});
