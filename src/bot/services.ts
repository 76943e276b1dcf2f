/** What bot handlers are given: the use cases' deps, configuration, the log and the clock. */
import type { AppDeps, Clock } from '../app/ports';
import type { Config } from '../config';
import type { Logger } from '../logger';

export interface BotServices extends AppDeps {
  readonly config: Config;
  readonly log: Logger;
  /** The current instant (ISO-8601 UTC); tests travel in time through it. */
  readonly clock: Clock;
}

/** The person behind an activity, once resolved. */
export interface Caller {
  readonly upn: string;
  readonly name: string;
  readonly serviceManager: boolean;
}
