/** The configuration the app runs with, as `loadConfig` (config.ts) makes it from the environment. */

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly bot: {
    readonly appId: string;
    readonly appPassword: string;
    readonly appType: string;
    readonly tenantId: string;
  };
  /** No app id: no inbound authentication (development only). */
  readonly localMode: boolean;
  readonly storage:
    | { readonly kind: 'connectionString'; readonly connectionString: string }
    | { readonly kind: 'endpoint'; readonly endpoint: string }
    | { readonly kind: 'embedded'; readonly dataDir: string; readonly port: number };
  readonly tablePrefix: string;
  readonly allowedTenants: readonly string[];
  /** The dashboard tab's Teams SSO: the token audiences taken, and Entra's signing keys. */
  readonly tab: { readonly audiences: readonly string[]; readonly keysUrl: string };
  /** `SERVICE_MANAGERS` entries: a UPN (every service) or `<service key>:<upn>` (that service). */
  readonly serviceManagers: readonly string[];
  /** `PERFORMANCE_LEADS`: UPNs who see and manage every service. */
  readonly performanceLeads: readonly string[];
  readonly timezone: string;
  /** AI_ENDPOINT and its settings: Azure OpenAI with the app's managed identity, or a key. */
  readonly ai:
    | {
        readonly kind: 'azure' | 'openai';
        readonly endpoint: string;
        readonly apiKey: string;
        readonly model: string;
        readonly timeoutMs: number;
      }
    | { readonly kind: 'off' };
  /** EMAIL_FALLBACK_FROM and its settings. */
  readonly emailFallback:
    | {
        readonly kind: 'graph';
        readonly endpoint: string;
        readonly from: string;
        readonly afterMinutes: number;
        readonly perMinute: number;
        /** Emails a day from the mailbox, counted in storage across every instance and restart. */
        readonly perDay: number;
      }
    | { readonly kind: 'off' };
  readonly schedulerEnabled: boolean;
  /** `FILE_DOWNLOAD_TIMEOUT_MS`: fetching an attached plan file gives up after this. */
  readonly fileDownloadTimeoutMs: number;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly appInsightsConnectionString: string | undefined;
  readonly playground: { readonly enabled: boolean; readonly port: number };
  readonly deliveryCheck:
    | { readonly kind: 'off' }
    | { readonly kind: 'graph'; readonly endpoint: string; readonly teamsAppId: string };
  readonly proactiveInstall:
    | { readonly kind: 'off' }
    | {
        readonly kind: 'graph';
        readonly endpoint: string;
        readonly catalogAppId: string;
        readonly serviceUrl: string;
      };
}
