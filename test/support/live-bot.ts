/**
 * The real server in this process (express + teams-ai + Azurite tables under a fresh prefix), the sample
 * plan loaded and 2016/17 Q1 open, with a connector stub on 127.0.0.1 receiving what the bot sends.
 * For tests that send many activities over HTTP (hardening, fuzz), where a child process per test is slow.
 */
import { manager } from './actors';
import { readImportFile } from '../../src/files/read-table';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { importPlan } from '../../src/app/plan/import-plan';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { parseQuarter } from '../../src/domain/quarter';
import { startServer, type RunningServer } from '../../src/server';
import { ConnectorStub, type StubUser } from './connector-stub';
import { sampleFile } from './samples';
import { personalConversation, TeamsClient } from './teams-client';
import { testConnectionString, uniquePrefix } from './tables';

export const stubUser = (upn: string, n: number): StubUser => ({
  id: `29:user-${n}`,
  name: upn,
  aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  upn,
});

export const OWNER = stubUser('area-ops.gravesham@example.org', 1);
export const KPI_OWNER = stubUser('registration@example.org', 2);
export const MANAGER = stubUser('service-manager@example.org', 3);
export const STRANGER = stubUser('stranger@example.org', 4);

export interface LiveBot {
  readonly server: RunningServer;
  readonly stub: ConnectorStub;
  readonly teams: TeamsClient;
  readonly prefix: string;
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startLiveBot(extraEnv: Record<string, string> = {}): Promise<LiveBot> {
  const stub = new ConnectorStub();
  await stub.start();
  for (const u of [OWNER, KPI_OWNER, MANAGER, STRANGER]) stub.addUser(u);
  const prefix = uniquePrefix();
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: prefix,
    SERVICE_MANAGERS: MANAGER.upn,
    SCHEDULER_ENABLED: 'false',
    PORT: '0',
    LOG_LEVEL: 'silent',
    ...extraEnv,
  };
  const server = await startServer(loadConfig(env), createLogger('silent'));
  const { services } = server;
  await importPlan(services.plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: new Date().toISOString(),
  });
  await openCycle(services, {
    quarter: parseQuarter('2016/17-Q1'),
    clock: () => new Date().toISOString(),
    actor: manager('test'),
    lease: { leases: services.leases },
  });
  const teams = new TeamsClient(server.url, stub.url);
  return {
    server,
    stub,
    teams,
    prefix,
    env,
    stop: async () => {
      await server.stop();
      await stub.stop();
    },
  };
}

/** The smallest well-formed activity from OWNER in their 1:1 chat; tests add or break fields. */
export function minimalActivity(bot: LiveBot, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    type: 'message',
    text: 'help',
    channelId: 'msteams',
    serviceUrl: bot.stub.url,
    from: { id: OWNER.id, aadObjectId: OWNER.aadObjectId },
    recipient: { id: '28:bot' },
    conversation: { id: personalConversation(OWNER), conversationType: 'personal' },
    ...fields,
  };
}

type Card = Record<string, unknown>;

/** The card in an invoke response body. */
export const invokeCard = (body: unknown): Card => (body as { value: Card }).value;

/** Every `text` of the card's TextBlocks (where Markdown would be interpreted). */
export function textBlockTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') texts.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return texts;
}
