/**
 * Application Insights through OpenTelemetry, on only when APPLICATIONINSIGHTS_CONNECTION_STRING is set.
 * The Azure Monitor distro exports requests (http), Table Storage calls (Azure SDK) and exceptions; the
 * OpenTelemetry project's pino and undici instrumentations add every log line (with its trace id) and
 * every `fetch` (Bot Connector, Microsoft Graph) as dependencies. Instrumentations patch modules as they
 * are required, so this runs before anything that logs or calls out is loaded (src/main.ts).
 */
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { PinoInstrumentation } from '@opentelemetry/instrumentation-pino';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { Config } from './config';
import { scrubbingSpanProcessor } from './telemetry-scrub';
import type { Logger } from './logger';

export interface Telemetry {
  readonly on: boolean;
  /** Flushes what is buffered; never fails or hangs a shutdown over an unreachable ingestion endpoint. */
  stop(log: Logger): Promise<void>;
}

export function startTelemetry(config: Pick<Config, 'appInsightsConnectionString'>): Telemetry {
  if (!config.appInsightsConnectionString) return { on: false, stop: () => Promise.resolve() };
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.appInsightsConnectionString },
    enableLiveMetrics: false,
    // Every trace, not the distro's default of 5 a second: a quarter's fan-out sends 50 cards a second,
    // and a failed send must never be the one sampled away. A council's volume costs little to keep.
    samplingRatio: 1,
    tracesPerSecond: 0,
    // Teams' download and upload links are credentials; Graph paths name people: scrubbed before export.
    spanProcessors: [scrubbingSpanProcessor],
  });
  registerInstrumentations({
    instrumentations: [
      // Log records go to Application Insights as traces (messages); stdout keeps the JSON lines.
      new PinoInstrumentation(),
      // Requests to 127.0.0.1 stand-ins in tests, and to Teams and Graph in production.
      new UndiciInstrumentation(),
    ],
  });
  return {
    on: true,
    stop: async (log) => {
      const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([
        shutdownAzureMonitor().catch((error: unknown) =>
          log.warn({ err: error }, 'telemetry flush failed at shutdown'),
        ),
        timeout,
      ]);
    },
  };
}
