/**
 * The services table (base prefix only): PartitionKey `service`, RowKey = service key, one row a service;
 * PartitionKey `council`, RowKey `council`: performance leads and the corporate channel.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { Council, ServiceStore } from '../app/ports';
import type { Service } from '../domain/service';
import { isConflict, isNotFound } from './errors';
import type { Tables } from './tables';

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

export class TableServiceStore implements ServiceStore {
  private readonly client: TableClient;
  constructor(private readonly tables: Tables) {
    this.client = tables.client('services');
  }

  async all(): Promise<Service[]> {
    const out: Service[] = [];
    for await (const e of this.client.listEntities<ServiceEntity>({
      queryOptions: { filter: odata`PartitionKey eq 'service'` },
    }))
      out.push(toService(e));
    return out.sort((a, b) => a.key.localeCompare(b.key));
  }

  async directory(): Promise<{ services: Service[]; council: Council }> {
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
    try {
      await this.client.createEntity(toEntity(service));
      return true;
    } catch (error) {
      if (isConflict(error)) return false;
      throw error;
    }
  }

  async save(service: Service): Promise<void> {
    await this.client.upsertEntity(toEntity(service), 'Replace');
  }

  async council(): Promise<Council> {
    try {
      return toCouncil(await this.client.getEntity<CouncilEntity>('council', 'council'));
    } catch (error) {
      if (isNotFound(error)) return { leads: [] };
      throw error;
    }
  }

  async saveCouncil(council: Council): Promise<void> {
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
