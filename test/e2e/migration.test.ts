/**
 * Tables written by earlier releases: before each person had a card (test/fixtures/tables-before-card-rows,
 * made by main at 408bd61: a closed 2015/16 Q4 with answers, an open 2016/17 Q1 with an amended answer and a
 * hand-over, people with the old `aad` rows), and the same after the release that kept cards item by item
 * (tables-with-item-rows, 9ea6d59). The server builds the cards on start, and every owner's card reads as it
 * did.
 */
import { join } from 'node:path';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startServer, type RunningServer } from '../../src/server';
import { restoreTables } from '../../src/store/backup';
import { Tables } from '../../src/store/tables';
import { cardText } from '../support/adaptive-cards';
import { ConnectorStub } from '../support/connector-stub';
import { invokeCard, stubUser } from '../support/live-bot';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { personalConversation, TeamsClient } from '../support/teams-client';

const OWNER = stubUser('area-ops.gravesham@example.org', 1);
const KPI_OWNER = stubUser('registration@example.org', 2);
const COLLEAGUE = stubUser('area-ops.swale@example.org', 3);

describe.each(['tables-before-card-rows', 'tables-with-item-rows'])(
  'tables of an earlier release: %s',
  (fixture) => {
    let server: RunningServer;
    let stub: ConnectorStub;
    let teams: TeamsClient;

    beforeAll(async () => {
      const prefix = uniquePrefix();
      const tables = new Tables({ connectionString: testConnectionString() }, prefix);
      await tables.ensure();
      await restoreTables(tables, join(__dirname, '..', 'fixtures', fixture));
      stub = new ConnectorStub();
      await stub.start();
      for (const u of [OWNER, KPI_OWNER, COLLEAGUE]) stub.addUser(u);
      server = await startServer(
        loadConfig({
          TABLES_CONNECTION_STRING: testConnectionString(),
          TABLE_PREFIX: prefix,
          SCHEDULER_ENABLED: 'false',
          PORT: '0',
          LOG_LEVEL: 'silent',
        }),
        createLogger('silent'),
      );
      teams = new TeamsClient(server.url, stub.url);
    }, 60_000);

    afterAll(async () => {
      await server.runtime.tables.drop();
      await server.stop();
      await stub.stop();
    });

    async function chaseMe(user: typeof OWNER): Promise<string> {
      const conversation = personalConversation(user);
      const seen = stub.to(conversation).length;
      expect((await teams.say(user, 'chase me')).status).toBe(200);
      await stub.waitFor(() => stub.to(conversation).length > seen);
      return stub.cards(conversation).slice(seen).map(cardText).join('\n');
    }

    it('the cards of both quarters are built on start, one record each; no item rows are left', async () => {
      await server.migrated;
      expect(await server.runtime.returns.cardsBuilt('2016-17-Q1')).toBe(true);
      expect(await server.runtime.returns.cardsBuilt('2015-16-Q4')).toBe(true);
      const keys: string[] = [];
      for await (const e of server.runtime.tables.client('returns').listEntities()) keys.push(e.rowKey ?? '');
      expect(keys.filter((k) => k.startsWith('o|'))).toEqual([]);
      expect(keys.filter((k) => k.startsWith('c|')).length).toBeGreaterThan(2);
    });

    it("an owner's card shows their amended answer and last quarter's, without the item they handed over", async () => {
      const text = await chaseMe(OWNER);
      expect(text).toMatch(/Q1 amended: both branches reopened/);
      expect(text).toMatch(/Q4 commentary: two branches closed for repairs/);
      expect(text).toMatch(/LRA-1\.1\.01/);
      expect(text).not.toMatch(/LRA-1\.1\.02/);
    });

    it('the colleague it was handed to has it on their card', async () => {
      expect(await chaseMe(COLLEAGUE)).toMatch(/LRA-1\.1\.02/);
    });

    it('a KPI owner answers on the card: the receipt has the value, last quarter’s beside it, stored once', async () => {
      const res = await teams.execute(KPI_OWNER, 'submitReturn', {
        cycle: '2016-17-Q1',
        item: 'm:LRA07',
        n: '1',
        items: 'm:LRA07',
        value_1: '93',
      });
      const text = cardText(invokeCard(res.body));
      expect(text).toMatch(/93%/);
      expect(text).toMatch(/91%/);
      expect((await server.runtime.returns.get('2016-17-Q1', 'm:LRA07'))?.value).toMatchObject({
        value: 93,
        version: 1,
      });
      // The person behind an old `aad` row is now found with one read: the row holds their copy.
      const row = await server.runtime.tables
        .client('people')
        .getEntity<{ person?: string }>('aad', KPI_OWNER.aadObjectId);
      expect(JSON.parse(row.person ?? '{}')).toMatchObject({ upn: KPI_OWNER.upn });
    });

    it('the single plan is now the first service, in the tables it always had', async () => {
      const services = await server.runtime.space.services.all();
      expect(services).toEqual([
        expect.objectContaining({ key: 'main', name: 'LRA Service Plan 2016/17', scope: '', retiredAt: '' }),
      ]);
      expect((await server.runtime.plans.load())?.activities.length).toBeGreaterThan(80);
    });
  },
);
