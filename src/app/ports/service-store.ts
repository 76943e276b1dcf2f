/** Port: the deployment's services, and what belongs to the council as a whole (leads, corporate channel). */
import type { Service } from '../../domain/service';
import type { Change } from './change';
import type { Stores } from './deps';
import type { Channel } from './people-store';

export interface Council {
  /** Performance leads granted in chat or the CLI (lower-case UPNs): they see every service. */
  readonly leads: readonly string[];
  /** Where the council digest is posted (`register corporate channel`). */
  readonly corporateChannel?: Channel | undefined;
}

/** One grant or revocation of a role: the audit trail `rag-chaser roles` reads. Never rewritten. */
export interface RoleChange {
  readonly at: string;
  readonly by: string;
  readonly action: 'grant' | 'revoke';
  readonly role: 'service-manager' | 'performance-lead';
  readonly upn: string;
  /** The service of a service-manager role; '' for a lead. */
  readonly service: string;
}

export interface ServiceStore {
  /** Every service, retired ones included, by key. */
  all(): Promise<Service[]>;
  /** The services and the council row together (one request: who is who is read on every message). */
  directory(): Promise<{ services: Service[]; council: Council }>;
  /** Creates the service; false when one with that key exists already (nothing is changed then). */
  create(service: Service): Promise<boolean>;
  /** Changes a service on a fresh read (never lost to a concurrent change); undefined when it does not exist. */
  update(key: string, change: Change<Service>): Promise<Service | undefined>;
  council(): Promise<Council>;
  /** Changes the council row on a fresh read, as `update`. */
  updateCouncil(change: Change<Council>): Promise<Council>;
  /** Appends a role change to the audit trail. */
  recordRoleChange(change: RoleChange): Promise<void>;
  /** The audit trail, oldest first. */
  roleChanges(): Promise<RoleChange[]>;
}

/** Every service's stores, from one storage account. */
export interface ServiceSpace {
  readonly services: ServiceStore;
  /** The stores of the unprefixed tables: people, the send lease, and the first service's data. */
  readonly base: Stores;
  /** The stores of one scope's tables (`Service.scope`); '' is the base. */
  storesOf(scope: string): Stores;
}
