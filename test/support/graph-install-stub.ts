/**
 * Microsoft Graph on 127.0.0.1 as far as a proactive install and the email fallback read and write it, in
 * Graph v1.0's shapes: `GET /users/{upn}`, `GET /users?$filter=mail eq '...'`,
 * `POST /users/{id}/teamwork/installedApps` (201, or 409 when installed already), the installation list
 * filtered by app, and its 1:1 `chat`; `POST /users/{from}/sendMail` (202, saved to Sent Items) and
 * `GET /users/{from}/mailFolders/sentitems/messages?$search="..."`.
 */
import express from 'express';
import type { Server } from 'node:http';
import { checkRoles, type AuthorisedCall } from './graph-roles';
import { closeServer, listenLocal } from './listen';

export interface DirectoryUser {
  readonly id: string;
  readonly upn: string;
  readonly mail?: string;
  /** `Member` unless said: a `Guest` is another organisation's account. */
  readonly userType?: 'Member' | 'Guest';
  /** Installed before the run: the install answers 409. */
  installed?: boolean;
  /** Every install call answers this (e.g. 403), or the first `times` of them. */
  fault?: Fault;
}

export interface SentMail {
  readonly from: string;
  readonly to: string;
  readonly subject: string;
  readonly html: string;
  readonly replyTo: string[];
}

type Fault = { status: number; code?: string; retryAfter?: string; times?: number };

/** Answers with the fault (if any is left) and counts it down; true when it answered. */
function faulted(res: express.Response, fault: Fault | undefined): boolean {
  if (!fault || (fault.times !== undefined && fault.times <= 0)) return false;
  if (fault.times !== undefined) fault.times -= 1;
  if (fault.retryAfter) res.setHeader('retry-after', fault.retryAfter);
  res.status(fault.status).json({ error: { code: fault.code ?? 'Forbidden', message: fault.code ?? '' } });
  return true;
}

export const chatOf = (id: string) => `19:${id}_bot@unq.gbl.spaces`;

export class GraphInstallStub {
  readonly users = new Map<string, DirectoryUser>();
  readonly installs: string[] = [];
  readonly calls: string[] = [];
  /** Every call with whether the token's roles allowed it (when this stub runs its own server). */
  readonly authorised: AuthorisedCall[] = [];
  /** Emails sent (and saved to Sent Items). */
  readonly mails: SentMail[] = [];
  /** Mailboxes that exist to send from. */
  readonly mailboxes = new Set<string>(['rag-chaser@example.org']);
  /** Every sendMail answers this, or the first `times` of them. */
  mailFault?: Fault;
  /** After this many more emails, one is sent without an answer (the connection drops). */
  dropAnswersAfter?: number;
  private server?: Server;
  url = '';

  add(user: DirectoryUser): void {
    this.users.set(user.id, user);
  }

  private byUpn(upn: string) {
    return [...this.users.values()].find((u) => u.upn.toLowerCase() === upn.toLowerCase());
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json());
    app.use('/v1.0', checkRoles(this.authorised));
    this.mount(app);
    ({ server: this.server, url: this.url } = await listenLocal(app));
  }

  /**
   * Adds these routes to another stand-in's app (the connector stub's, whose Graph answers the delivery
   * check): a user this stub does not know is passed on to the routes mounted after it.
   */
  mount(app: express.Express): void {
    app.use('/v1.0/users', (req, _res, next) => {
      this.calls.push(`${req.method} /v1.0/users${req.path}`);
      next();
    });
    const error = (res: express.Response, status: number, code: string) =>
      res.status(status).json({ error: { code, message: code } });
    app.get('/v1.0/users', (req, res) => {
      const mail = /mail eq '(.*)'/
        .exec(typeof req.query.$filter === 'string' ? req.query.$filter : '')?.[1]
        ?.replace(/''/g, "'");
      res.json({
        value: [...this.users.values()]
          .filter((u) => u.mail && u.mail === mail)
          .map((u) => ({ id: u.id, userType: u.userType ?? 'Member' })),
      });
    });
    app.get('/v1.0/users/:upn', (req, res) => {
      const user = this.byUpn(req.params.upn);
      if (!user) return void error(res, 404, 'Request_ResourceNotFound');
      res.json({ id: user.id, userType: user.userType ?? 'Member' });
    });
    app.post('/v1.0/users/:id/teamwork/installedApps', (req, res) => {
      const user = this.users.get(req.params.id);
      if (!user) return void error(res, 404, 'NotFound');
      if (faulted(res, user.fault)) return;
      const raw = (req.body as Record<string, unknown>)['teamsApp@odata.bind'];
      const bind = typeof raw === 'string' ? raw : '';
      if (!/\/appCatalogs\/teamsApps\/[0-9a-f-]{36}$/.test(bind)) return void error(res, 400, 'BadRequest');
      if (user.installed) return void error(res, 409, 'Conflict');
      user.installed = true;
      this.installs.push(user.upn);
      res.status(201).end();
    });
    app.get('/v1.0/users/:id/teamwork/installedApps', (req, res, next) => {
      const user = this.users.get(req.params.id);
      if (!user) {
        next();
        return;
      }
      res.json({ value: user.installed ? [{ id: `inst-${user.id}` }] : [] });
    });
    app.get('/v1.0/users/:id/teamwork/installedApps/:installation/chat', (req, res, next) => {
      if (!this.users.has(req.params.id)) {
        next();
        return;
      }
      res.json({ id: chatOf(req.params.id) });
    });
    app.post('/v1.0/users/:from/sendMail', (req, res) => {
      if (!this.mailboxes.has(req.params.from.toLowerCase())) return void error(res, 404, 'ErrorInvalidUser');
      if (faulted(res, this.mailFault)) return;
      const body = req.body as {
        message?: {
          subject?: string;
          body?: { contentType?: string; content?: string };
          toRecipients?: { emailAddress?: { address?: string } }[];
          replyTo?: { emailAddress?: { address?: string } }[];
        };
      };
      const m = body.message;
      const to = m?.toRecipients?.[0]?.emailAddress?.address;
      if (!m?.subject || !to || m.body?.contentType !== 'HTML')
        return void error(res, 400, 'ErrorInvalidRequest');
      this.mails.push({
        from: req.params.from,
        to,
        subject: m.subject,
        html: m.body.content ?? '',
        replyTo: (m.replyTo ?? []).map((r) => r.emailAddress?.address ?? ''),
      });
      if (this.dropAnswersAfter === 0) {
        this.dropAnswersAfter = undefined;
        return void req.socket.destroy();
      }
      if (this.dropAnswersAfter !== undefined) this.dropAnswersAfter -= 1;
      res.status(202).end();
    });
    app.get('/v1.0/users/:from/mailFolders/sentitems/messages', (req, res) => {
      const search = typeof req.query.$search === 'string' ? req.query.$search.replace(/^"|"$/g, '') : '';
      res.json({
        value: this.mails
          .filter((m) => m.from === req.params.from && search && m.subject.includes(search))
          .map((m, i) => ({ id: `msg-${i}`, subject: m.subject })),
      });
    });
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}
