/** The Table Storage adapters: one store per table, each implementing its port. */
import type { ServiceSpace, Stores } from '../app/ports';
import { TableServiceStore } from './service-store';
import { TableCycleStore } from './cycle-store';
import { TableDigestStore } from './digest-store';
import { TableLeaseStore } from './lease-store';
import { TableOutboxStore } from './outbox-store';
import { TablePeopleStore } from './people-store';
import { TablePlanStore } from './plan-store';
import { TableReturnStore } from './return-store';
import type { Tables } from './tables';

/** Every store over one set of tables. */
export function tableStores(tables: Tables): Stores {
  return {
    plans: new TablePlanStore(tables),
    people: new TablePeopleStore(tables),
    cycles: new TableCycleStore(tables),
    returns: new TableReturnStore(tables),
    outbox: new TableOutboxStore(tables),
    leases: new TableLeaseStore(tables),
    digests: new TableDigestStore(tables),
  };
}

/** Every service's stores over one storage account: the base set, and a set per service scope. */
export function tableSpace(tables: Tables, base: Stores = tableStores(tables)): ServiceSpace {
  const scopes = new Map<string, Stores>();
  return {
    services: new TableServiceStore(tables),
    base,
    storesOf(scope: string): Stores {
      if (!scope) return base;
      let stores = scopes.get(scope);
      if (!stores) {
        stores = tableStores(tables.scoped(scope));
        scopes.set(scope, stores);
      }
      return stores;
    },
  };
}
