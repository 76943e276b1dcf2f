/**
 * The submit benchmark on its own: `npx tsx bench/submit-one.ts [items] [stored]` (after npm run build).
 * Runs the 10-item baseline first, then the given plan (default 10,000 items, 5,000 returns stored).
 */
import { startAzuriteProcess } from './azurite-process';
import { submitBench } from './submit';

async function main(): Promise<void> {
  const items = Number(process.argv[2] ?? 10000);
  const stored = Number(process.argv[3] ?? items / 2);
  const azurite = await startAzuriteProcess();
  const base = await submitBench(azurite.connectionString, 10, 0);
  const big = await submitBench(azurite.connectionString, items, stored);
  console.log(JSON.stringify({ base, big, p95Ratio: Math.round((big.p95Ms / base.p95Ms) * 100) / 100 }));
  await azurite.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
