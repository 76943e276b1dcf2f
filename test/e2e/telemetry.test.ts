/**
 * Telemetry reaches Application Insights: the built server (dist/main.js) with a connection string whose
 * ingestion endpoint is a stand-in on 127.0.0.1. A log line (pino), the incoming request, the outbound
 * `fetch` to the Bot Connector (undici) and the Table Storage calls (Azure SDK) arrive as envelopes.
 */
import { cardText } from '../support/adaptive-cards';
import { importSampleWithCli } from '../support/cli';
import { ConnectorStub } from '../support/connector-stub';
import { FileStub } from '../support/file-stub';
import { samplePlanXlsx } from '../support/hostile-files';
import { IngestionStub } from '../support/ingestion-stub';
import { stubUser } from '../support/live-bot';
import { startServerProcess } from '../support/server-process';
import { testConnectionString, uniquePrefix } from '../support/tables';
import { personalConversation, TeamsClient } from '../support/teams-client';

const MANAGER = stubUser('service-manager@example.org', 1);
const OWNER = stubUser('area-ops.gravesham@example.org', 2);

it('a log line, the request, the outbound fetch and storage calls are exported', async () => {
  const ingestion = new IngestionStub();
  const stub = new ConnectorStub();
  const files = new FileStub();
  await Promise.all([ingestion.start(), stub.start(), files.start()]);
  for (const u of [MANAGER, OWNER]) stub.addUser(u);
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: MANAGER.upn,
    APPLICATIONINSIGHTS_CONNECTION_STRING: ingestion.connectionString(),
    // The SDK's own usage reports go to Microsoft, not to the stand-in: off in tests.
    APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
    APPLICATIONINSIGHTS_STATSBEAT_DISABLED: 'true',
    ...ingestion.trustEnv(),
  };
  await importSampleWithCli(env);
  const server = await startServerProcess(env);
  try {
    const teams = new TeamsClient(server.url, stub.url);
    for (const u of [MANAGER, OWNER]) await teams.install(u);
    await teams.say(MANAGER, 'open 2016/17 Q1');
    await stub.waitFor(() =>
      stub.cards(personalConversation(OWNER)).some((c) => /Quarterly return/.test(cardText(c))),
    );
    // A plan file whose link carries a credential, as Teams' download links do.
    const link = `${files.serve('plan.xlsx', Buffer.from(samplePlanXlsx()))}?tempauth=SECRET-TEMPAUTH-TOKEN&x=${MANAGER.upn}`;
    await teams.sayWithFiles(MANAGER, '', [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'plan.xlsx',
        content: { downloadUrl: link, fileType: 'xlsx' },
      },
    ]);
    await stub.waitFor(() =>
      stub.cards(personalConversation(MANAGER)).some((c) => /Plan preview/.test(cardText(c))),
    );
  } finally {
    await server.stop();
  }
  try {
    // The shutdown flushes what was buffered.
    // Nothing left this machine: every dependency is on the loopback address.
    expect(
      ingestion
        .of('RemoteDependencyData')
        .filter((d) => d.type === 'Http' && !/127\.0\.0\.1/.test(String(d.data))),
    ).toEqual([]);
    const messages = ingestion.of('MessageData').map((m) => String(m.message));
    expect(messages).toEqual(expect.arrayContaining([expect.stringMatching(/shutting down/)]));
    // The download was exported as a dependency, without its credential or the address in its query.
    const all = JSON.stringify(ingestion.of('RemoteDependencyData'));
    expect(all).toMatch(/\/files\/plan\.xlsx/);
    expect(all).not.toMatch(/SECRET-TEMPAUTH-TOKEN|tempauth/);
    const requests = ingestion.of('RequestData').map((r) => `${String(r.name)} ${String(r.responseCode)}`);
    expect(requests).toEqual(expect.arrayContaining([expect.stringMatching(/POST.*200/)]));
    const dependencies = ingestion.of('RemoteDependencyData');
    const connector = new URL(stub.url).host;
    expect(
      dependencies.some(
        (d) => String(d.target).includes(connector) && /\/v3\/conversations/.test(String(d.data)),
      ),
    ).toBe(true);
    expect(
      dependencies.some(
        (d) => /127\.0\.0\.1:\d+/.test(String(d.target)) && /Tables|table/i.test(JSON.stringify(d)),
      ),
    ).toBe(true);
  } finally {
    await Promise.all([ingestion.stop(), stub.stop(), files.stop()]);
  }
}, 90_000);
