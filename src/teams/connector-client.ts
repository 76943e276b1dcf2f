/**
 * Proactive messages straight to the Bot Connector REST API (POST /v3/conversations/{id}/activities),
 * so that RAG Chaser's own retry and pacing policy applies, not the SDK pipeline's hidden retries.
 * Outbound tokens come from botbuilder's credential factory, as the adapter's own would.
 */
import { ConfigurationServiceClientCredentialFactory, type ConversationReference } from 'botbuilder';
import type { Config } from '../config';

export interface ConnectorResponse {
  readonly status: number | undefined;
  readonly activityId: string;
  readonly retryAfter: string | null;
  readonly error: string;
}

export type TokenProvider = (serviceUrl: string) => Promise<string | undefined>;

/** No token in local mode; else an AAD token for the Bot Framework audience. */
export function botTokenProvider(config: Config): TokenProvider {
  if (config.localMode) return () => Promise.resolve(undefined);
  const factory = new ConfigurationServiceClientCredentialFactory({
    MicrosoftAppId: config.bot.appId,
    MicrosoftAppPassword: config.bot.appPassword,
    MicrosoftAppType: config.bot.appType,
    MicrosoftAppTenantId: config.bot.tenantId,
  });
  const loginEndpoint =
    config.bot.tenantId && config.bot.appType !== 'MultiTenant'
      ? `https://login.microsoftonline.com/${config.bot.tenantId}`
      : 'https://login.microsoftonline.com/botframework.com';
  return async () => {
    const credentials = (await factory.createCredentials(
      config.bot.appId,
      'https://api.botframework.com',
      loginEndpoint,
      true,
    )) as { getToken?: () => Promise<string> };
    return credentials.getToken ? await credentials.getToken() : undefined;
  };
}

export class ConnectorClient {
  constructor(
    private readonly token: TokenProvider,
    private readonly timeoutMs = 30_000,
  ) {}

  async post(
    reference: Partial<ConversationReference>,
    activity: Record<string, unknown>,
  ): Promise<ConnectorResponse> {
    const serviceUrl = (reference.serviceUrl ?? '').replace(/\/+$/, '');
    const conversationId = reference.conversation?.id ?? '';
    const url = `${serviceUrl}/v3/conversations/${encodeURIComponent(conversationId)}/activities`;
    const body = {
      ...activity,
      from: reference.bot,
      recipient: reference.user,
      conversation: reference.conversation,
      channelId: reference.channelId,
      serviceUrl,
    };
    try {
      const token = await this.token(serviceUrl);
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      const text = await response.text();
      let activityId = '';
      try {
        activityId = (JSON.parse(text) as { id?: string }).id ?? '';
      } catch {
        // not JSON (error pages)
      }
      return {
        status: response.status,
        activityId,
        retryAfter: response.headers.get('retry-after'),
        error: response.ok ? '' : `${response.status} ${text.slice(0, 200)}`,
      };
    } catch (error) {
      return {
        status: undefined,
        activityId: '',
        retryAfter: null,
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      };
    }
  }

  /**
   * Whether a person is a member of the conversation's team (GET /v3/conversations/{id}/members/{user},
   * the user by Entra object id): the bot's own view of the team, so no Graph permission is needed.
   * 'unknown' when Teams could not be asked (the caller refuses rather than guesses).
   */
  async isMember(
    reference: Partial<ConversationReference>,
    userId: string,
  ): Promise<'member' | 'not-member' | 'unknown'> {
    const serviceUrl = (reference.serviceUrl ?? '').replace(/\/+$/, '');
    const conversationId = (reference.conversation?.id ?? '').split(';')[0] ?? '';
    if (!serviceUrl || !conversationId || !userId) return 'unknown';
    const url = `${serviceUrl}/v3/conversations/${encodeURIComponent(conversationId)}/members/${encodeURIComponent(userId)}`;
    try {
      const token = await this.token(serviceUrl);
      const response = await fetch(url, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
        redirect: 'error',
        signal: AbortSignal.timeout(Math.min(this.timeoutMs, 10_000)),
      });
      await response.arrayBuffer();
      if (response.ok) return 'member';
      return response.status === 404 || response.status === 403 ? 'not-member' : 'unknown';
    } catch {
      return 'unknown';
    }
  }
}
