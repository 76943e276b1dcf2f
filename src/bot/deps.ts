/** What bot handlers are given: the use cases' deps, configuration, the log and the clock. */
import type { Actor, AppDeps, Clock, ServiceSpace } from '../app/ports';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface BotDeps extends AppDeps {
  readonly config: Config;
  /** Every service's stores; these deps are one service's (or the base, before any service exists). */
  readonly space: ServiceSpace;
  readonly log: Logger;
  /** The current instant (ISO-8601 UTC); tests travel in time through it. */
  readonly clock: Clock;
}

/** The person behind an activity, once resolved. */
export interface Caller {
  readonly upn: string;
  readonly name: string;
  /** A service manager of the service in hand (of any service, before one is chosen), or a lead. */
  readonly serviceManager: boolean;
  /** The keys of the services they manage. */
  readonly managerOf: readonly string[];
  /** A performance lead: sees and manages every service. */
  readonly lead: boolean;
}

/** The caller as use cases see them, for the service these deps are about. */
export function actorOf(services: Pick<BotDeps, 'service'>, caller: Caller): Actor {
  return {
    upn: caller.upn,
    serviceManager: caller.serviceManager,
    serviceName: services.service?.shown ? services.service.name : undefined,
  };
}
