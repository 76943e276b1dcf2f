/**
 * A Bot Framework connector on 127.0.0.1 standing in for Teams' service: records every activity the bot
 * sends (replies, proactive messages, card updates), answers member look-ups, and can be told to fail.
 */
import express from 'express';
import type { Server } from 'node:http';
import { mountGraph, type GraphState } from './graph-stub';
import { checkRoles, type AuthorisedCall } from './graph-roles';
import { SMT_TEAM_AAD_GROUP_ID, TENANT } from './teams-client';

export interface StubUser {
  readonly id: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly upn: string;
  /** The primary email address, when it differs from the UPN. */
  readonly email?: string;
  /** The person's home tenant (the member record's `tenantId`): the council's unless said. */
  readonly tenantId?: string;
  /** Teams' `userRole`: `user` unless said; `guest` for another organisation's account. */
  readonly userRole?: 'user' | 'guest';
}

export interface Received {
  readonly method: 'POST' | 'PUT';
  readonly conversationId: string;
  /** The activity's id: given by the stub on POST, named in the path on PUT. */
  readonly id: string;
  readonly activityId?: string;
  readonly activity: {
    type: string;
    text?: string;
    attachments?: { contentType: string; content: Record<string, unknown> }[];
    replyToId?: string;
    id?: string;
  };
  readonly at: number;
}

/**
 * Decides the response to one outgoing activity; undefined = 201/200 success. `drop`: the activity is
 * delivered but the connection is cut before any answer (the sender cannot tell that it arrived).
 */
export type Fault = (
  conversationId: string,
  attempt: number,
) => { status: number; headers?: Record<string, string> } | { drop: true } | undefined;

/** Teams' published limits for a bot (per conversation, and per app per tenant), as the service applies them. */
const TEAMS_LIMITS = {
  conversation: [
    { limit: 7, perMs: 1000 },
    { limit: 8, perMs: 2000 },
    { limit: 60, perMs: 30_000 },
    { limit: 1800, perMs: 3_600_000 },
  ],
  tenant: [{ limit: 50, perMs: 1000 }],
};

function overLimit(arrivals: readonly number[], windows: typeof TEAMS_LIMITS.tenant, now: number): boolean {
  return windows.some((w) => {
    let n = 0;
    for (let i = arrivals.length - 1; i >= 0 && (arrivals[i] ?? 0) > now - w.perMs; i -= 1) n += 1;
    return n >= w.limit;
  });
}

export class ConnectorStub {
  readonly received: Received[] = [];
  /**
   * Answer 429 with Retry-After, as Teams does, to a message beyond its published limits (counted on
   * arrival here, over the messages it accepted). Off by default: tests inject their own faults.
   */
  enforceLimits = false;
  /** Keep each activity's body (off for large benchmarks: only who and when). */
  keepBodies = true;
  private readonly arrivals = { tenant: [] as number[], conversations: new Map<string, number[]>() };
  readonly refused: { conversationId: string; status: number; at: number }[] = [];
  private readonly users = new Map<string, StubUser>();
  private readonly attempts = new Map<string, number>();
  fault: Fault = () => undefined;
  /** More routes on the same server, before Graph's chat reads (e.g. GraphInstallStub.mount). */
  readonly mounts: ((app: express.Express) => void)[] = [];
  /** Every Graph call with whether the token's roles allowed it (test/support/graph-roles.ts). */
  readonly graphCalls: AuthorisedCall[] = [];
  /** Microsoft Graph's chat reads (test/support/graph-stub.ts). */
  readonly graph: GraphState = {
    teamsAppId: '00000000-0000-4000-8000-00000000a99a',
    smtTeamId: SMT_TEAM_AAD_GROUP_ID,
    calls: [],
  };
  private server?: Server;
  url = '';

  /** Team channels and the Entra object ids of their team's members (other conversations: any user). */
  private readonly teams = new Map<string, Set<string>>();
  /** Member lookups need a bearer token, as the Bot Connector does outside local mode. */
  requireToken = false;

  addUser(user: StubUser): void {
    this.users.set(user.id, user);
  }

  addTeam(channelId: string, members: readonly StubUser[]): void {
    this.teams.set(channelId, new Set(members.map((m) => m.aadObjectId)));
  }

  async start(): Promise<void> {
    const app = express();
    app.use(express.json({ limit: '5mb' }));
    app.get('/v3/conversations/:conv/members/:user', (req, res) => {
      // As the Bot Connector: a bearer token, and the member of that conversation (a team's channel answers
      // for the team's members only), found by Teams user id or Entra object id.
      if (!/^Bearer \S+/.test(req.headers.authorization ?? '') && this.requireToken)
        return void res.status(401).json({ message: 'Authorization has been denied for this request.' });
      const user = [...this.users.values()].find(
        (u) => u.id === req.params.user || u.aadObjectId === req.params.user,
      );
      const team = this.teams.get(req.params.conv);
      if (!user || (team && !team.has(user.aadObjectId)))
        return void res.status(404).json({ error: { code: 'MemberNotFoundInConversation' } });
      res.json({
        id: user.id,
        name: user.name,
        aadObjectId: user.aadObjectId,
        userPrincipalName: user.upn,
        email: user.email ?? user.upn,
        givenName: user.name,
        surname: '',
        tenantId: user.tenantId ?? TENANT,
        userRole: user.userRole ?? 'user',
      });
    });
    const record = (method: 'POST' | 'PUT') => (req: express.Request, res: express.Response) => {
      // Express has decoded the path already; decoding again breaks an id with a literal "%" in it.
      const conversationId = String(req.params.conv);
      const attempt = (this.attempts.get(conversationId) ?? 0) + 1;
      this.attempts.set(conversationId, attempt);
      const now = Date.now();
      const fault = this.fault(conversationId, attempt) ?? this.limited(conversationId, now);
      if (fault && !('drop' in fault)) {
        this.refused.push({ conversationId, status: fault.status, at: Date.now() });
        res
          .status(fault.status)
          .set(fault.headers ?? {})
          .json({ error: { code: 'Injected', message: `stub answered ${fault.status}` } });
        return;
      }
      const id = method === 'PUT' ? String(req.params.activity) : `stub-${this.received.length + 1}`;
      this.received.push({
        method,
        conversationId,
        id,
        activityId: req.params.activity ? req.params.activity : undefined,
        activity: this.keepBodies ? (req.body as Received['activity']) : { type: 'message' },
        at: now,
      });
      if (fault) res.socket?.destroy();
      else res.status(method === 'POST' ? 201 : 200).json({ id, activityId: id });
    };
    app.post('/v3/conversations/:conv/activities', record('POST'));
    app.post('/v3/conversations/:conv/activities/:activity', record('POST'));
    app.put('/v3/conversations/:conv/activities/:activity', record('PUT'));
    app.post('/v3/conversations', (_req, res) => {
      res.status(201).json({ id: `conv-${Date.now()}`, activityId: 'a1' });
    });
    app.use('/v1.0', checkRoles(this.graphCalls));
    for (const mount of this.mounts) mount(app);
    mountGraph(app, this.graph, () => this.received);
    await new Promise<void>((resolve) => {
      this.server = app.listen(0, '127.0.0.1', () => resolve());
    });
    const address = this.server?.address();
    this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }

  /** A 429 when this message would break a limit; else the arrival is counted. */
  private limited(
    conversationId: string,
    now: number,
  ): { status: number; headers: Record<string, string> } | undefined {
    if (!this.enforceLimits) return undefined;
    const mine = this.arrivals.conversations.get(conversationId) ?? [];
    if (
      overLimit(this.arrivals.tenant, TEAMS_LIMITS.tenant, now) ||
      overLimit(mine, TEAMS_LIMITS.conversation, now)
    )
      return { status: 429, headers: { 'Retry-After': '1' } };
    this.arrivals.tenant.push(now);
    if (this.arrivals.tenant.length > 200) this.arrivals.tenant.splice(0, 100);
    mine.push(now);
    this.arrivals.conversations.set(conversationId, mine);
    return undefined;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  to(conversationId: string): Received[] {
    return this.received.filter((r) => r.conversationId === conversationId);
  }

  /** Cards (Adaptive Card JSON) sent into a conversation, in order. */
  cards(conversationId: string): Record<string, unknown>[] {
    return this.to(conversationId).flatMap((r) => (r.activity.attachments ?? []).map((a) => a.content));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (Date.now() - start > timeoutMs) throw new Error('timed out waiting for the bot');
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
