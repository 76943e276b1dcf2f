/**
 * Asks Microsoft Graph whether a proactive card is already in a person's 1:1 chat with the bot (or among
 * the SMT channel's posts), by the delivery reference the card carries (shared/card-ref.ts). The Bot Connector
 * API has no read and no idempotency key, so this is the only way to tell whether a message in flight when
 * a sender died reached Teams.
 *
 * Graph calls (application permissions, admin consent; see docs/sending.md):
 *   GET /v1.0/users/{aadObjectId}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '{TEAMS_APP_ID}'
 *   GET /v1.0/users/{aadObjectId}/teamwork/installedApps/{installationId}/chat   (TeamsAppInstallation.ReadSelfForUser.All)
 *   GET /v1.0/chats/{chatId}/messages?$top=50&$orderby=createdDateTime desc      (Chat.Read.All)
 *   GET /v1.0/teams/{teamId}/channels/{channelId}/messages?$top=50                 (ChannelMessage.Read.All)
 * Any doubt (no permission, Graph down, a person without an Entra id) answers "unknown": the caller then
 * sends again, so nobody is ever skipped.
 */
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Config } from '../config';
import type { GraphToken } from './graph-request';
import { assertListed, grantedPermissions, type GraphFeature } from './graph-permissions';

export type Seen = 'yes' | 'no' | 'unknown';

/** A stored conversation reference; the SMT channel's also names its team (Microsoft 365 group id). */
export type StoredReference = Partial<ConversationReference> & { readonly teamAadGroupId?: string };

export interface DeliveryCheck {
  /** Whether a card carrying `ref` is in the conversation of `reference`, looking back to `since` (ISO). */
  seen(reference: StoredReference, ref: string, since: string): Promise<Seen>;
}

export type { GraphToken };

const page = z.object({
  value: z.array(
    z
      .object({
        createdDateTime: z.string().nullish(),
        lastModifiedDateTime: z.string().nullish(),
        from: z.object({ application: z.object({ id: z.string() }).nullish() }).nullish(),
        body: z.object({ content: z.string().nullish() }).nullish(),
        attachments: z.array(z.object({ content: z.string().nullish() })).nullish(),
      })
      .passthrough(),
  ),
  '@odata.nextLink': z.string().optional(),
});
const installations = z.object({ value: z.array(z.object({ id: z.string() })) });
const chat = z.object({ id: z.string() });

/** How far before `since` a message may be stamped (clocks of Teams and of our instances differ). */
const SKEW_MS = 10 * 60_000;
const MAX_PAGES = 20;

/** Told once per distinct problem, so an admin learns the check is not working (e.g. permission missing). */
export type ProblemSink = (problem: string) => void;

export class GraphDeliveryCheck implements DeliveryCheck {
  private readonly chats = new Map<string, string>();
  private readonly told = new Set<string>();

  constructor(
    private readonly endpoint: string,
    private readonly teamsAppId: string,
    private readonly token: GraphToken,
    private readonly onProblem: ProblemSink = () => undefined,
    private readonly timeoutMs = 15_000,
  ) {}

  private problem(text: string): Seen {
    if (!this.told.has(text)) {
      this.told.add(text);
      this.onProblem(`Delivery check: ${text}; messages that may have gone out are sent again.`);
    }
    return 'unknown';
  }

  async seen(reference: StoredReference, ref: string, since: string): Promise<Seen> {
    try {
      const where = await this.messagesUrl(reference);
      return 'url' in where ? await this.scan(where.url, ref, Date.parse(since) - SKEW_MS) : where.seen;
    } catch (error) {
      return this.problem(error instanceof Error ? error.message : String(error));
    }
  }

  /** Where the conversation's messages are listed in Graph: the 1:1 chat, or the channel's posts. */
  private async messagesUrl(reference: StoredReference): Promise<{ url: string } | { seen: Seen }> {
    const conversation = reference.conversation;
    if (conversation?.conversationType === 'channel') {
      if (!reference.teamAadGroupId)
        return {
          seen: this.problem('the SMT channel was registered without its team id (register it again)'),
        };
      const channel = conversation.id.split(';')[0] ?? conversation.id;
      return {
        url:
          `${this.endpoint}/v1.0/teams/${encodeURIComponent(reference.teamAadGroupId)}` +
          `/channels/${encodeURIComponent(channel)}/messages?$top=50`,
      };
    }
    if (conversation?.conversationType !== 'personal') return { seen: 'unknown' };
    const user = reference.user?.aadObjectId;
    if (!user) return { seen: this.problem('a stored conversation has no Entra object id') };
    const chatId = await this.chatOf(user);
    if (!chatId)
      return {
        seen: this.problem(
          `Graph lists no installation of the app ${this.teamsAppId} for a person (check TEAMS_APP_ID)`,
        ),
      };
    return {
      url:
        `${this.endpoint}/v1.0/chats/${encodeURIComponent(chatId)}/messages` +
        `?$top=50&$orderby=${encodeURIComponent('createdDateTime desc')}`,
    };
  }

  /**
   * Reads pages newest first until the card is found or a page reaches back before `from`. A message's
   * last change is never before its creation, so a page holding one changed before `from` ends the search
   * whether Graph orders by creation (chats) or by last change (channel posts).
   */
  private async scan(first: string, ref: string, from: number): Promise<Seen> {
    let url: string | undefined = first;
    for (let pages = 0; url && pages < MAX_PAGES; pages++) {
      const { value, '@odata.nextLink': next } = page.parse(await this.get(url));
      for (const m of value) {
        if (!m.from?.application) continue;
        const texts = [m.body?.content ?? '', ...(m.attachments ?? []).map((a) => a.content ?? '')];
        if (texts.some((t) => t.includes(ref))) return 'yes';
      }
      const stamps = value.map((m) => Date.parse(m.lastModifiedDateTime ?? m.createdDateTime ?? ''));
      if (value.length === 0 || stamps.some((t) => t < from)) return 'no';
      url = next;
    }
    return url ? this.problem(`the conversation has more than ${MAX_PAGES * 50} newer messages`) : 'no';
  }

  private async chatOf(user: string): Promise<string | undefined> {
    const cached = this.chats.get(user);
    if (cached) return cached;
    const base = `${this.endpoint}/v1.0/users/${encodeURIComponent(user)}/teamwork/installedApps`;
    const filter = encodeURIComponent(`teamsApp/externalId eq '${this.teamsAppId}'`);
    const found = installations.parse(await this.get(`${base}?$expand=teamsApp&$filter=${filter}`));
    const installation = found.value[0]?.id;
    if (!installation) return undefined;
    const { id } = chat.parse(await this.get(`${base}/${encodeURIComponent(installation)}/chat`));
    this.chats.set(user, id);
    return id;
  }

  private async get(url: string): Promise<unknown> {
    assertListed('GET', new URL(url).pathname.replace(/^\/v1\.0/, ''));
    const token = await this.token();
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ` (grant ${grantedPermissions(['deliveryCheck']).join(', ')}, see docs/administration.md)`
          : '';
      throw new Error(`Graph answered ${response.status}${hint}`);
    }
    return response.json();
  }
}

/** The Graph features a configuration turns on. */
export function graphFeatures(config: Config): GraphFeature[] {
  return [
    ...(config.proactiveInstall.kind === 'graph' ? (['proactiveInstall'] as const) : []),
    ...(config.deliveryCheck.kind === 'graph' ? (['deliveryCheck'] as const) : []),
    ...(config.emailFallback.kind === 'graph' ? (['emailFallback'] as const) : []),
  ];
}

/**
 * In local mode the Graph stand-ins stand in for Entra too: an unsigned token carrying, as `roles`, exactly
 * the application permissions a deployment grants for the features turned on (what Entra would issue).
 */
export function localGraphToken(features: readonly GraphFeature[]): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'none', typ: 'JWT' })}.${part({ aud: 'https://graph.microsoft.com', roles: grantedPermissions(features) })}.`;
}

/** An app-only Graph token with the bot's own identity (a local one in local mode). */
export function graphTokenProvider(config: Config, endpoint: string): GraphToken {
  if (config.localMode) {
    const token = localGraphToken(graphFeatures(config));
    return () => Promise.resolve(token);
  }
  const credential: TokenCredential =
    config.bot.appType === 'UserAssignedMSI'
      ? new ManagedIdentityCredential({ clientId: config.bot.appId })
      : new ClientSecretCredential(config.bot.tenantId, config.bot.appId, config.bot.appPassword);
  return async () => (await credential.getToken(`${endpoint}/.default`))?.token;
}

/** The check configured by DELIVERY_CHECK, or none. */
export function createDeliveryCheck(config: Config, onProblem?: ProblemSink): DeliveryCheck | undefined {
  const check = config.deliveryCheck;
  if (check.kind !== 'graph') return undefined;
  const token = graphTokenProvider(config, check.endpoint);
  return new GraphDeliveryCheck(check.endpoint, check.teamsAppId, token, onProblem);
}
