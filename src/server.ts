/**
 * HTTP entry point: POST /api/messages (Bot Framework), the dashboard tab (GET /tabs/dashboard and
 * /api/dashboard), GET /healthz, GET /readyz.
 */
import { StorageAccessError } from './domain/errors';
import express, { type Express } from 'express';
import type { Server } from 'node:http';
import { loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { cardsFollow } from './app/returns/card-projection';
import { appDeps, openRuntime, type Runtime } from './runtime';
import type { Clock } from './app/ports';
import { createAdapter, createInboundAuthenticator } from './teams/adapter';
import { checkEnvelope } from './teams/inbound';
import { createMessenger } from './teams/messenger';
import { ConnectorClient, botTokenProvider } from './teams/connector-client';
import { tabTokenChecker } from './teams/tab-token';
import { createBot } from './bot/app';
import { dashboardApi, type DashboardApiOptions } from './tabs/dashboard-api';
import { dashboardPageRoutes } from './tabs/page';
import type { BotDeps } from './bot/deps';
import type { TeamsAdapter } from '@microsoft/teams-ai';
import type { Application } from '@microsoft/teams-ai';
import { startScheduler, type Scheduler } from './jobs/scheduler';
import { tickServices } from './app/cycle/tick-services';
import type { TickReport } from './app/cycle/tick';
import { childTicksAvailable, tickInChild } from './jobs/tick-process';
import { startTelemetry, type Telemetry } from './telemetry';

export interface RunningServer {
  readonly url: string;
  readonly runtime: Runtime;
  readonly services: BotDeps;
  /** Settles when the card rows of quarters stored before them are built (see app/card-rows). */
  readonly migrated: Promise<void>;
  stop(): Promise<void>;
}

/** Services for the bot and jobs, from a runtime. */
export function botServices(
  runtime: Runtime,
  adapter: TeamsAdapter,
  log: Logger,
  clock: Clock = () => new Date().toISOString(),
): BotDeps {
  return {
    ...appDeps(
      runtime,
      createMessenger(runtime.config, (problem) => log.warn(problem)),
    ),
    config: runtime.config,
    space: runtime.space,
    log,
    clock,
  };
}

export function buildApp(
  runtime: Runtime,
  log: Logger,
  bot?: { adapter: TeamsAdapter; app: Application },
  tabs?: { services: BotDeps; options: DashboardApiOptions },
): Express {
  const app = express();
  app.disable('x-powered-by');
  if (bot) {
    const authenticate = createInboundAuthenticator(runtime.config);
    app.post('/api/messages', express.json({ limit: '1mb' }), (req, res) => {
      const envelope = checkEnvelope(req.body);
      if (!envelope.ok) {
        res.status(400).json({ error: envelope.problem });
        return;
      }
      authenticate(envelope.activity, req.headers.authorization ?? '')
        .then(async (ok) => {
          if (!ok) {
            log.warn('inbound request refused: its Bot Framework token could not be verified');
            res.status(401).json({ error: 'Unauthorized' });
            return;
          }
          await bot.adapter.process(req, res, async (context) => {
            await bot.app.run(context);
          });
        })
        .catch((error: unknown) => {
          // The turn's own error boundary has answered already; what fails here is talking back to the
          // sender (its serviceUrl refused the reply). The activity was taken: say so, never a 5xx.
          log.error({ err: error }, 'could not reply to an inbound activity');
          if (!res.headersSent)
            res.status(202).json({ error: 'Accepted, but the reply could not be delivered.' });
        });
    });
  }
  if (tabs) {
    app.use(dashboardPageRoutes());
    app.use(dashboardApi(tabs.services, tabs.options));
  }
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

/**
 * The scheduler's tick: in a child process of its own (jobs/tick-worker), so the fan-out does not carry
 * the bot's modules and its memory is returned when it ends. Run from the TypeScript sources (tests,
 * tsx), where there is no compiled worker, the tick runs in this process.
 */
function minuteTick(runtime: Runtime, services: BotDeps, log: Logger): (now: string) => Promise<TickReport> {
  if (childTicksAvailable()) {
    log.info('the minute tick runs in a process of its own');
    const config = { ...runtime.config, storage: runtime.storageForChildren };
    return (now) => tickInChild(config, now);
  }
  return (now) =>
    tickServices(services, runtime.space, runtime.config.serviceManagers, now, { leases: runtime.leases });
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
  const runtime = await openRuntime(config);
  log.info({ storage: runtime.storageDescription }, 'storage ready');
  const adapter = createAdapter(config);
  const services = botServices(runtime, adapter, log);
  const bot = createBot(services, adapter);
  // The bot's error boundary answers with a card; when even that cannot reach the sender (its serviceUrl
  // refused the reply), the failure is logged and the activity still answered, never with a 5xx.
  const boundary = adapter.onTurnError;
  adapter.onTurnError = async (context, error) => {
    try {
      await boundary(context, error);
    } catch (failed) {
      log.error({ err: failed }, 'could not reply to an inbound activity');
    }
  };
  const tabs = {
    services,
    options: {
      checkToken: tabTokenChecker({
        audiences: config.tab.audiences,
        allowedTenants: config.allowedTenants,
        keysUrl: config.tab.keysUrl,
      }),
      connector: new ConnectorClient(botTokenProvider(config)),
    },
  };
  const app = buildApp(runtime, log, { adapter, app: bot }, tabs);
  const scheduler: Scheduler | undefined = config.schedulerEnabled
    ? startScheduler(minuteTick(runtime, services, log), log)
    : undefined;
  if (!scheduler)
    log.info('SCHEDULER_ENABLED=false: no minute tick in this process (run rag-chaser tick elsewhere)');
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://127.0.0.1:${port}`;
  log.info({ url }, 'RAG Chaser listening');
  // Tables written before each person had card rows: built once, in the background (a request meanwhile
  // waits for its quarter's build, or reads the whole quarter).
  const migration = cardsFollow(runtime, { kind: 'store-opened' }).then(
    ({ cycles }) => {
      if (cycles.length) log.info({ cycles }, 'card rows built for quarters stored before them');
    },
    (error: unknown) => log.error({ err: error }, 'building card rows failed: they are built on use'),
  );
  return {
    url,
    runtime,
    services,
    migrated: migration,
    // Graceful: stop taking requests, let a running tick finish its sends (releasing the lease), then storage.
    stop: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      await scheduler?.stop();
      await closed;
      await migration;
      await runtime.close();
    },
  };
}

/** Runs the server until SIGTERM or SIGINT, then stops it gracefully and flushes telemetry. */
export function runServer(config: Config, telemetry: Telemetry): void {
  const log = createLogger(config.logLevel);
  if (telemetry.on) log.info('Application Insights telemetry on (OpenTelemetry)');
  startServer(config, log).then(
    (running) => {
      const shutdown = (signal: string) => {
        log.info({ signal }, 'shutting down');
        running
          .stop()
          .then(() => telemetry.stop(log))
          .then(
            () => process.exit(0),
            () => process.exit(1),
          );
      };
      process.once('SIGTERM', () => shutdown('SIGTERM'));
      process.once('SIGINT', () => shutdown('SIGINT'));
    },
    (error: unknown) => {
      if (error instanceof StorageAccessError) log.fatal(error.message);
      else log.fatal({ err: error }, 'could not start');
      process.exit(1);
    },
  );
}

/** `node dist/server.js` still runs the server, with telemetry started late (prefer dist/main.js). */
if (require.main === module) {
  const config = loadConfig();
  runServer(config, startTelemetry(config));
}
