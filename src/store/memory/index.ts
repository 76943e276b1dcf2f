/** Every store in memory: the ports' second implementation, run beside the Table adapters by the contract suites. */
import type { ServiceSpace, Stores } from '../../app/ports';
import { MemoryServiceStore } from './service-store';
import { MemoryCycleStore } from './cycle-store';
import { MemoryDigestStore } from './digest-store';
import { MemoryLeaseStore } from './lease-store';
import { MemoryOutboxStore } from './outbox-store';
import { MemoryPeopleStore } from './people-store';
import { MemoryPlanStore } from './plan-store';
import { MemoryReturnStore } from './return-store';

export function memoryStores(): Stores {
  return {
    plans: new MemoryPlanStore(),
    people: new MemoryPeopleStore(),
    cycles: new MemoryCycleStore(),
    returns: new MemoryReturnStore(),
    outbox: new MemoryOutboxStore(),
    leases: new MemoryLeaseStore(),
    digests: new MemoryDigestStore(),
  };
}

/** Every service's stores in memory: one set per scope, the base set for scope ''. */
export function memorySpace(base: Stores = memoryStores()): ServiceSpace {
  const scopes = new Map<string, Stores>();
  return {
    services: new MemoryServiceStore(),
    base,
    storesOf(scope: string): Stores {
      if (!scope) return base;
      let stores = scopes.get(scope);
      if (!stores) {
        stores = memoryStores();
        scopes.set(scope, stores);
      }
      return stores;
    },
  };
}
