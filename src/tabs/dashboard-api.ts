/**
 * GET /api/dashboard: the dashboard's data. The caller is named by a Teams SSO token (Authorization:
 * Bearer), or in local mode, from this machine only, by the X-Local-User header; without either, 401.
 * Who sees what is decided by the use case (app/dashboard); the query string is checked here with zod.
 */
import type { ConversationReference } from 'botbuilder';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import {
  compareServices,
  loadDashboard,
  PublishedCache,
  type DashboardViewer,
} from '../app/dashboard/dashboard';
import { itemHistory } from '../app/dashboard/item-history';
import { EMPTY_QUERY, type Query } from '../domain/ask';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import { parseQuarter } from '../domain/quarter';
import { RAGS } from '../domain/rag';
import { configuredManagers } from '../domain/service';
import type { BotDeps } from '../bot/deps';
import { directoryOf, inService, managedBy } from '../bot/service-choice';
import type { ConnectorClient } from '../teams/connector-client';
import type { TabTokenResult } from '../teams/tab-token';

const quarter = z
  .string()
  .trim()
  .max(20)
  .transform((text, ctx) => {
    try {
      return parseQuarter(text.replace(/-/g, ' ').replace(/^(\d{4}) (\d{2})/, '$1/$2'));
    } catch {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'write a quarter as 2016/17-Q1' });
      return z.NEVER;
    }
  });
const text = z.string().trim().max(100);
const yes = z.enum(['true', 'false']).transform((v) => v === 'true');

const querySchema = z
  .object({
    service: z.string().trim().max(40).default(''),
    from: quarter.optional(),
    to: quarter.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    q: z.string().max(500).optional(),
    item: text.optional(),
    compare: z.literal('services').optional(),
    in: z.string().trim().max(20).optional(),
    kind: z.enum(['activity', 'kpi', 'any']).default('any'),
    rating: z
      .string()
      .trim()
      .max(30)
      .transform((v) => v.toLowerCase().split(',').filter(Boolean))
      .pipe(z.array(z.enum(RAGS)))
      .default(''),
    outcome: z.coerce.number().int().min(0).max(999).optional(),
    so: text.optional(),
    function: text.optional(),
    district: text.optional(),
    owner: text.optional(),
    late: yes.default('false'),
    outstanding: yes.default('false'),
  })
  .strict();

/** Which of Ask's filters the query string sets. */
function filterOf(q: z.infer<typeof querySchema>): Query {
  return {
    ...EMPTY_QUERY,
    kind: q.kind,
    ratings: q.rating,
    outcome: q.outcome,
    supportingOutcome: q.so || undefined,
    function: q.function || undefined,
    district: q.district || undefined,
    owner: q.owner?.toLowerCase() || undefined,
    late: q.late,
    outstanding: q.outstanding,
  };
}

export interface DashboardApiOptions {
  readonly checkToken: (token: string) => Promise<TabTokenResult>;
  readonly connector: Pick<ConnectorClient, 'isMember'>;
  readonly cache?: PublishedCache | undefined;
}

type Who = { upn: string; aadObjectId: string } | { status: 401; error: string };

async function whoIsAsking(services: BotDeps, req: Request, options: DashboardApiOptions): Promise<Who> {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (services.config.localMode) {
    const local = req.header('x-local-user')?.trim().toLowerCase() ?? '';
    const loopback = /^(127\.|::1$|::ffff:127\.)/.test(req.socket.remoteAddress ?? '');
    if (!loopback) return { status: 401, error: 'Local mode answers this machine only.' };
    if (!/^[^\s@]+@[^\s@]+$/.test(local))
      return { status: 401, error: 'Name yourself with the X-Local-User header (a UPN) in local mode.' };
    const known = await services.people.get(local);
    return { upn: local, aadObjectId: known?.aadObjectId ?? '' };
  }
  if (!bearer) return { status: 401, error: 'Sign in through Teams: the request carries no token.' };
  const checked = await options.checkToken(bearer);
  if (!checked.ok) {
    services.log.warn({ why: checked.why }, 'dashboard token refused');
    return { status: 401, error: 'Your sign-in could not be checked: reload the tab.' };
  }
  return checked.user;
}

export function dashboardApi(services: BotDeps, options: DashboardApiOptions): Router {
  const router = express.Router();
  const cache = options.cache ?? new PublishedCache();
  router.get('/api/dashboard', (req: Request, res: Response) => {
    void (async () => {
      res.set('cache-control', 'no-store');
      const who = await whoIsAsking(services, req, options);
      if ('status' in who) return void res.status(who.status).json({ error: who.error });
      const parsed = querySchema.safeParse(req.query);
      if (!parsed.success) {
        const problems = parsed.error.issues.map((i) => `${i.path.join('.') || 'query'}: ${i.message}`);
        return void res.status(400).json({ error: `Not shown. ${problems.join('; ')}` });
      }
      const q = parsed.data;
      const dir = await directoryOf(services);
      const person = await services.people.get(who.upn);
      const lead = dir.leads.includes(who.upn);
      // Before any service exists (one plan, no services yet), the configured managers manage it.
      const managerOf = dir.active.length
        ? managedBy(services, dir, who.upn, person)
        : configuredManagers(services.config.serviceManagers, '').includes(who.upn) || person?.serviceManager
          ? ['']
          : [];
      const memberOf = (deps: BotDeps) => async () => {
        const channel = await deps.people.smtChannel();
        if (!channel) return false;
        const reference = JSON.parse(channel.conversation) as Partial<ConversationReference>;
        const id = who.aadObjectId || person?.aadObjectId || '';
        return (await options.connector.isMember(reference, id)) === 'member';
      };
      // The services this person may open: managed, every one for a lead, else those whose SMT team has them.
      const candidates = dir.active.map((s) => ({ service: s, deps: inService(services, dir, s) }));
      const seen = await Promise.all(
        candidates.map(async (c) => lead || managerOf.includes(c.service.key) || (await memberOf(c.deps)())),
      );
      const visible = candidates.filter((_c, i) => seen[i]);
      // Without a choice: the first service that has a quarter to show.
      const opened = await Promise.all(visible.map(async (c) => (await c.deps.cycles.all()).length > 0));
      const chosen = q.service
        ? candidates.find((c) => c.service.key === q.service)
        : (visible.find((_c, i) => opened[i]) ?? visible[0]);
      if (q.service && !chosen)
        return void res.status(404).json({ error: `There is no service "${q.service.slice(0, 40)}".` });
      const service = chosen?.service;
      const deps = chosen?.deps ?? services;
      const viewer: DashboardViewer = { upn: who.upn, lead, managerOf, smtMember: memberOf(deps) };
      const target = { key: service?.key ?? '', name: service?.name ?? '', deps };
      const range = { viewer, service: target, from: q.from, to: q.to };
      if (q.compare) {
        const all = candidates.map((c) => ({ key: c.service.key, name: c.service.name, deps: c.deps }));
        const compare = await compareServices({ viewer, services: all, from: q.from, to: q.to }, cache);
        return void res.json({ compare, viewer: { upn: who.upn, lead } });
      }
      const body = q.item
        ? await itemHistory({ ...range, item: q.item }, cache)
        : await loadDashboard(
            { ...range, filter: filterOf(q), question: q.q, page: q.page, itemsIn: q.in },
            cache,
          );
      res.json({
        ...body,
        services: visible.map((c) => ({ key: c.service.key, name: c.service.name })),
        viewer: { upn: who.upn, lead },
      });
    })().catch((error: unknown) => {
      if (error instanceof NotAuthorisedError) return void res.status(403).json({ error: error.message });
      if (error instanceof NotFoundError) return void res.status(404).json({ error: error.message });
      if (error instanceof ValidationError) return void res.status(400).json({ error: error.message });
      services.log.error({ err: error }, 'dashboard request failed');
      if (!res.headersSent) res.status(500).json({ error: 'The dashboard could not be read just now.' });
    });
  });
  return router;
}
