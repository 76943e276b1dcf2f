import { startAzuriteProcess } from './azurite-process';
import { dashboardBench } from './dashboard';
void (async () => {
  const a = await startAzuriteProcess();
  const n = Number(process.argv[2] ?? 1000);
  console.log(JSON.stringify(await dashboardBench(a.connectionString, n)));
  await a.close();
  process.exit(0);
})();
