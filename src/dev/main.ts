/**
 * `npm run dev`: the local trial. Embedded Azurite (data under .data/), the LRA 2016/17 sample plan
 * loaded (idempotent), and the bot on http://127.0.0.1:3978.
 */
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer } from '../server';
import { planImportCommand } from '../cli/plan-commands';
import { consoleOutput } from '../cli/output';

const SAMPLE = join(__dirname, '..', '..', 'samples', 'lra-2016-17');

async function dev(): Promise<void> {
  const config = loadConfig(undefined, { HOST: '127.0.0.1' });
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  await planImportCommand(
    running.runtime,
    consoleOutput,
    join(SAMPLE, 'activities.csv'),
    { kpis: join(SAMPLE, 'kpis.csv'), name: 'LRA Service Plan 2016/17' },
    new Date().toISOString(),
  );
  consoleOutput.line(
    `\nRAG Chaser is running at ${running.url} (storage: ${running.runtime.storageDescription}).`,
  );
  consoleOutput.line('Try: npx rag-chaser status    Stop: Ctrl-C');
  const stop = () => {
    running.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void dev().catch((error: unknown) => {
  consoleOutput.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
