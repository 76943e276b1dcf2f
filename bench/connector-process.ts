/**
 * The connector stand-in in a process of its own for the fan-out benchmark, so that the arrival times it
 * judges Teams' limits by are not skewed by the benchmark's own storage work. Prints its URL, then serves
 * what it saw at GET <stats url>.
 */
import { createServer } from 'node:http';
import { ConnectorStub } from '../test/support/connector-stub';

async function main(): Promise<void> {
  const stub = new ConnectorStub();
  stub.enforceLimits = true;
  stub.keepBodies = false;
  await stub.start();
  const stats = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        received: stub.received.map((r) => ({ c: r.conversationId, at: r.at })),
        refused429: stub.refused.filter((r) => r.status === 429).length,
      }),
    );
  });
  await new Promise<void>((resolve) => stats.listen(0, '127.0.0.1', () => resolve()));
  const address = stats.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: stub.url, stats: `http://127.0.0.1:${port}/` })}\n`);
  process.on('SIGTERM', () => {
    stats.close();
    void stub.stop().then(() => process.exit(0));
  });
}

void main();
