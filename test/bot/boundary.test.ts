/**
 * The one error boundary of commands and card verbs: an expected error is explained; an unexpected one is
 * answered with an apology and a short reference, and logged once with that reference (never a stack in
 * the chat, never a silent turn).
 */
import { Writable } from 'node:stream';
import pino from 'pino';
import { TestAdapter, type Activity } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import { createBot } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { loadConfig } from '../../src/config';
import { cardText } from '../support/adaptive-cards';
import { world } from '../support/world';

const NOW = '2016-07-04T09:00:00Z';
const OWNER = { upn: 'area-ops.maidstone@example.org', aad: 'aad-maidstone' };
const conversation = { id: 'a:conv', conversationType: 'personal', tenantId: 'tenant-1' };
const from = { id: `29:${OWNER.aad}`, name: OWNER.upn, aadObjectId: OWNER.aad };

async function setUp() {
  const w = await world({ installAll: true });
  await w.people.upsert(OWNER.upn, { aadObjectId: OWNER.aad }, NOW);
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const services: BotDeps = {
    ...w.deps,
    space: w.space,
    config: loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true' }),
    log: pino({ level: 'error' }, sink),
    clock: () => NOW,
  };
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
  });
  const bot = createBot(services, adapter as unknown as TeamsAdapter);
  return { w, adapter, lines };
}

async function replies(adapter: TestAdapter, activity: Partial<Activity>): Promise<string[]> {
  adapter.activeQueue.splice(0);
  await adapter.processActivity({ from, conversation, ...activity } as Partial<Activity>);
  return adapter.activeQueue.map((a) =>
    cardText(
      a.type === 'invokeResponse'
        ? (a.value as { body: { value: Record<string, unknown> } }).body.value
        : a.attachments?.[0]?.content,
    ),
  );
}

describe('error boundary', () => {
  it('a command that fails unexpectedly: an apology with a reference, and one log line carrying it', async () => {
    const { w, adapter, lines } = await setUp();
    jest.spyOn(w.cycles, 'current').mockRejectedValue(new Error('disk on fire'));
    const [text = ''] = await replies(adapter, { type: 'message', text: 'status' });
    const reference = /reference ([0-9a-f]{8})/.exec(text)?.[1];
    expect(text).toMatch(/Something went wrong[\s\S]*nothing was saved/);
    expect(text).not.toMatch(/disk on fire/);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'unexpected error', reference, command: 'status' });
  });

  it('a card verb that fails unexpectedly: the same, in the invoke response', async () => {
    const { w, adapter, lines } = await setUp();
    jest.spyOn(w.cycles, 'get').mockRejectedValue(new Error('disk on fire'));
    const data = { cycle: '2016-17-Q1', item: 'a:LRA-1.1.03', items: 'a:LRA-1.1.03' };
    const [text = ''] = await replies(adapter, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'amendReturn', data } },
    });
    expect(text).toMatch(/Something went wrong/);
    expect(lines[0]).toMatchObject({
      verb: 'amendReturn',
      reference: /reference ([0-9a-f]{8})/.exec(text)?.[1],
    });
  });

  it('an expected refusal is explained, with no reference and nothing logged', async () => {
    const { adapter, lines } = await setUp();
    const [text = ''] = await replies(adapter, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: {
        action: { type: 'Action.Execute', verb: 'approveDigest', data: { cycle: '2016-17-Q1', outcome: 1 } },
      },
    });
    expect(text).toMatch(/Only service managers can approve the digest/);
    expect(text).not.toMatch(/reference/);
    expect(lines).toEqual([]);
  });

  it('damaged card data is told to get a fresh card', async () => {
    const { adapter } = await setUp();
    const [text = ''] = await replies(adapter, {
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'submitReturn', data: { cycle: 'not a quarter' } } },
    });
    expect(text).toMatch(/out of date or damaged/);
  });
});
