/**
 * Asks Microsoft Graph whether a proactive card is already in a person's 1:1 chat with the bot, by the
 * delivery reference the card carries (cards/ref.ts). The Bot Connector API has no read and no idempotency
 * key, so this is the only way to tell whether a message in flight when a sender died reached Teams.
 *
 * Graph calls (application permissions, admin consent; see docs/sending.md):
 *   GET /v1.0/users/{aadObjectId}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/externalId eq '{TEAMS_APP_ID}'
 *   GET /v1.0/users/{aadObjectId}/teamwork/installedApps/{installationId}/chat   (TeamsAppInstallation.ReadForUser.All)
 *   GET /v1.0/chats/{chatId}/messages?$top=50&$orderby=createdDateTime desc      (Chat.Read.All)
 * Any doubt (no permission, Graph down, a person without an Entra id) answers "unknown": the caller then
 * sends again, so nobody is ever skipped.
 */
import { ClientSecretCredential, ManagedIdentityCredential, type TokenCredential } from '@azure/identity';
import type { ConversationReference } from 'botbuilder';
import { z } from 'zod';
import type { Config } from '../config';

export type Seen = 'yes' | 'no' | 'unknown';

export interface DeliveryCheck {
  /** Whether a card carrying `ref` is in the chat of `reference`, looking back to `since` (ISO). */
  seen(reference: Partial<ConversationReference>, ref: string, since: string): Promise<Seen>;
}

export type GraphToken = () => Promise<string | undefined>;

const page = z.object({
  value: z.array(
    z
      .object({
        createdDateTime: z.string().nullish(),
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

  async seen(reference: Partial<ConversationReference>, ref: string, since: string): Promise<Seen> {
    const user = reference.user?.aadObjectId;
    if (reference.conversation?.conversationType !== 'personal') return 'unknown';
    if (!user) return this.problem('a stored conversation has no Entra object id');
    try {
      const chatId = await this.chatOf(user);
      if (!chatId)
        return this.problem(
          `Graph lists no installation of the app ${this.teamsAppId} for a person (check TEAMS_APP_ID)`,
        );
      const from = Date.parse(since) - SKEW_MS;
      let url: string | undefined =
        `${this.endpoint}/v1.0/chats/${encodeURIComponent(chatId)}/messages` +
        `?$top=50&$orderby=${encodeURIComponent('createdDateTime desc')}`;
      for (let pages = 0; url && pages < MAX_PAGES; pages++) {
        const { value, '@odata.nextLink': next } = page.parse(await this.get(url));
        for (const m of value) {
          if (!m.from?.application) continue;
          const texts = [m.body?.content ?? '', ...(m.attachments ?? []).map((a) => a.content ?? '')];
          if (texts.some((t) => t.includes(ref))) return 'yes';
        }
        const oldest = Math.min(...value.map((m) => Date.parse(m.createdDateTime ?? '') || Infinity));
        if (value.length === 0 || oldest < from) return 'no';
        url = next;
      }
      return url ? this.problem(`the chat has more than ${MAX_PAGES * 50} newer messages`) : 'no';
    } catch (error) {
      return this.problem(error instanceof Error ? error.message : String(error));
    }
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
    const token = await this.token();
    const response = await fetch(url, {
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) {
      const hint =
        response.status === 401 || response.status === 403
          ? ' (grant TeamsAppInstallation.ReadForUser.All and Chat.Read.All, see docs/sending.md)'
          : '';
      throw new Error(`Graph answered ${response.status}${hint}`);
    }
    return response.json();
  }
}

/** An app-only Graph token with the bot's own identity (none in local mode). */
export function graphTokenProvider(config: Config, endpoint: string): GraphToken {
  if (config.localMode) return () => Promise.resolve(undefined);
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
