/** One fan-out run on its own: `npx tsx bench/fanout-one.ts <owners> [processes]` (after npm run build). */
import { startEmbeddedTables } from '../src/store/embedded-azurite';
import { fanoutBench } from './fanout';

async function main(): Promise<void> {
  const owners = Number(process.argv[2] ?? 1000);
  const processes = Number(process.argv[3] ?? 1);
  const azurite = await startEmbeddedTables({ port: 0 });
  console.log(JSON.stringify(await fanoutBench(azurite.connectionString, owners, processes)));
  await azurite.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
