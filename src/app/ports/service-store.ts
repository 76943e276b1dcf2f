/** Port: the deployment's services, and what belongs to the council as a whole (leads, corporate channel). */
import type { Service } from '../../domain/service';
import type { Stores } from './deps';
import type { Channel } from './people-store';

export interface Council {
  /** Performance leads granted in chat (lower-case UPNs): they see every service. */
  readonly leads: readonly string[];
  /** Where the council digest is posted (`register corporate channel`). */
  readonly corporateChannel?: Channel | undefined;
}

export interface ServiceStore {
  /** Every service, retired ones included, by key. */
  all(): Promise<Service[]>;
  /** The services and the council row together (one request: who is who is read on every message). */
  directory(): Promise<{ services: Service[]; council: Council }>;
  /** Creates the service; false when one with that key exists already (nothing is changed then). */
  create(service: Service): Promise<boolean>;
  save(service: Service): Promise<void>;
  council(): Promise<Council>;
  saveCouncil(council: Council): Promise<void>;
}

/** Every service's stores, from one storage account. */
export interface ServiceSpace {
  readonly services: ServiceStore;
  /** The stores of the unprefixed tables: people, the send lease, and the first service's data. */
  readonly base: Stores;
  /** The stores of one scope's tables (`Service.scope`); '' is the base. */
  storesOf(scope: string): Stores;
}
