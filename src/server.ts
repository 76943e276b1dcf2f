/** HTTP entry point: POST /api/messages (Bot Framework), GET /healthz, GET /readyz. */
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { openRuntime, type Runtime } from './runtime';

export interface RunningServer {
  readonly url: string;
  readonly runtime: Runtime;
  stop(): Promise<void>;
}

export function buildApp(runtime: Runtime, log: Logger): Express {
  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    runtime.tables.ping().then(
      () => res.json({ status: 'ready', storage: 'reachable' }),
      (error: unknown) => {
        log.warn({ err: error }, 'storage not reachable');
        res.status(503).json({ status: 'not ready', storage: 'unreachable' });
      },
    );
  });
  return app;
}

/** Starts storage and the HTTP server. */
export async function startServer(
  config: Config,
  log: Logger = createLogger(config.logLevel),
): Promise<RunningServer> {
  if (config.localMode) {
    log.warn(
      'LOCAL MODE: MicrosoftAppId is empty, so inbound requests are NOT authenticated. Never run like this in production.',
    );
  }
  if (!config.localMode && config.allowedTenants.length === 0) {
    log.warn('ALLOWED_TENANTS is empty: activities from any Entra tenant are accepted.');
  }
  const runtime = await openRuntime(config);
  log.info({ storage: runtime.storageDescription }, 'storage ready');
  const app = buildApp(runtime, log);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url }, 'RAG Chaser listening');
  return {
    url,
    runtime,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await runtime.close();
    },
  };
}

if (require.main === module) {
  const config = loadConfig();
  const log = createLogger(config.logLevel);
  startServer(config, log).then(
    (running) => {
      const shutdown = (signal: string) => {
        log.info({ signal }, 'shutting down');
        running.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    },
    (error: unknown) => {
      log.fatal({ err: error }, 'could not start');
      process.exit(1);
    },
  );
}
