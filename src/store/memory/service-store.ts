/** In-memory ServiceStore. */
import type { Change, Council, RoleChange, ServiceStore } from '../../app/ports';
import type { Service } from '../../domain/service';
import { copy } from './versions';

export class MemoryServiceStore implements ServiceStore {
  private readonly services = new Map<string, Service>();
  private councilRow: Council = { leads: [] };
  private readonly changes: RoleChange[] = [];

  all(): Promise<Service[]> {
    return Promise.resolve([...this.services.values()].map(copy).sort((a, b) => a.key.localeCompare(b.key)));
  }

  async directory(): Promise<{ services: Service[]; council: Council }> {
    return { services: await this.all(), council: await this.council() };
  }

  create(service: Service): Promise<boolean> {
    if (this.services.has(service.key)) return Promise.resolve(false);
    this.services.set(service.key, copy(service));
    return Promise.resolve(true);
  }

  update(key: string, change: Change<Service>): Promise<Service | undefined> {
    const current = this.services.get(key);
    if (!current) return Promise.resolve(undefined);
    const next = change(copy(current));
    if (!next) return Promise.resolve(copy(current));
    if (next.key !== key) return Promise.reject(new Error('a service keeps its key'));
    this.services.set(key, copy(next));
    return Promise.resolve(copy(next));
  }

  council(): Promise<Council> {
    return Promise.resolve(copy(this.councilRow));
  }

  updateCouncil(change: Change<Council>): Promise<Council> {
    const next = change(copy(this.councilRow));
    if (next) this.councilRow = copy(next);
    return Promise.resolve(copy(this.councilRow));
  }

  recordRoleChange(change: RoleChange): Promise<void> {
    this.changes.push(copy(change));
    return Promise.resolve();
  }

  roleChanges(): Promise<RoleChange[]> {
    return Promise.resolve(copy(this.changes));
  }
}
