/** The Table Storage adapters: one store per table, each implementing its port. */
import type { Stores } from '../app/ports';
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
