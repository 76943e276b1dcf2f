/**
 * One fan-out run on its own: `npx tsx bench/fanout-one.ts <owners> [processes] [--server]` (after npm run
 * build). `--server` sends from the tick process the server's own minute scheduler forks
 * (dist/jobs/tick-worker.js) instead of `rag-chaser tick`.
 */
import { startAzuriteProcess } from './azurite-process';
import { fanoutBench } from './fanout';

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--server');
  const owners = Number(args[0] ?? 1000);
  const processes = Number(args[1] ?? 1);
  const sender = process.argv.includes('--server') ? 'server' : 'cli';
  const azurite = await startAzuriteProcess();
  console.log(JSON.stringify(await fanoutBench(azurite.connectionString, owners, processes, sender)));
  await azurite.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
