/** The scale benchmark on its own: `npx tsx bench/scale-one.ts [items...]` (default 1,000 then 10,000). */
import { startAzuriteProcess } from './azurite-process';
import { scaleBench } from './scale';

async function main(): Promise<void> {
  const sizes = process.argv.slice(2).map(Number);
  const azurite = await startAzuriteProcess();
  const runs = [];
  for (const items of sizes.length ? sizes : [1000, 10000])
    runs.push(await scaleBench(azurite.connectionString, items));
  const [small, big] = runs;
  console.log(
    JSON.stringify({ runs, digestGrowth: big && small ? big.digestMs / small.digestMs : undefined }),
  );
  await azurite.close();
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
