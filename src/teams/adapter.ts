/** The Bot Framework adapter, built from config (empty app id = local mode, no inbound auth). */
import { TeamsAdapter } from '@microsoft/teams-ai';
import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { Config } from '../config';

function authOptions(config: Config) {
  return {
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  };
}

export function createAdapter(config: Config): TeamsAdapter {
  return new TeamsAdapter(authOptions(config));
}

/**
 * Checks an inbound request's Bot Framework JWT before the adapter sees it. Anything that cannot be
 * verified (no token, bad signature, or signing keys unreachable) is refused: the adapter itself would
 * answer a key-fetch failure with 500.
 */
export function createInboundAuthenticator(
  config: Config,
): (activity: Partial<Activity>, authHeader: string) => Promise<boolean> {
  if (config.localMode) return () => Promise.resolve(true);
  const auth = new ConfigurationBotFrameworkAuthentication(authOptions(config));
  return async (activity, authHeader) => {
    if (!/^Bearer\s+\S+\.\S+\.\S+$/i.test(authHeader)) return false;
    try {
      await auth.authenticateRequest(activity as Activity, authHeader);
      return true;
    } catch {
      return false;
    }
  };
}
