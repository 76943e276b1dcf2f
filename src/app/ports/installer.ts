/** Port: install the app for a person who has not, so the bot can reach them (Microsoft Graph in production). */

import type { Unreachable } from './people-store';

export type InstallResult =
  /** The app is installed (now, or it was already: Graph's 409); `conversation` is the 1:1 chat's reference. */
  | {
      readonly outcome: 'installed';
      readonly conversation: string;
      readonly already: boolean;
      /** Their Entra object id, when known. */
      readonly aadObjectId?: string;
    }
  /** Cannot be installed for them; `reason` says why and what fixes it. */
  | ({ readonly outcome: 'unreachable' } & Unreachable)
  /** Throttled or a temporary fault: the next run tries again. */
  | { readonly outcome: 'retry-later'; readonly error: string };

export interface Installer {
  install(upn: string): Promise<InstallResult>;
}
