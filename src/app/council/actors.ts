/** Who may do what a service manager does: one check, made inside each use case. */
import { NotAuthorisedError } from '../../domain/errors';
import type { Actor } from '../ports';

/**
 * The scheduler and the command line act with the manager role: the CLI is run by IT on the server,
 * and the scheduler carries out what managers set.
 */
export function systemActor(name: 'scheduler' | 'cli'): Actor {
  return { upn: name === 'cli' ? 'rag-chaser cli' : name, serviceManager: true };
}

/** Refuses, naming what only a service manager may do and how to get the role. */
export function requireManager(actor: Actor, doing: string): void {
  if (actor.serviceManager) return;
  const of = actor.serviceName ? ` of ${actor.serviceName}` : '';
  throw new NotAuthorisedError(
    `Only service managers${of} can ${doing}. Ask a service manager${of} to grant you the role, or type "help" to see what you can do.`,
  );
}
