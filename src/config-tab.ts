/** Environment checks shared by src/config.ts: GUIDs, and the dashboard tab's single sign-on settings. */
import { z } from 'zod';

export const guidOrEmpty = (message: string) =>
  z
    .string()
    .trim()
    .regex(/^$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message)
    .default('');

/** The dashboard tab's Teams SSO (docs/dashboard.md#sign-in). */
export const tabEnv = {
  /** The app's public host name (no scheme), as in the tab's SSO App ID URI api://<BOT_DOMAIN>/<app id>. */
  BOT_DOMAIN: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) => v === '' || /^[a-z0-9.-]+(:\d+)?$/i.test(v),
      'give the host name only, e.g. ragchaser.azurewebsites.net',
    ),
  /** The dashboard tab's Entra app registration (Teams SSO), when it is not the bot's own app id. */
  TAB_APP_ID: guidOrEmpty("give the client id of the tab's app registration (a GUID)"),
  /** Where Entra publishes the keys that sign Teams SSO tokens. */
  ENTRA_KEYS_URL: z
    .string()
    .trim()
    .url('give a URL, e.g. https://login.microsoftonline.com/common/discovery/v2.0/keys')
    .default('https://login.microsoftonline.com/common/discovery/v2.0/keys'),
};
