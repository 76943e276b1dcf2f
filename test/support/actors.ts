/** Actors as the use cases see them: a service manager, or someone without the role. */
import type { Actor } from '../../src/app/ports';

export function manager(upn: string): Actor {
  return { upn, serviceManager: true };
}

export function notManager(upn: string): Actor {
  return { upn, serviceManager: false };
}
