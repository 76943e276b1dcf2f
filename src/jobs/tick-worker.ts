/**
 * The server's minute tick, in a process of its own (forked by jobs/tick-process): the chase's fan-out
 * runs here, without the bot's modules (teams-ai, botbuilder) in memory, and its memory is given back
 * when the tick ends. It takes one `{ config, now }` message, runs the tick under the send lease, answers
 * `{ report, peakRssMb }` or `{ error }`, and exits. A SIGTERM or SIGINT meanwhile does not stop it: the
 * server waits for the tick to finish its sends and release the lease (as it did with the tick in-process).
 */
import type { Config } from '../config-types';
import type { ServicesTickReport } from '../app/cycle/tick-services';

export interface TickRequest {
  readonly config: Config;
  readonly now: string;
}

export type TickAnswer =
  { readonly report: ServicesTickReport; readonly peakRssMb: number } | { readonly error: string };

function isRequest(message: unknown): message is TickRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m: { now?: unknown; config?: unknown } = message;
  return typeof m.now === 'string' && typeof m.config === 'object' && m.config !== null;
}

async function run(request: TickRequest): Promise<ServicesTickReport> {
  const { config, now } = request;
  // Telemetry first, as in main.ts: its instrumentations patch pino and fetch as they are required.
  const telemetry = config.appInsightsConnectionString
    ? // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('../telemetry') as typeof import('../telemetry')).startTelemetry(config)
    : undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { createLogger } = require('../logger') as typeof import('../logger');
  const { appDeps, openRuntime } = require('../runtime') as typeof import('../runtime');
  const { createMessenger } = require('../teams/messenger') as typeof import('../teams/messenger');
  const { tickServices } =
    require('../app/cycle/tick-services') as typeof import('../app/cycle/tick-services');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const log = createLogger(config.logLevel).child({ process: 'tick' });
  const runtime = await openRuntime(config);
  try {
    const deps = appDeps(
      runtime,
      createMessenger(config, (problem) => log.warn(problem)),
    );
    return await tickServices(deps, runtime.space, config.serviceManagers, now, { leases: runtime.leases });
  } finally {
    await runtime.close();
    await telemetry?.stop(log);
  }
}

if (require.main === module) {
  const hold = () => undefined;
  process.on('SIGTERM', hold);
  process.on('SIGINT', hold);
  process.once('message', (message: unknown) => {
    const answer = (value: TickAnswer) =>
      new Promise<void>((resolve) => {
        if (process.send) process.send(value, () => resolve());
        else resolve();
      });
    const work = isRequest(message)
      ? run(message).then((report) =>
          answer({ report, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }),
        )
      : Promise.reject(new Error('the tick process expects { config, now }'));
    work
      .catch((error: unknown) => answer({ error: error instanceof Error ? error.message : String(error) }))
      .finally(() => process.exit(0));
  });
}
