/**
 * The email fallback through Microsoft Graph (EMAIL_FALLBACK_FROM): `POST /users/{from}/sendMail` (202),
 * saved to the mailbox's Sent Items. Permissions (src/teams/graph-permissions.ts): Mail.Send and Mail.ReadBasic.All (Exchange RBAC for Applications,
 * scoped to the one mailbox) and User.Read.All (docs/administration.md, "Reach every owner"). Paced to Exchange
 * Online's 30 messages a minute per mailbox (EMAIL_PER_MINUTE); Retry-After honoured; temporary faults
 * and a token failure are left for the next run; a missing permission or mailbox fails with the fix.
 * After a crash mid-send, Sent Items is searched for the email's reference before it is sent again.
 */
import type { Email, EmailFallback, Mailer, MailResult } from '../app/ports';
import type { Config } from '../config';
import { html } from '../shared/escape';
import { graphTokenProvider, type GraphToken } from './delivery-check';
import { graphRequest, type GraphAnswer } from './graph-request';
import { DEFAULT_RETRY_POLICY, isTemporary } from './retry-policy';

const TRIES = 3;
const MAX_WAIT_MS = 10_000;

export const FIX_MAIL_PERMISSION =
  'Mail.Send permission missing, or the mailbox is outside its scope: grant the app "Application Mail.Send" for the mailbox with RBAC for Applications in Exchange Online (docs/administration.md, "Reach every owner")';

export const FIX_MAIL_READ_PERMISSION =
  'Mail.ReadBasic.All permission missing, or the mailbox is outside its scope (an email whose answer was lost is looked for in Sent Items before it is sent again): grant the app "Application Mail.ReadBasic" for the mailbox with RBAC for Applications in Exchange Online (docs/administration.md, "Reach every owner")';

export const FIX_USER_READ_PERMISSION =
  'User.Read.All permission missing (the email fallback checks each address is a colleague in your directory): grant it with admin consent (docs/deployment.md)';

/** The email as HTML: paragraphs, bullet lines as a list, the link as a button-like anchor. */
export function emailHtml(email: Email): string {
  const parts: string[] = [];
  let list: string[] = [];
  const flush = () => {
    if (list.length) parts.push(`<ul>${list.map((l) => `<li>${html(l)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of email.lines) {
    if (/^\s*•\s/.test(line)) list.push(line.replace(/^\s*•\s/, ''));
    else {
      flush();
      parts.push(`<p>${html(line)}</p>`);
    }
  }
  flush();
  parts.push(
    `<p><a href="${html(email.link.url)}" style="font-weight:bold">${html(email.link.text)}</a></p>`,
    ...email.after.map((line) => `<p>${html(line)}</p>`),
    `<p style="color:#605e5c;font-size:small">Reference ${html(email.ref)}. Sent by RAG Chaser.</p>`,
  );
  return parts.join('\n');
}

/** Why an address may not be emailed, or undefined when it is a member of the organisation. */
type RecipientCheck = { readonly ok: true } | { readonly ok: false; readonly result: MailResult };

export class GraphMailer implements Mailer {
  private next = 0;
  /** Addresses found to be members (the directory changes rarely; a process lives a day at most). */
  private readonly members = new Set<string>();

  constructor(
    private readonly endpoint: string,
    private readonly from: string,
    private readonly token: GraphToken,
    private readonly perMinute = 30,
    private readonly sleep: (ms: number) => Promise<void> = (ms) =>
      new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  private request(method: 'GET' | 'POST', path: string, body?: unknown): Promise<GraphAnswer> {
    return graphRequest(this.endpoint, this.token, method, path, body);
  }

  /** Was the email (its reference) sent already? Sent Items, searched; undefined when Graph cannot say. */
  private async inSentItems(ref: string): Promise<boolean | 'denied' | undefined> {
    const search = encodeURIComponent(`"${ref}"`);
    const answer = await this.request(
      'GET',
      `/users/${encodeURIComponent(this.from)}/mailFolders/sentitems/messages?$search=${search}&$select=subject&$top=5`,
    );
    if (answer.status === 403 || answer.status === 401) return 'denied';
    if (answer.status !== 200) return undefined;
    const value = (answer.body as { value?: { subject?: string }[] } | undefined)?.value ?? [];
    return value.some((m) => m.subject?.includes(ref));
  }

  /**
   * Only members of the organisation's directory are emailed: a hand-over to an outside or guest address
   * must not make the council's mailbox write to it. Looked up by UPN, then by mail (Graph's own
   * `GET /users/{upn}` and `$filter=mail eq`; User.Read.All).
   */
  private async checkRecipient(to: string): Promise<RecipientCheck> {
    const key = to.toLowerCase();
    if (this.members.has(key)) return { ok: true };
    const select = '$select=id,userType';
    let answer = await this.request('GET', `/users/${encodeURIComponent(to)}?${select}`);
    let user = answer.body as { userType?: string } | undefined;
    if (answer.status === 404) {
      const filter = encodeURIComponent(`mail eq '${to.replace(/'/g, "''")}'`);
      answer = await this.request('GET', `/users?$filter=${filter}&${select}`);
      user = (answer.body as { value?: { userType?: string }[] } | undefined)?.value?.[0];
      if (answer.status === 200 && !user)
        return {
          ok: false,
          result: {
            outcome: 'failed',
            error: `${to} is not in your organisation's directory: the email fallback writes only to colleagues (hand the item to one)`,
          },
        };
    }
    if (answer.code.startsWith('token'))
      return {
        ok: false,
        result: { outcome: 'retry-later', error: `no Graph token (${answer.code.slice(7)})` },
      };
    if (answer.status === 403 || answer.status === 401)
      return { ok: false, result: { outcome: 'failed', error: FIX_USER_READ_PERMISSION } };
    if (answer.status !== 200)
      return {
        ok: false,
        result: { outcome: 'retry-later', error: `the directory answered ${answer.status || answer.code}` },
      };
    if (user?.userType === 'Guest')
      return {
        ok: false,
        result: {
          outcome: 'failed',
          error: `${to} is a guest account: the email fallback writes only to members of your organisation`,
        },
      };
    this.members.add(key);
    return { ok: true };
  }

  /** Waits for this mailbox's next slot: at most `perMinute` a minute, evenly spaced. */
  private async pace(): Promise<void> {
    const now = Date.now();
    const at = Math.max(now, this.next);
    this.next = at + 60_000 / this.perMinute;
    if (at > now) await this.sleep(at - now);
  }

  async send(email: Email, options: { mayAlreadyBeSentSince?: string } = {}): Promise<MailResult> {
    const recipient = await this.checkRecipient(email.to);
    if (!recipient.ok) return recipient.result;
    if (options.mayAlreadyBeSentSince) {
      const found = await this.inSentItems(email.ref);
      if (found === 'denied') return { outcome: 'failed', error: FIX_MAIL_READ_PERMISSION };
      if (found) return { outcome: 'sent', foundInSentItems: true };
      if (found === undefined)
        return { outcome: 'retry-later', error: 'may have been sent: Sent Items could not be searched' };
    }
    const message = {
      message: {
        subject: email.subject,
        body: { contentType: 'HTML', content: emailHtml(email) },
        toRecipients: [{ emailAddress: { address: email.to } }],
        replyTo: email.replyTo.map((address) => ({ emailAddress: { address } })),
      },
      saveToSentItems: true,
    };
    for (let attempt = 1; ; attempt += 1) {
      await this.pace();
      const answer = await this.request('POST', `/users/${encodeURIComponent(this.from)}/sendMail`, message);
      if (answer.status === 202 || answer.status === 200) return { outcome: 'sent' };
      if (answer.code.startsWith('token'))
        return {
          outcome: 'retry-later',
          error: `no Graph token (${answer.code.slice(7)}): check the bot's identity`,
        };
      if (answer.status === 403 || answer.status === 401)
        return { outcome: 'failed', error: FIX_MAIL_PERMISSION };
      if (answer.status === 404)
        return {
          outcome: 'failed',
          error: `the mailbox ${this.from} was not found: check EMAIL_FALLBACK_FROM`,
        };
      if (answer.status === 400)
        return {
          outcome: 'failed',
          error: `Graph refused the email (${answer.code || 'bad request'}): check the address`,
        };
      const temporary =
        answer.status === 0 || answer.status === 429 || isTemporary(DEFAULT_RETRY_POLICY, answer.status);
      const error = `Graph answered ${answer.status || answer.code}${answer.code && answer.status ? ` ${answer.code}` : ''}`;
      if (!temporary) return { outcome: 'failed', error };
      // Only a 429 surely sent nothing: after a 5xx or no answer, the next run looks in Sent Items first.
      if (answer.status !== 429 || attempt >= TRIES) return { outcome: 'retry-later', error };
      const wait = Math.min(answer.retryAfterMs ?? 500 * 2 ** attempt, MAX_WAIT_MS);
      this.next = Math.max(this.next, Date.now() + wait);
      await this.sleep(wait);
    }
  }
}

/** One mailer per configuration: its pacing is the mailbox's, shared by every service. */
const fallbacks = new WeakMap<Config, EmailFallback>();

export function createEmailFallback(config: Config): EmailFallback | undefined {
  const e = config.emailFallback;
  if (e.kind !== 'graph') return undefined;
  const made = fallbacks.get(config);
  if (made) return made;
  const fallback: EmailFallback = {
    mailer: new GraphMailer(e.endpoint, e.from, graphTokenProvider(config, e.endpoint), e.perMinute),
    afterMinutes: e.afterMinutes,
    from: e.from,
    perDay: e.perDay,
    chatLink: `https://teams.microsoft.com/l/chat/0/0?users=28:${config.bot.appId || '00000000-0000-0000-0000-000000000000'}`,
  };
  fallbacks.set(config, fallback);
  return fallback;
}
