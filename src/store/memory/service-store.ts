/** In-memory ServiceStore. */
import type { Council, ServiceStore } from '../../app/ports';
import type { Service } from '../../domain/service';
import { copy } from './versions';

export class MemoryServiceStore implements ServiceStore {
  private readonly services = new Map<string, Service>();
  private councilRow: Council = { leads: [] };

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

  save(service: Service): Promise<void> {
    this.services.set(service.key, copy(service));
    return Promise.resolve();
  }

  council(): Promise<Council> {
    return Promise.resolve(copy(this.councilRow));
  }

  saveCouncil(council: Council): Promise<void> {
    this.councilRow = copy(council);
    return Promise.resolve();
  }
}
