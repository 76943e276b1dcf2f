/**
 * A storage endpoint that accepts connections and never answers: every Table call gives up (each try has
 * its own time limit, then the retries end) instead of hanging a turn or the minute tick for ever.
 */
import { createServer, type Socket } from 'node:net';
import { Tables } from '../../src/store/tables';
import { testConnectionString } from '../support/tables';

it('a Table call to a silent endpoint fails instead of hanging', async () => {
  const sockets: Socket[] = [];
  const silent = createServer((socket) => {
    sockets.push(socket); // accepted, never answered
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const port = (silent.address() as { port: number }).port;
  try {
    const connection = testConnectionString().replace(
      /TableEndpoint=[^;]+/,
      `TableEndpoint=http://127.0.0.1:${port}/devstoreaccount1`,
    );
    expect(connection).toContain(`127.0.0.1:${port}`);
    const tables = new Tables({ connectionString: connection }, 'silent', undefined, 200);
    await expect(tables.ping()).rejects.toThrow();
    await expect(tables.client('plan').getEntity('meta', 'x')).rejects.toThrow();
    expect(sockets.length).toBeGreaterThanOrEqual(2);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});
