/** The bot on a TestAdapter over a world's stores: the services its handlers get, and the adapter to talk to. */
import { TestAdapter } from 'botbuilder';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { AppDeps, ServiceSpace } from '../../src/app/ports';
import { createBot } from '../../src/bot/app';
import type { BotDeps } from '../../src/bot/deps';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';

export function botServices(
  w: { deps: AppDeps; space: ServiceSpace },
  now: string,
  env: Record<string, string> = {},
): BotDeps {
  const config = loadConfig({ TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true', ...env });
  return {
    ...w.deps,
    space: w.space,
    config,
    log: createLogger('silent'),
    clock: () => now,
    serviceManagers: config.serviceManagers,
  };
}

export function botOn(services: BotDeps): TestAdapter {
  const adapter = new TestAdapter(async (context) => {
    await bot.run(context);
  });
  const bot = createBot(services, adapter as unknown as TeamsAdapter);
  return adapter;
}
