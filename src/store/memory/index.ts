/** Every store in memory: the ports' second implementation, run beside the Table adapters by the contract suites. */
import type { Stores } from '../../app/ports';
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
