/** What bot handlers use: repositories, the proactive messenger, config and the clock. */
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { ChaseDeps } from '../app/owed';
import type { FanoutDeps } from '../app/fanout';
import type { Messenger, PeopleStore } from '../app/ports';
import type { PlanRepository } from '../store/plan-repository';
import type { CycleRepository } from '../store/cycle-repository';
import type { ReturnRepository } from '../store/return-repository';
import type { OutboxRepository } from '../store/outbox-repository';
import type { LeaseRepository } from '../store/lease-repository';
import type { DigestRepository } from '../store/digest-repository';
import type { StepDeps } from '../app/run-steps';

export interface BotServices extends ChaseDeps, FanoutDeps, StepDeps {
  readonly leases: LeaseRepository;
  readonly digests: DigestRepository;
  readonly config: Config;
  readonly log: Logger;
  readonly plans: PlanRepository;
  readonly cycles: CycleRepository;
  readonly returns: ReturnRepository;
  readonly outbox: OutboxRepository;
  readonly people: PeopleStore;
  readonly messenger: Messenger;
  readonly now: () => string;
}

/** The person behind an activity, once resolved. */
export interface Caller {
  readonly upn: string;
  readonly name: string;
  readonly serviceManager: boolean;
}
