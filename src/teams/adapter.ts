/** The Bot Framework adapter, built from config (empty app id = local mode, no inbound auth). */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Config } from '../config';

export function createAdapter(config: Config): TeamsAdapter {
  return new TeamsAdapter({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
}
