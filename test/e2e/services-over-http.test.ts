/**
 * Two services in one deployment, over HTTP (the real server in this process, Azurite, a connector stub):
 * managers manage only their services, a performance lead picks one on a card, an owner in both is
 * chased once per service and answers on each service's card.
 */
import { readImportFile } from '../../src/files/read-table';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPlan } from '../../src/app/plan/import-plan';
import { createService, listServices, serviceDeps } from '../../src/app/council/services';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { cardText, checkCard, executeData } from '../support/adaptive-cards';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { stubUser } from '../support/live-bot';
import { sampleFile } from '../support/samples';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { personalConversation, TeamsClient } from '../support/teams-client';

const CS_DIR = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');
const LRA_SM = stubUser('lra.manager@example.org', 11);
const CS_SM = stubUser('cs.manager@example.org', 12);
const LEAD = stubUser('performance.lead@example.org', 13);
const SHARED = stubUser('area-ops.gravesham@example.org', 14);
const CS_ONLY = stubUser('contact-centre@example.org', 15);
type Card = Record<string, unknown>;

describe('services in chat, over HTTP', () => {
  const stub = new ConnectorStub();
  let server: RunningServer;
  let teams: TeamsClient;

  const cardsOf = (u: StubUser) => stub.cards(personalConversation(u));
  async function sayAndWait(u: StubUser, text: string, expect: RegExp): Promise<Card[]> {
    const before = cardsOf(u).length;
    await teams.say(u, text);
    await stub.waitFor(() =>
      cardsOf(u)
        .slice(before)
        .some((c) => expect.test(cardText(c))),
    );
    return cardsOf(u).slice(before);
  }

  beforeAll(async () => {
    await stub.start();
    for (const u of [LRA_SM, CS_SM, LEAD, SHARED, CS_ONLY]) stub.addUser(u);
    const env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      SERVICE_MANAGERS: `lra:${LRA_SM.upn},customer-services:${CS_SM.upn}`,
      PERFORMANCE_LEADS: LEAD.upn,
      SCHEDULER_ENABLED: 'false',
      PORT: '0',
      LOG_LEVEL: 'silent',
    };
    server = await startServer(loadConfig(env), createLogger('silent'));
    const { space } = server.services;
    const now = new Date().toISOString();
    await createService(space, { key: 'lra', name: 'Libraries, Registration and Archives', now });
    await createService(space, { key: 'customer-services', name: 'Customer Services', now });
    const all = await listServices(space, now);
    const config = server.services.config.serviceManagers;
    const [lra, cs] = ['lra', 'customer-services'].map((k) =>
      serviceDeps(
        server.services,
        space,
        all.find((s) => s.key === k)!,
        all,
        config,
      ),
    );
    await importPlan(lra!.plans, {
      read: readImportFile,
      activities: sampleFile('activities.csv'),
      kpis: sampleFile('kpis.csv'),
      name: 'LRA Service Plan 2016/17',
      now,
    });
    const file = (name: string) => ({ name, bytes: readFileSync(join(CS_DIR, name)) });
    await importPlan(cs!.plans, {
      read: readImportFile,
      activities: file('activities.csv'),
      kpis: file('kpis.csv'),
      now,
    });
    teams = new TeamsClient(server.url, stub.url);
    for (const u of [LRA_SM, CS_SM, LEAD, SHARED, CS_ONLY]) await teams.install(u);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
  });

  it('a manager of one service is refused on another, and their commands go to their own service', async () => {
    const refused = await sayAndWait(CS_SM, 'open 2016/17 Q1 for lra', /Only service managers/);
    expect(cardText(refused.at(-1))).toMatch(
      /Only service managers of Libraries, Registration and Archives can/,
    );
    // Nothing was opened in LRA: its owners got no card.
    const opened = await sayAndWait(CS_SM, 'open 2016/17 Q1', /Opened Customer Services, 2016\/17 Q1/);
    expect(opened.some((c) => /Libraries/.test(cardText(c)))).toBe(false);
    await stub.waitFor(() => cardsOf(CS_ONLY).some((c) => /Quarterly return/.test(cardText(c))));
    const sharedCards = cardsOf(SHARED).filter((c) => /Quarterly return/.test(cardText(c)));
    expect(sharedCards.map((c) => cardText(c).split('\n')[0])).toEqual([
      'Quarterly return: Customer Services, 2016/17 Q1',
    ]);
    const lraStatus = await sayAndWait(LRA_SM, 'status', /2016\/17 Q1|No quarter|not open/i);
    expect(cardText(lraStatus.at(-1))).not.toMatch(/Customer Services/);
  });

  it('a performance lead with several services is asked which one, on a card that works; the answer runs there', async () => {
    const asked = await sayAndWait(LEAD, 'digest preview', /Which service\?/);
    const picker = asked.at(-1)!;
    expect(checkCard(picker).errors).toEqual([]);
    expect(checkCard(picker, '1.2').errors).toEqual([]);
    const buttons = JSON.stringify(picker).match(/"data":\{[^{}]*\}/g);
    expect(buttons).toEqual([
      '"data":{"verb":"pickService","command":"digest preview","service":"customer-services"}',
      '"data":{"verb":"pickService","command":"digest preview","service":"lra"}',
    ]);
    // Pressing a button: Teams sends its data as a message with that value (Action.Submit).
    const before = cardsOf(LEAD).length;
    await teams.submit(LEAD, {
      verb: 'pickService',
      command: 'digest preview',
      service: 'customer-services',
    });
    await stub.waitFor(() =>
      cardsOf(LEAD)
        .slice(before)
        .some((c) => /Review/.test(cardText(c))),
    );
    const preview = cardsOf(LEAD).slice(before);
    expect(preview.map((c) => cardText(c)).join('\n')).toMatch(/Customer Services|CS-1/);
    expect(preview.map((c) => cardText(c)).join('\n')).not.toMatch(/LRA-1/);
  });

  it('a damaged picker button changes nothing and says what to type', async () => {
    const before = cardsOf(LEAD).length;
    await teams.submit(LEAD, { verb: 'pickService', command: 'open 2016/17 Q1', service: 'Bad Key!' });
    await stub.waitFor(() => cardsOf(LEAD).length > before);
    expect(cardText(cardsOf(LEAD).at(-1))).toMatch(/out of date[\s\S]*status for lra/);
  });

  it('an unknown service named in a command gets the choices', async () => {
    const reply = await sayAndWait(LEAD, 'status for highways', /Which service\?/);
    expect(cardText(reply.at(-1))).toMatch(
      /no service "highways".*lra.*customer-services|customer-services.*lra/s,
    );
  });

  it('an owner in both services answers on the card of the service it came from, and status covers both', async () => {
    await sayAndWait(LRA_SM, 'open 2016/17 Q1', /Opened Libraries, Registration and Archives, 2016\/17 Q1/);
    await stub.waitFor(() => cardsOf(SHARED).filter((c) => /Quarterly return/.test(cardText(c))).length >= 2);
    const csCard = cardsOf(SHARED).find((c) => /Quarterly return: Customer Services/.test(cardText(c)))!;
    const submit = executeData(csCard, 'submitReturn');
    expect(submit.service).toBe('customer-services');
    const n = String(submit.n);
    const res = await teams.execute(SHARED, 'submitReturn', {
      ...submit,
      [`rag_${n}`]: 'amber',
      [`commentary_${n}`]: 'Gateway opening moved to September',
    });
    expect(res.status).toBe(200);
    expect(cardText((res.body as { value: Card }).value)).toMatch(/Amber/);
    const status = await sayAndWait(SHARED, 'status', /Customer Services/);
    const text = status.map((c) => cardText(c)).join('\n');
    expect(text).toMatch(/Customer Services/);
    expect(text).toMatch(/Libraries, Registration and Archives/);
  });

  it('chase me brings a card per service; a hand-over stays in its item’s service', async () => {
    const before = cardsOf(SHARED).length;
    await teams.say(SHARED, 'chase me');
    await stub.waitFor(() =>
      cardsOf(SHARED)
        .slice(before)
        .some((c) => /Quarterly return: Libraries/.test(cardText(c))),
    );
    const titles = cardsOf(SHARED)
      .slice(before)
      .map((c) => cardText(c).split('\n')[0] ?? '');
    // One card per service (the answered item shows as a receipt, with Amend).
    expect(titles.some((t) => t.startsWith('Quarterly return: Customer Services'))).toBe(true);
    expect(titles.some((t) => t.startsWith('Quarterly return: Libraries, Registration and Archives'))).toBe(
      true,
    );
    const handed = await sayAndWait(
      SHARED,
      'hand over LRA-1.1.02 to contact-centre@example.org',
      /Handed over/,
    );
    expect(cardText(handed.at(-1))).toMatch(/Libraries|2016\/17 Q1/);
    await stub.waitFor(() =>
      cardsOf(CS_ONLY).some((c) =>
        /Quarterly return: Libraries, Registration and Archives/.test(cardText(c)),
      ),
    );
    // Stored in LRA's tables: the colleague answers it on the LRA card.
    const card = cardsOf(CS_ONLY).find((c) => /Quarterly return: Libraries/.test(cardText(c)))!;
    expect(executeData(card, 'submitReturn').service).toBe('lra');
  });

  it('a performance lead grants the role; the new lead manages every service', async () => {
    await sayAndWait(LEAD, `grant performance lead ${CS_SM.upn}`, /Role granted/);
    const picker = await sayAndWait(CS_SM, 'digest preview', /Which service\?/);
    expect(JSON.stringify(picker.at(-1))).toContain('"service":"lra"');
    const refused = await sayAndWait(SHARED, `grant performance lead ${SHARED.upn}`, /Not allowed/);
    expect(cardText(refused.at(-1))).toMatch(/Only performance leads/);
  });
});
