/**
 * Roles over HTTP (the real server in this process, Azurite, a connector stub), with managers named per
 * service and no performance lead yet: nobody becomes council-wide by a chat command unless they manage
 * every service; roles can be revoked; a grant never revives a retired service; every change is audited.
 */
import { createService, retireService } from '../../src/app/council/services';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { cardText } from '../support/adaptive-cards';
import { ConnectorStub, type StubUser } from '../support/connector-stub';
import { stubUser } from '../support/live-bot';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { personalConversation, TeamsClient } from '../support/teams-client';

const LRA_SM = stubUser('lra.manager@example.org', 21);
const CS_SM = stubUser('cs.manager@example.org', 22);
const BOTH = stubUser('head-of-service@example.org', 23);
const NEW_LEAD = stubUser('performance.officer@example.org', 24);
const CHANNEL = '19:corporate@thread.tacv2';

describe('roles over HTTP', () => {
  const stub = new ConnectorStub();
  let server: RunningServer;
  let teams: TeamsClient;

  async function sayAndWait(u: StubUser, text: string, expected: RegExp): Promise<string> {
    const conversation = personalConversation(u);
    const before = stub.cards(conversation).length;
    await teams.say(u, text);
    await stub.waitFor(() => stub.cards(conversation).length > before);
    const reply = cardText(stub.cards(conversation).at(-1));
    expect(reply).toMatch(expected);
    return reply;
  }
  const space = () => server.services.space;

  beforeAll(async () => {
    await stub.start();
    for (const u of [LRA_SM, CS_SM, BOTH, NEW_LEAD]) stub.addUser(u);
    const env = {
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      SERVICE_MANAGERS: [
        `lra:${LRA_SM.upn}`,
        `customer-services:${CS_SM.upn}`,
        `lra:${BOTH.upn}`,
        `customer-services:${BOTH.upn}`,
      ].join(','),
      SCHEDULER_ENABLED: 'false',
      PORT: '0',
      LOG_LEVEL: 'silent',
    };
    server = await startServer(loadConfig(env), createLogger('silent'));
    const now = new Date().toISOString();
    await createService(space(), { key: 'lra', name: 'Libraries, Registration and Archives', now });
    await createService(space(), { key: 'customer-services', name: 'Customer Services', now });
    teams = new TeamsClient(server.url, stub.url);
    for (const u of [LRA_SM, CS_SM, BOTH, NEW_LEAD]) await teams.install(u);
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await stub.stop();
  });

  it('a manager of one service cannot name a performance lead or the corporate channel, even with no lead yet', async () => {
    await sayAndWait(
      LRA_SM,
      `grant performance lead ${LRA_SM.upn}`,
      /Not allowed[\s\S]*Only performance leads/,
    );
    await sayAndWait(CS_SM, `grant performance lead ${NEW_LEAD.upn}`, /Not allowed/);
    await teams.inChannel(LRA_SM, 'register corporate channel', CHANNEL);
    await stub.waitFor(() => stub.cards(CHANNEL).length > 0);
    expect(cardText(stub.cards(CHANNEL).at(-1))).toMatch(/Not allowed/);
    const council = await space().services.council();
    expect(council.leads).toEqual([]);
    expect(council.corporateChannel).toBeUndefined();
  });

  it('a manager of every service names the first lead; after that only leads change leads, and a lead can be revoked', async () => {
    await sayAndWait(
      BOTH,
      `grant performance lead ${NEW_LEAD.upn}`,
      /Role granted[\s\S]*now a performance lead/,
    );
    // A lead exists now: a manager who is not one may no longer grant or revoke the role.
    await sayAndWait(BOTH, `grant performance lead ${BOTH.upn}`, /Not allowed/);
    await sayAndWait(NEW_LEAD, `grant performance lead ${CS_SM.upn}`, /Role granted/);
    expect((await space().services.council()).leads).toEqual([CS_SM.upn, NEW_LEAD.upn].sort());
    await sayAndWait(
      NEW_LEAD,
      `revoke performance lead ${CS_SM.upn}`,
      /Role revoked[\s\S]*no longer a performance lead/,
    );
    expect((await space().services.council()).leads).toEqual([NEW_LEAD.upn]);
    await sayAndWait(CS_SM, 'digest preview for lra', /Not allowed/);
  });

  it('a manager grants and revokes managers of their own service only; one named by IT is revoked only there', async () => {
    const colleague = 'branch-lead.dover@example.org';
    await sayAndWait(LRA_SM, `grant service manager ${colleague}`, /Role granted[\s\S]*service manager/);
    expect((await space().services.all()).find((s) => s.key === 'lra')?.managers).toEqual([colleague]);
    await sayAndWait(
      LRA_SM,
      `revoke service manager ${colleague}`,
      /Role revoked[\s\S]*no longer a service manager/,
    );
    expect((await space().services.all()).find((s) => s.key === 'lra')?.managers).toEqual([]);
    await sayAndWait(
      LRA_SM,
      `revoke service manager ${CS_SM.upn} for customer-services`,
      /Only service managers/,
    );
    await sayAndWait(LRA_SM, `revoke service manager ${BOTH.upn}`, /Not revoked[\s\S]*SERVICE_MANAGERS/);
    const log = await space().services.roleChanges();
    expect(log.filter((c) => c.upn === colleague).map((c) => [c.action, c.by, c.service])).toEqual([
      ['grant', LRA_SM.upn, 'lra'],
      ['revoke', LRA_SM.upn, 'lra'],
    ]);
  });

  it('a grant after the service is retired does not bring it back', async () => {
    await retireService(space(), 'customer-services', new Date().toISOString());
    await sayAndWait(NEW_LEAD, 'grant service manager late@example.org for customer-services', /retired|Not/);
    const cs = (await space().services.all()).find((s) => s.key === 'customer-services');
    expect(cs?.retiredAt).not.toBe('');
    expect(cs?.managers).toEqual([]);
  });
});
