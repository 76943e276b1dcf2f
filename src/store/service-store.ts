/**
 * The services table (base prefix only): PartitionKey `service`, RowKey = service key, one row a service;
 * PartitionKey `council`, RowKey `council`: performance leads and the corporate channel.
 */
import type { TableClient } from '@azure/data-tables';
import type { Council, ServiceStore } from '../app/ports';
import type { Service } from '../domain/service';
import { isConflict } from './errors';
import type { Tables } from './tables';

type Directory = Awaited<ReturnType<ServiceStore['directory']>>;

interface ServiceEntity {
  partitionKey: 'service';
  rowKey: string;
  name: string;
  scope: string;
  createdAt: string;
  retiredAt: string;
  managers: string;
}

interface CouncilEntity {
  leads?: string;
  corporateChannel?: string;
}

/**
 * Who is who is read on every message (roles, the service of a card), and changes a few times a year: the
 * directory is kept for `ttlMs` (10 s) by each instance and dropped at once by its own writes. Another
 * instance's change (a service imported by the CLI, a role granted through another instance) is seen
 * within the TTL.
 */
export class TableServiceStore implements ServiceStore {
  private readonly client: TableClient;
  private cached: { at: number; value: Promise<Directory> } | undefined;

  constructor(
    private readonly tables: Tables,
    private readonly options: { ttlMs?: number; now?: () => number } = {},
  ) {
    this.client = tables.client('services');
  }

  async all(): Promise<Service[]> {
    return [...(await this.directory()).services];
  }

  directory(): Promise<Directory> {
    const now = (this.options.now ?? Date.now)();
    const ttl = this.options.ttlMs ?? 10_000;
    if (this.cached && now - this.cached.at < ttl) return this.cached.value;
    const value = this.read();
    this.cached = { at: now, value };
    // A failed read is not kept.
    value.catch(() => {
      if (this.cached?.value === value) this.cached = undefined;
    });
    return value;
  }

  private async read(): Promise<Directory> {
    const services: Service[] = [];
    let council: Council = { leads: [] };
    for await (const e of this.client.listEntities<
      Omit<Partial<ServiceEntity>, 'partitionKey'> & CouncilEntity
    >()) {
      const partition: string | undefined = e.partitionKey;
      if (partition === 'service') services.push(toService(e));
      else if (partition === 'council') council = toCouncil(e);
    }
    return { services: services.sort((a, b) => a.key.localeCompare(b.key)), council };
  }

  /** The service's own tables exist before it does, so any instance may use it as soon as it is listed. */
  async create(service: Service): Promise<boolean> {
    if (service.scope) await this.tables.scoped(service.scope).ensure();
    this.cached = undefined;
    try {
      await this.client.createEntity(toEntity(service));
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async save(service: Service): Promise<void> {
    this.cached = undefined;
    await this.client.upsertEntity(toEntity(service), 'Replace');
  }

  async council(): Promise<Council> {
    return (await this.directory()).council;
  }

  async saveCouncil(council: Council): Promise<void> {
    this.cached = undefined;
    await this.client.upsertEntity(
      {
        partitionKey: 'council',
        rowKey: 'council',
        leads: JSON.stringify(council.leads),
        corporateChannel: council.corporateChannel ? JSON.stringify(council.corporateChannel) : '',
      },
      'Replace',
    );
  }
}

function toEntity(s: Service): ServiceEntity {
  return {
    partitionKey: 'service',
    rowKey: s.key,
    name: s.name,
    scope: s.scope,
    createdAt: s.createdAt,
    retiredAt: s.retiredAt,
    managers: JSON.stringify(s.managers),
  };
}

function toService(e: Omit<Partial<ServiceEntity>, 'partitionKey'>): Service {
  return {
    key: e.rowKey ?? '',
    name: e.name ?? '',
    scope: e.scope ?? '',
    createdAt: e.createdAt ?? '',
    retiredAt: e.retiredAt ?? '',
    managers: e.managers ? (JSON.parse(e.managers) as string[]) : [],
  };
}

function toCouncil(e: CouncilEntity): Council {
  return {
    leads: e.leads ? (JSON.parse(e.leads) as string[]) : [],
    corporateChannel: e.corporateChannel
      ? (JSON.parse(e.corporateChannel) as Council['corporateChannel'])
      : undefined,
  };
}
