/**
 * Application Insights through OpenTelemetry (Azure Monitor distro), on only when
 * APPLICATIONINSIGHTS_CONNECTION_STRING is set. Call before the server starts so HTTP is instrumented.
 */
import { shutdownAzureMonitor, useAzureMonitor } from '@azure/monitor-opentelemetry';
import type { Config } from './config';
import type { Logger } from './logger';

export function startTelemetry(config: Config, log: Logger): () => Promise<void> {
  if (!config.appInsightsConnectionString) return () => Promise.resolve();
  useAzureMonitor({
    azureMonitorExporterOptions: { connectionString: config.appInsightsConnectionString },
    enableLiveMetrics: false,
  });
  log.info('Application Insights telemetry on (OpenTelemetry)');
  // Flush at shutdown, but never let an unreachable ingestion endpoint fail or hang the shutdown.
  return async () => {
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
    await Promise.race([
      shutdownAzureMonitor().catch((error: unknown) =>
        log.warn({ err: error }, 'telemetry flush failed at shutdown'),
      ),
      timeout,
    ]);
  };
}
