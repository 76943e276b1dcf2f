/** The server as an admin runs it: structured logs, telemetry switch, readiness, graceful SIGTERM. */
import { startServerProcess } from '../support/server-process';
import { testConnectionString, uniquePrefix } from '../support/tables';

describe('server lifecycle', () => {
  it('logs JSON lines, turns telemetry on from APPLICATIONINSIGHTS_CONNECTION_STRING, is ready, stops cleanly on SIGTERM', async () => {
    const server = await startServerProcess({
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      // Points nowhere reachable: telemetry export fails quietly offline, the app must not care.
      APPLICATIONINSIGHTS_CONNECTION_STRING:
        'InstrumentationKey=00000000-0000-4000-8000-000000000000;IngestionEndpoint=http://127.0.0.1:9/',
      SCHEDULER_ENABLED: 'true',
    });
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', storage: 'reachable' });
    const exit = new Promise<number | null>((resolve) => server.child.once('exit', (code) => resolve(code)));
    server.child.kill('SIGTERM');
    expect(await exit).toBe(0);
    const lines = server.logs
      .join('')
      .split('\n')
      .filter((l) => l.startsWith('{'));
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toEqual(
      expect.arrayContaining([
        'Application Insights telemetry on (OpenTelemetry)',
        'RAG Chaser listening',
        // The scheduler's tick runs in a child process (jobs/tick-worker), which the build includes.
        'the minute tick runs in a process of its own',
        'shutting down',
      ]),
    );
    expect(messages.some((m) => /LOCAL MODE/.test(m))).toBe(true);
  }, 60_000);

  it('refuses to start with a wrong setting, naming the variable', async () => {
    await expect(
      startServerProcess({ TABLES_CONNECTION_STRING: testConnectionString(), TIMEZONE: 'Europe/Narnia' }),
    ).rejects.toThrow(/TIMEZONE: use an IANA time zone/);
  }, 30_000);
});
