/**
 * Microsoft Graph on 127.0.0.1 as far as a proactive install reads and writes it, in Graph v1.0's shapes:
 * `GET /users/{upn}`, `GET /users?$filter=mail eq '...'`, `POST /users/{id}/teamwork/installedApps`
 * (201, or 409 when installed already), the installation list filtered by app, and its 1:1 `chat`.
 */
import express from 'express';
import type { Server } from 'node:http';
import { closeServer, listenLocal } from './listen';

export interface DirectoryUser {
  readonly id: string;
  readonly upn: string;
  readonly mail?: string;
  /** Installed before the run: the install answers 409. */
  installed?: boolean;
  /** Every install call answers this (e.g. 403), or the first `times` of them. */
  fault?: { status: number; code?: string; retryAfter?: string; times?: number };
}

export const chatOf = (id: string) => `19:${id}_bot@unq.gbl.spaces`;

export class GraphInstallStub {
  readonly users = new Map<string, DirectoryUser>();
  readonly installs: string[] = [];
  readonly calls: string[] = [];
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
    app.use((req, _res, next) => {
      this.calls.push(`${req.method} ${req.path}`);
      next();
    });
    const error = (res: express.Response, status: number, code: string) =>
      res.status(status).json({ error: { code, message: code } });
    app.get('/v1.0/users', (req, res) => {
      const mail = /mail eq '(.*)'/
        .exec(typeof req.query.$filter === 'string' ? req.query.$filter : '')?.[1]
        ?.replace(/''/g, "'");
      res.json({
        value: [...this.users.values()].filter((u) => u.mail && u.mail === mail).map((u) => ({ id: u.id })),
      });
    });
    app.get('/v1.0/users/:upn', (req, res) => {
      const user = this.byUpn(req.params.upn);
      if (!user) return void error(res, 404, 'Request_ResourceNotFound');
      res.json({ id: user.id });
    });
    app.post('/v1.0/users/:id/teamwork/installedApps', (req, res) => {
      const user = this.users.get(req.params.id);
      if (!user) return void error(res, 404, 'NotFound');
      const fault = user.fault;
      if (fault && (fault.times === undefined || fault.times > 0)) {
        if (fault.times !== undefined) fault.times -= 1;
        if (fault.retryAfter) res.setHeader('retry-after', fault.retryAfter);
        return void error(res, fault.status, fault.code ?? 'Forbidden');
      }
      const raw = (req.body as Record<string, unknown>)['teamsApp@odata.bind'];
      const bind = typeof raw === 'string' ? raw : '';
      if (!/\/appCatalogs\/teamsApps\/[0-9a-f-]{36}$/.test(bind)) return void error(res, 400, 'BadRequest');
      if (user.installed) return void error(res, 409, 'Conflict');
      user.installed = true;
      this.installs.push(user.upn);
      res.status(201).end();
    });
    app.get('/v1.0/users/:id/teamwork/installedApps', (req, res) => {
      const user = this.users.get(req.params.id);
      res.json({ value: user?.installed ? [{ id: `inst-${user.id}` }] : [] });
    });
    app.get('/v1.0/users/:id/teamwork/installedApps/:installation/chat', (req, res) => {
      res.json({ id: chatOf(req.params.id) });
    });
    ({ server: this.server, url: this.url } = await listenLocal(app));
  }

  stop(): Promise<void> {
    return closeServer(this.server);
  }
}
