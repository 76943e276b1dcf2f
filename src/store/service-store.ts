/**
 * The services table (base prefix only): PartitionKey `service`, RowKey = service key, one row a service;
 * PartitionKey `council`, RowKey `council`: performance leads and the corporate channel; PartitionKey
 * `role-change`, RowKey `<at>|<random>`: the audit trail of grants and revocations (append-only).
 */
import { randomUUID } from 'node:crypto';
import { odata, type TableClient } from '@azure/data-tables';
import type { Change, Council, RoleChange, ServiceStore } from '../app/ports';
import type { Service } from '../domain/service';
import { isConflict, isNotFound } from './errors';
import type { Tables } from './tables';

type Directory = Awaited<ReturnType<ServiceStore['directory']>>;

/** A role write that keeps meeting a concurrent one gives up after this many fresh reads. */
const MAX_ATTEMPTS = 20;

/** A short random pause before reading again, so racing writers spread out. */
const pause = () => new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20));

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

/** A row of either kind as read back. */
type StoredRow = Omit<Partial<ServiceEntity>, 'partitionKey'> & CouncilEntity;

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
    >({ queryOptions: { filter: odata`PartitionKey eq ${'service'} or PartitionKey eq ${'council'}` } })) {
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

  async update(key: string, change: Change<Service>): Promise<Service | undefined> {
    this.cached = undefined;
    for (let attempt = 0; ; attempt += 1) {
      const row = await this.readRow('service', key);
      if (!row) return undefined;
      const next = change(toService(row.entity));
      if (!next) return toService(row.entity);
      if (next.key !== key) throw new Error('a service keeps its key');
      try {
        await this.client.updateEntity(toEntity(next), 'Replace', { etag: row.etag });
        return next;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
        await pause();
      }
    }
  }

  async council(): Promise<Council> {
    return (await this.directory()).council;
  }

  async updateCouncil(change: Change<Council>): Promise<Council> {
    this.cached = undefined;
    for (let attempt = 0; ; attempt += 1) {
      const row = await this.readRow('council', 'council');
      const current = row ? toCouncil(row.entity) : { leads: [] };
      const next = change(current);
      if (!next) return current;
      const entity = {
        partitionKey: 'council',
        rowKey: 'council',
        leads: JSON.stringify(next.leads),
        corporateChannel: next.corporateChannel ? JSON.stringify(next.corporateChannel) : '',
      };
      try {
        if (row) await this.client.updateEntity(entity, 'Replace', { etag: row.etag });
        else await this.client.createEntity(entity);
        return next;
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
        await pause();
      }
    }
  }

  async recordRoleChange(change: RoleChange): Promise<void> {
    // Row keys in time order; the random tail keeps two changes of one millisecond apart.
    await this.client.createEntity({
      partitionKey: 'role-change',
      rowKey: `${change.at}|${randomUUID().slice(0, 8)}`,
      ...change,
    });
  }

  async roleChanges(): Promise<RoleChange[]> {
    const out: RoleChange[] = [];
    for await (const e of this.client.listEntities<RoleChange>({
      queryOptions: { filter: odata`PartitionKey eq ${'role-change'}` },
    }))
      out.push({ at: e.at, by: e.by, action: e.action, role: e.role, upn: e.upn, service: e.service });
    return out;
  }

  private async readRow(
    partition: string,
    row: string,
  ): Promise<{ entity: StoredRow; etag: string } | undefined> {
    try {
      const entity = await this.client.getEntity<StoredRow>(partition, row);
      return { entity, etag: entity.etag };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
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
