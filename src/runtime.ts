/** Composition root shared by the server and the CLI: storage connection and repositories. */
import { resolve } from 'node:path';
import type { Config } from './config';
import { startEmbeddedTables, type EmbeddedTables } from './store/embedded-azurite';
import { PlanRepository } from './store/plan-repository';
import { PeopleRepository } from './store/people-repository';
import { CycleRepository } from './store/cycle-repository';
import { ReturnRepository } from './store/return-repository';
import { OutboxRepository } from './store/outbox-repository';
import { LeaseRepository } from './store/lease-repository';
import { DigestRepository } from './store/digest-repository';
import { Tables } from './store/tables';

export interface Runtime {
  readonly config: Config;
  readonly tables: Tables;
  readonly plans: PlanRepository;
  readonly people: PeopleRepository;
  readonly cycles: CycleRepository;
  readonly returns: ReturnRepository;
  readonly outbox: OutboxRepository;
  readonly leases: LeaseRepository;
  readonly digests: DigestRepository;
  /** Where the data lives, for people: "embedded Azurite (.data/azurite)" or the endpoint. */
  readonly storageDescription: string;
  close(): Promise<void>;
}

/** Every repository over one set of tables. */
export function repositories(tables: Tables) {
  return {
    plans: new PlanRepository(tables),
    people: new PeopleRepository(tables),
    cycles: new CycleRepository(tables),
    returns: new ReturnRepository(tables),
    outbox: new OutboxRepository(tables),
    leases: new LeaseRepository(tables),
    digests: new DigestRepository(tables),
  };
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
    embedded = await startEmbeddedTables({ port: config.storage.port, location, share: true });
    tables = new Tables({ connectionString: embedded.connectionString }, config.tablePrefix);
    storageDescription = embedded.owned
      ? `embedded Azurite on 127.0.0.1:${config.storage.port}, data in ${location}`
      : `the embedded Azurite already running on 127.0.0.1:${config.storage.port}`;
  }
  await tables.ensure();
  return {
    config,
    tables,
    ...repositories(tables),
    storageDescription,
    close: async () => {
      await embedded?.close();
    },
  };
}
