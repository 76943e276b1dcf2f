/** Composition root shared by the server and the CLI: the storage connection, its stores, the use cases' deps. */
import { resolve } from 'node:path';
import type { AppDeps, Messenger, ServiceSpace, Stores } from './app/ports';
import { labelOf, managersOf, serviceStores } from './app/council/services';
import { configuredManagers, type Service } from './domain/service';
import { cardComposer } from './cards/composer';
import type { Config } from './config';
import { ConfigError } from './domain/errors';
import type { EmbeddedTables } from './store/embedded-azurite';
import { tableSpace, tableStores } from './store';
import { createInstaller } from './teams/graph-installer';
import { createEmailFallback } from './teams/graph-mailer';
import { createAssistant } from './ai/assistant';
import { Tables } from './store/tables';

export interface Runtime extends Stores {
  readonly config: Config;
  readonly tables: Tables;
  /** Where the data lives, for people: "embedded Azurite (.data/azurite)" or the endpoint. */
  readonly storageDescription: string;
  /** The storage setting another process uses to reach these same tables (the tick's, jobs/tick-process). */
  readonly storageForChildren: Config['storage'];
  /** Every service's stores. */
  readonly space: ServiceSpace;
  /** The service this runtime's stores belong to (see `serviceRuntime`); absent before any exists. */
  readonly current?: { readonly service: Service; readonly all: readonly Service[] } | undefined;
  close(): Promise<void>;
}

/** The runtime of one service: its stores in place of the base ones. Its tables are created if new. */
export async function serviceRuntime(
  rt: Runtime,
  service: Service,
  all: readonly Service[],
): Promise<Runtime> {
  if (service.scope) await rt.tables.scoped(service.scope).ensure();
  return {
    ...rt,
    ...serviceStores(rt.space, service),
    tables: rt.tables.scoped(service.scope),
    current: { service, all },
  };
}

/** What the use cases are given: this runtime's stores, the cards, the messenger and the settings. */
export function appDeps(rt: Runtime, messenger: Messenger): AppDeps {
  const { plans, people, cycles, returns, outbox, leases, digests } = rt;
  return {
    plans,
    people,
    cycles,
    returns,
    outbox,
    leases,
    digests,
    messenger,
    cards: cardComposer,
    zone: rt.config.timezone,
    installer: createInstaller(rt.config),
    email: createEmailFallback(rt.config),
    assistant: createAssistant(rt.config),
    serviceManagers: rt.current
      ? managersOf(rt.current.service, rt.config.serviceManagers)
      : configuredManagers(rt.config.serviceManagers, ''),
    service: rt.current ? labelOf(rt.current.service, rt.current.all) : undefined,
  };
}

/**
 * The embedded Azurite is for local mode only, and a development dependency: a production install
 * (`npm ci --omit=dev`, the deployment zip) does not have it, and never loads it.
 */
async function loadEmbedded(): Promise<typeof import('./store/embedded-azurite')> {
  try {
    return await import('./store/embedded-azurite');
  } catch (error) {
    if ((error as { code?: string }).code === 'MODULE_NOT_FOUND')
      throw new ConfigError(
        'No storage is configured and the embedded Azurite is not installed (it is a development dependency). Set TABLES_ENDPOINT or TABLES_CONNECTION_STRING, or run "npm ci" for local development.',
      );
    throw error;
  }
}

export async function openRuntime(config: Config): Promise<Runtime> {
  let embedded: EmbeddedTables | undefined;
  let tables: Tables;
  let storageDescription: string;
  if (config.storage.kind === 'connectionString') {
    tables = new Tables({ connectionString: config.storage.connectionString }, config.tablePrefix);
    storageDescription = 'Table Storage (connection string)';
  } else if (config.storage.kind === 'endpoint') {
    tables = new Tables({ endpoint: config.storage.endpoint }, config.tablePrefix);
    storageDescription = `Table Storage at ${config.storage.endpoint} (managed identity)`;
  } else {
    const location = resolve(config.storage.dataDir, 'azurite');
    embedded = await (
      await loadEmbedded()
    ).startEmbeddedTables({
      port: config.storage.port,
      location,
      share: true,
    });
    tables = new Tables({ connectionString: embedded.connectionString }, config.tablePrefix);
    storageDescription = embedded.owned
      ? `embedded Azurite on 127.0.0.1:${config.storage.port}, data in ${location}`
      : `the embedded Azurite already running on 127.0.0.1:${config.storage.port}`;
  }
  await tables.ensure();
  const storageForChildren: Config['storage'] = embedded
    ? { kind: 'connectionString', connectionString: embedded.connectionString }
    : config.storage;
  const base = tableStores(tables);
  return {
    config,
    tables,
    ...base,
    space: tableSpace(tables, base),
    storageDescription,
    storageForChildren,
    close: async () => {
      await embedded?.close();
    },
  };
}
