/**
 * Installs the app for a person through Microsoft Graph (PROACTIVE_INSTALL=graph), the way Microsoft's
 * company-communicator template reaches people at scale: find them (`/users/{upn}`, else by `mail`),
 * `POST /users/{id}/teamwork/installedApps` (409 = installed already), find the installation and its
 * 1:1 chat (`.../installedApps/{id}/chat`), and return the chat as a conversation reference the messenger
 * sends to. Permission: TeamsAppInstallation.ReadWriteSelfForUser.All (application, admin consent).
 * Throttling and faults follow the send policy: Retry-After honoured, temporary faults retried, then left
 * for the next run.
 */
import type { Installer, InstallResult } from '../app/ports';
import { graphTokenProvider, type GraphToken } from './delivery-check';
import { graphRequest } from './graph-request';
import { DEFAULT_RETRY_POLICY, isTemporary } from './retry-policy';
import type { Config } from '../config';

const TRIES = 3;
const MAX_WAIT_MS = 10_000;

class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly retryAfterMs?: number,
  ) {
    super(`Graph answered ${status}${code ? ` ${code}` : ''}`);
  }
}

const FIX_PERMISSION =
  'permission missing: grant the bot User.Read.All (to look owners up) and TeamsAppInstallation.ReadWriteSelfForUser.All (to install) with admin consent (docs/administration.md, "Reach every owner")';

export class GraphInstaller implements Installer {
  constructor(
    private readonly endpoint: string,
    private readonly catalogAppId: string,
    private readonly tenantId: string,
    private readonly serviceUrl: string,
    private readonly botId: string,
    private readonly token: GraphToken,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const answer = await graphRequest(this.endpoint, this.token, method, path, body);
      if (answer.status >= 200 && answer.status < 300) return answer.body as T | undefined;
      const { status, code, retryAfterMs } = answer;
      if (code.startsWith('token')) throw new GraphError(0, code);
      if ((status === 0 || status === 429 || isTemporary(DEFAULT_RETRY_POLICY, status)) && attempt < TRIES) {
        await this.sleep(Math.min(retryAfterMs ?? 500 * 2 ** attempt, MAX_WAIT_MS));
        continue;
      }
      throw new GraphError(status, code || (status ? '' : 'no answer'), retryAfterMs);
    }
  }

  private async userId(upn: string): Promise<string | undefined> {
    try {
      return (await this.call<{ id: string }>('GET', `/users/${encodeURIComponent(upn)}?$select=id`))?.id;
    } catch (error) {
      if (!(error instanceof GraphError) || error.status !== 404) throw error;
    }
    // A person whose UPN differs from the address in the plan is found by their primary email address.
    const byMail = await this.call<{ value: { id: string }[] }>(
      'GET',
      `/users?$filter=${encodeURIComponent(`mail eq '${upn.replace(/'/g, "''")}'`)}&$select=id`,
    );
    return byMail?.value[0]?.id;
  }

  async install(upn: string): Promise<InstallResult> {
    try {
      const id = await this.userId(upn);
      if (!id)
        return {
          outcome: 'unreachable',
          code: 'not-in-directory',
          reason: 'not in the directory: check the owner address in the plan',
        };
      let already = false;
      try {
        await this.call('POST', `/users/${id}/teamwork/installedApps`, {
          'teamsApp@odata.bind': `${this.endpoint}/v1.0/appCatalogs/teamsApps/${this.catalogAppId}`,
        });
      } catch (error) {
        if (!(error instanceof GraphError) || error.status !== 409) throw error;
        already = true;
      }
      const installs = await this.call<{ value: { id: string }[] }>(
        'GET',
        `/users/${id}/teamwork/installedApps?$expand=teamsApp&$filter=${encodeURIComponent(`teamsApp/id eq '${this.catalogAppId}'`)}`,
      );
      const installation = installs?.value[0]?.id;
      if (!installation)
        return { outcome: 'retry-later', error: 'installed, but the installation is not listed yet' };
      const chat = await this.call<{ id: string }>(
        'GET',
        `/users/${id}/teamwork/installedApps/${encodeURIComponent(installation)}/chat`,
      );
      if (!chat?.id) return { outcome: 'retry-later', error: 'installed, but its chat is not there yet' };
      const conversation = JSON.stringify({
        conversation: { id: chat.id, conversationType: 'personal', tenantId: this.tenantId },
        serviceUrl: this.serviceUrl,
        user: { id: '', aadObjectId: id },
        bot: { id: `28:${this.botId}` },
        channelId: 'msteams',
      });
      return { outcome: 'installed', conversation, already, aadObjectId: id };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      if (error.status === 403)
        return /license|licence/i.test(error.code)
          ? {
              outcome: 'unreachable',
              code: 'no-licence',
              reason: 'licence without Teams: ask IT for a Teams licence, or reach them by email',
            }
          : { outcome: 'unreachable', code: 'not-permitted', reason: FIX_PERMISSION };
      if (error.status === 404)
        return {
          outcome: 'unreachable',
          code: 'not-permitted',
          reason: "the app is not in your organisation's catalogue: check TEAMS_CATALOG_APP_ID",
        };
      if (error.status === 0 && error.code.startsWith('token'))
        return {
          outcome: 'unreachable',
          code: 'not-permitted',
          reason: `no Graph token (${error.code.slice(7, 100)}): check the bot's identity`,
        };
      return { outcome: 'retry-later', error: error.message };
    }
  }
}

export function createInstaller(config: Config): Installer | undefined {
  const p = config.proactiveInstall;
  if (p.kind !== 'graph') return undefined;
  return new GraphInstaller(
    p.endpoint,
    p.catalogAppId,
    config.bot.tenantId,
    p.serviceUrl,
    config.bot.appId,
    graphTokenProvider(config, p.endpoint),
  );
}
