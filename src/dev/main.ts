/**
 * `npm run dev`: the local trial. Embedded Azurite (data under .data/), two services of one council loaded
 * (idempotent): Libraries, Registration and Archives (the LRA 2016/17 sample plan) and Customer Services
 * (a small invented plan), the bot on http://127.0.0.1:3978, and the Microsoft 365 Agents Playground to
 * talk to it. Ctrl-C stops everything.
 */
import { join } from 'node:path';
import { loadConfig } from '../config';
import { createLogger } from '../logger';
import { startServer } from '../server';
import { planImportCommand } from '../cli/plan-commands';
import { readInputFile } from '../cli/arguments';
import { consoleOutput } from '../cli/output';
import { scopedRuntime } from '../cli/service-commands';
import { listServices } from '../app/council/services';
import { startPlayground, type Playground } from './playground';
import { startUploadTrial } from './plan-upload-trial';
import { addSampleReturns } from './sample-returns';
import { appDeps } from '../runtime';
import { openInBrowser } from './open-browser';

const ROOT = join(__dirname, '..', '..');
const SAMPLES = join(ROOT, 'samples');

/** The trial's services: key, name, sample folder, plan name. */
const TRIAL = [
  ['lra', 'Libraries, Registration and Archives', 'lra-2016-17', 'LRA Service Plan 2016/17'],
  ['customer-services', 'Customer Services', 'customer-services-2016-17', 'Customer Services Plan 2016/17'],
] as const;
/** The playground's current user (see .m365agentsplayground.yml) gets the service-manager role in the trial. */
const PLAYGROUND_USER = 'area-ops.gravesham@example.org';

async function dev(): Promise<void> {
  const config = loadConfig(undefined, { HOST: '127.0.0.1', SERVICE_MANAGERS: PLAYGROUND_USER });
  const log = createLogger(config.logLevel);
  const running = await startServer(config, log);
  const now = new Date().toISOString();
  // Data from a trial before services is the first service already (key "main"): LRA stays there.
  const first = (await listServices(running.runtime.space, now)).find((s) => s.scope === '');
  for (const [key, name, folder, planName] of TRIAL) {
    const serviceKey = key === 'lra' && first ? first.key : key;
    const rt = await scopedRuntime(
      running.runtime,
      consoleOutput,
      { key: serviceKey, create: { name } },
      now,
    );
    await planImportCommand(
      rt,
      consoleOutput,
      {
        activities: readInputFile(join(SAMPLES, folder, 'activities.csv'), `The ${key} sample activities`),
        kpis: readInputFile(join(SAMPLES, folder, 'kpis.csv'), `The ${key} sample KPIs`),
        name: planName,
      },
      now,
    );
    // Two quarters of answers in LRA, so the dashboard has a trend to show (once; kept after).
    if (key === 'lra' && (await addSampleReturns(appDeps(rt, running.services.messenger), rt.leases)))
      consoleOutput.line(
        'Sample returns for 2015/16 Q2 and Q3 (closed) added to Libraries, Registration and Archives, for the dashboard.',
      );
  }
  let playground: Playground | undefined;
  if (config.playground.enabled) {
    playground = await startPlayground({
      root: ROOT,
      botUrl: running.url,
      port: config.playground.port,
      onLog: (line) => log.debug({ playground: line }),
    });
  }
  const trial = playground
    ? await startUploadTrial({
        workbook: join(SAMPLES, 'lra-2016-17', 'plan.xlsx'),
        dataDir: config.storage.kind === 'embedded' ? config.storage.dataDir : '.data',
        playgroundUrl: playground.url,
        service: first?.key ?? 'lra',
      })
    : undefined;
  const dashboard = `${running.url}/tabs/dashboard?user=${encodeURIComponent(PLAYGROUND_USER)}`;
  consoleOutput.line('');
  consoleOutput.line(`Dashboard: ${dashboard}`);
  if (config.playground.enabled) openInBrowser(dashboard);
  consoleOutput.line(
    `RAG Chaser is running at ${running.url} (storage: ${running.runtime.storageDescription}).`,
  );
  if (playground) {
    consoleOutput.line(
      `Open ${playground.url} in your browser: you are ${PLAYGROUND_USER}, an owner in both services and (for this trial) their service manager.`,
    );
    consoleOutput.line(
      'Try: "open 2016/17 Q1" (pick a service), answer the card, then "status". Elsewhere: npx rag-chaser status --service lra',
    );
    if (trial)
      consoleOutput.line(
        `Plan upload: the Playground cannot attach files as Teams does; send the message with the sample workbook attached: curl -s -X POST ${playground.url}/_internal/v1/customActivities -H 'content-type: application/json' -d @${trial.activityFile} (or paste that file in "Mock an Activity").`,
      );
  }
  if (config.storage.kind === 'embedded')
    consoleOutput.line(
      `Stop: Ctrl-C. Data stays in ${config.storage.dataDir}/ (npm run reset clears .data/).`,
    );
  else consoleOutput.line('Stop: Ctrl-C.');
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    Promise.all([playground?.stop(), trial?.stop(), running.stop()]).then(
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
