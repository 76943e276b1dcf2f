/**
 * Reaching owners who have not installed the app (PROACTIVE_INSTALL=graph), over HTTP: the real server,
 * Azurite, a connector stub and a Microsoft Graph stand-in on 127.0.0.1. Installed then chased in the same
 * run; 409 (installed already) is success; 403 and 404 are recorded with the fix; 429 is waited out; a
 * second chase installs nothing again.
 */
import { manager } from '../support/actors';
import { readImportFile } from '../../src/files/read-table';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { importPlan } from '../../src/app/plan/import-plan';
import { chaseNow } from '../../src/app/sending/manual-sends';
import { loadConfig } from '../../src/config';
import { parseQuarter } from '../../src/domain/quarter';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { cardText } from '../support/adaptive-cards';
import { ConnectorStub } from '../support/connector-stub';
import { chatOf, GraphInstallStub } from '../support/graph-install-stub';
import { routeOf } from '../../src/teams/graph-permissions';
import { referenceFor } from '../support/install-stub';
import { sampleFile } from '../support/samples';
import { emailUnreachable } from '../../src/app/sending/email-fallback';
import { withSendLease } from '../../src/app/sending/send-lease';
import { LEFT_REASON } from '../../src/app/sending/reach';
import { testConnectionString, uniquePrefix } from '../support/tables';

const SM = 'svc@example.org';
const CATALOG_ID = '1542629c-01b3-4a6d-8f76-1938b779e48d';
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describe('proactive install through Microsoft Graph', () => {
  const stub = new ConnectorStub();
  const graph = new GraphInstallStub();
  let server: RunningServer;
  let opened: Awaited<ReturnType<typeof openCycle>>;
  // Chase cards (a long one comes in parts: counted once).
  const chased = (n: number) =>
    stub
      .cards(chatOf(id(n)))
      .filter((c) =>
        /^Quarterly return[^\n]*(\(part 1 of|Q\d\n)/.test(`${cardText(c).split('\n')[0] ?? ''}\n`),
      ).length;

  beforeAll(async () => {
    await Promise.all([stub.start(), graph.start()]);
    graph.add({ id: id(1), upn: 'area-ops.gravesham@example.org' });
    graph.add({ id: id(2), upn: 'area-ops.maidstone@example.org', installed: true });
    graph.add({ id: id(3), upn: 'area-ops.dover@example.org', fault: { status: 403, code: 'Forbidden' } });
    // area-ops.ashford@example.org is not in the directory.
    graph.add({ id: id(5), upn: 'registration.upn@example.org', mail: 'registration@example.org' });
    graph.add({
      id: id(6),
      upn: 'archives@example.org',
      fault: { status: 429, code: 'TooManyRequests', retryAfter: '1', times: 1 },
    });
    server = await startServer(
      loadConfig({
        TABLES_CONNECTION_STRING: testConnectionString(),
        TABLE_PREFIX: uniquePrefix(),
        SCHEDULER_ENABLED: 'false',
        PORT: '0',
        LOG_LEVEL: 'silent',
        PROACTIVE_INSTALL: 'graph',
        TEAMS_CATALOG_APP_ID: CATALOG_ID,
        GRAPH_ENDPOINT: graph.url,
        BOT_SERVICE_URL: stub.url,
        EMAIL_FALLBACK_FROM: 'rag-chaser@example.org',
        EMAIL_FALLBACK_AFTER_HOURS: '0',
        EMAIL_PER_MINUTE: '6000',
        SERVICE_MANAGERS: SM,
      }),
      createLogger('silent'),
    );
    const { services } = server;
    await services.people.upsert(
      SM,
      { conversation: referenceFor(stub.url, SM), reachable: true },
      '2016-06-01T00:00:00Z',
    );
    await importPlan(services.plans, {
      read: readImportFile,
      activities: sampleFile('activities.csv'),
      kpis: sampleFile('kpis.csv'),
      name: 'LRA Service Plan 2016/17',
      now: new Date().toISOString(),
    });
    opened = await openCycle(services, {
      quarter: parseQuarter('2016/17-Q1'),
      clock: () => new Date().toISOString(),
      actor: manager('test'),
      lease: { leases: services.leases },
    });
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await Promise.all([stub.stop(), graph.stop()]);
  });

  it('installs for an owner without the app and sends their card in the same run', () => {
    expect(graph.installs).toContain('area-ops.gravesham@example.org');
    expect(chased(1)).toBe(1);
    expect(opened.fanout.sent).toContain('area-ops.gravesham@example.org');
  });

  it('the service manager is told how owners were reached', async () => {
    const cycle = (await server.services.cycles.get('2016-17-Q1'))!;
    const { loadCycleState } = await import('../../src/app/cycle/cycle-state');
    const { overview } = await import('../../src/app/cycle/overview');
    const state = await loadCycleState(server.services, cycle);
    const people = new Map((await server.services.people.all()).map((p) => [p.upn, p]));
    const o = overview(
      state,
      people,
      await server.services.outbox.list(cycle.key),
      new Date().toISOString(),
      'Europe/London',
    );
    // gravesham and registration (by mail) and archives (after a 429) were installed for; maidstone had it.
    expect(o.installedForThem).toBe(3);
    expect(o.unreachable.map((u) => u.upn)).toEqual(expect.arrayContaining(['area-ops.dover@example.org']));
    expect((await server.services.people.get('area-ops.maidstone@example.org'))?.reachedBy).toBe('');
    expect((await server.services.people.get('area-ops.gravesham@example.org'))?.reachedBy).toBe('installed');
    // The Opened summary names who was installed for, and who cannot be reached with the fix.
    const summary = stub
      .cards('a:' + SM)
      .map(cardText)
      .find((t) => t.startsWith('Opened 2016/17 Q1'));
    expect(summary).toMatch(/3 of them had RAG Chaser installed for them just now/);
    expect(summary).toMatch(/Installed for: [^\n]*area-ops\.gravesham@example\.org/);
    expect(summary).toMatch(/emailed their items[\s\S]*area-ops\.dover@example\.org: permission missing/);
  });

  it('installed already (409) is success; found by email when the UPN differs; a 429 is waited out', () => {
    expect(graph.installs).not.toContain('area-ops.maidstone@example.org');
    expect(chased(2)).toBe(1);
    expect(chased(5)).toBe(1);
    expect(chased(6)).toBe(1);
  });

  it('a missing permission and an unknown person are recorded with what to do, and reported', async () => {
    const dover = await server.services.people.get('area-ops.dover@example.org');
    expect(dover).toMatchObject({ reachable: false });
    expect(dover?.unreachableReason).toMatch(/TeamsAppInstallation\.ReadWriteSelfForUser\.All/);
    const ashford = await server.services.people.get('area-ops.ashford@example.org');
    expect(ashford?.unreachableReason).toMatch(/not in the directory/);
    expect(opened.fanout.unreachable.map((u) => u.recipient)).toEqual(
      expect.arrayContaining(['area-ops.dover@example.org', 'area-ops.ashford@example.org']),
    );
    expect(chased(3)).toBe(0);
  });

  it('owners still unreachable are emailed once, after a 429 from Graph, with the chat link and the reply route', async () => {
    graph.mailFault = { status: 429, code: 'ApplicationThrottled', retryAfter: '1', times: 1 };
    const cycle = (await server.services.cycles.get('2016-17-Q1'))!;
    const emailNow = () =>
      withSendLease({ leases: server.services.leases }, (holding) =>
        emailUnreachable(server.services, cycle, new Date().toISOString(), holding, [SM]),
      );
    // Everyone the chase could not reach (the 403, and those not in this directory).
    const unreachable = opened.fanout.unreachable.map((u) => u.recipient).sort();
    expect(unreachable).toEqual(
      expect.arrayContaining(['area-ops.ashford@example.org', 'area-ops.dover@example.org']),
    );
    // Only colleagues in the directory are emailed (the 403's owner); an address the directory does not
    // know is never written to, and says why.
    const first = await emailNow();
    expect(first?.sent).toEqual(['area-ops.dover@example.org']);
    const notMembers = unreachable.filter((u) => u !== 'area-ops.dover@example.org');
    expect(first?.failed.map((f) => f.recipient).sort()).toEqual(notMembers);
    for (const f of first?.failed ?? []) expect(f.error).toMatch(/not in your organisation's directory/);
    // Run again: nothing more goes.
    expect((await emailNow())?.sent).toEqual([]);
    expect(graph.mails.map((m) => m.to)).toEqual(['area-ops.dover@example.org']);
    const dover = graph.mails.find((m) => m.to === 'area-ops.dover@example.org')!;
    expect(dover.subject).toMatch(/^your 2016\/17 Q1 performance return is due by/);
    expect(dover.html).toContain('https://teams.microsoft.com/l/chat/0/0?users=28:');
    expect(dover.html).toMatch(/reply to this email/i);
    expect(dover.replyTo).toEqual([SM]);
    // The status card says how each was reached.
    const { loadCycleState } = await import('../../src/app/cycle/cycle-state');
    const { overview } = await import('../../src/app/cycle/overview');
    const people = new Map((await server.services.people.all()).map((p) => [p.upn, p]));
    const o = overview(
      await loadCycleState(server.services, cycle),
      people,
      await server.services.outbox.list(cycle.key),
      new Date().toISOString(),
      'Europe/London',
    );
    expect(o.emailed).toBe(1);
    expect(o.unreachable.find((u) => u.upn === 'area-ops.dover@example.org')?.reason).toMatch(
      /^emailed .* \(not in Teams: permission missing: grant the bot User\.Read\.All \(to look owners up\) and TeamsAppInstallation/,
    );
  });

  it('exactly once: a second chase installs nothing again and each reached owner gets one reminder', async () => {
    const installs = graph.installs.length;
    const posts = graph.calls.filter((c) => c.startsWith('POST')).length;
    const cycle = (await server.services.cycles.get('2016-17-Q1'))!;
    await chaseNow(server.services, {
      actor: { upn: 'svc@example.org', serviceManager: true },
      cycle,
      now: new Date().toISOString(),
      lease: {
        leases: server.services.leases,
      },
    });
    expect(graph.installs.length).toBe(installs);
    // Only those still without the app are tried again (the 403 and the unknown person): none installed.
    expect(graph.calls.filter((c) => c.startsWith('POST')).length - posts).toBeLessThanOrEqual(2);
    expect(stub.cards(chatOf(id(1))).length).toBe(2);
  });

  it('an owner reached before who is gone from the directory is reported to service managers to hand over', async () => {
    const upn = 'area-ops.gravesham@example.org';
    // They leave: Teams drops the chat, and Graph no longer finds them.
    graph.users.delete(id(1));
    await server.services.people.markUnreachable(
      upn,
      { code: 'no-conversation', reason: 'the conversation no longer exists (app removed)' },
      new Date().toISOString(),
    );
    const cycle = (await server.services.cycles.get('2016-17-Q1'))!;
    const result = await chaseNow(server.services, {
      actor: { upn: 'svc@example.org', serviceManager: true },
      cycle,
      now: new Date(Date.now() + 60_000).toISOString(),
      lease: {
        leases: server.services.leases,
      },
    });
    expect(result.left).toEqual([upn]);
    expect((await server.services.people.get(upn))?.unreachableReason).toBe(LEFT_REASON);
    const notice = stub
      .cards('a:' + SM)
      .map(cardText)
      .find((t) => t.startsWith('Owners who may have left'));
    expect(notice).toMatch(/area-ops\.gravesham@example\.org: \d+ item\(s\)[\s\S]*hand over/);
  });

  it('every Graph call the server made was allowed by the token it got for the features it runs, nothing more', () => {
    const routes = new Set(graph.authorised.map((c) => `${c.method} ${routeOf(c.path)}`));
    expect(graph.authorised.filter((c) => !c.allowed)).toEqual([]);
    // Install and email fallback both ran: lookups, install, chat, sendMail.
    expect([...routes]).toEqual(
      expect.arrayContaining([
        'GET /users/{user}',
        'POST /users/{user}/teamwork/installedApps',
        'GET /users/{user}/teamwork/installedApps/{installation}/chat',
        'POST /users/{user}/sendMail',
      ]),
    );
  });
});
