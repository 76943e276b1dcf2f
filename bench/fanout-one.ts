/**
 * One fan-out run on its own: `npx tsx bench/fanout-one.ts <owners> [processes] [--with-bot]` (after npm run
 * build). `--with-bot` loads the bot's modules (teams-ai among them) into the sender first, as the server's
 * own minute scheduler carries them.
 */
import { join } from 'node:path';
import { startEmbeddedTables } from '../src/store/embedded-azurite';
import { fanoutBench } from './fanout';

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => a !== '--with-bot');
  const owners = Number(args[0] ?? 1000);
  const processes = Number(args[1] ?? 1);
  const preload = process.argv.includes('--with-bot') ? [join(__dirname, '..', 'dist', 'bot', 'app.js')] : [];
  const azurite = await startEmbeddedTables({ port: 0 });
  console.log(JSON.stringify(await fanoutBench(azurite.connectionString, owners, processes, preload)));
  await azurite.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
