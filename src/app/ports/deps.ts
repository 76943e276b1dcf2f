/** What use cases are given: every port, and the few settings they need. Each use case picks its part. */
import type { ServiceLabel } from '../../domain/service';
import type { CardComposer } from './cards';
import type { CycleStore } from './cycle-store';
import type { DigestStore } from './digest-store';
import type { LeaseStore } from './lease-store';
import type { Messenger } from './messenger';
import type { Installer } from './installer';
import type { EmailFallback } from './mailer';
import type { Assistant } from './assistant';
import type { OutboxStore } from './outbox-store';
import type { PeopleStore } from './people-store';
import type { PlanStore } from './plan-store';
import type { ReturnStore } from './return-store';

/**
 * The time convention: entry points hold a clock; use cases take the instant as an ISO-8601 UTC string,
 * except those that run for long (a fan-out), which take the clock so their records carry real times.
 */
export type Clock = () => string;

/** One store per table. */
export interface Stores {
  readonly plans: PlanStore;
  readonly people: PeopleStore;
  readonly cycles: CycleStore;
  readonly returns: ReturnStore;
  readonly outbox: OutboxStore;
  readonly leases: LeaseStore;
  readonly digests: DigestStore;
}

export interface AppDeps extends Stores {
  readonly messenger: Messenger;
  /** With PROACTIVE_INSTALL: installs the app for an owner who has not, before they are chased. */
  readonly installer?: Installer | undefined;
  /** With EMAIL_FALLBACK_FROM: owners still unreachable in Teams after a delay are emailed. */
  readonly email?: EmailFallback | undefined;
  /** With AI_ENDPOINT: free wording to queries, and drafts of overall commentaries. */
  readonly assistant?: Assistant | undefined;
  readonly cards: CardComposer;
  /** Reporting time zone (IANA), e.g. Europe/London. */
  readonly zone: string;
  /** Service managers named in configuration (SERVICE_MANAGERS); granted ones are read from people. */
  readonly serviceManagers: readonly string[];
  /** The service these stores belong to; absent before any service exists (nothing imported yet). */
  readonly service?: ServiceLabel | undefined;
}
