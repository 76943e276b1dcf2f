/** Environment -> one validated configuration object. The only place that reads process.env. */
import { guidOrEmpty, tabEnv } from './config-tab';
import { z } from 'zod';
import { ConfigError } from './domain/errors';
import { isValidZone } from './domain/local-time';
import type { Config } from './config-types';

const list = z
  .string()
  .default('')
  .transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return fallback;
      if (/^(true|1|yes)$/i.test(s)) return true;
      if (/^(false|0|no)$/i.test(s)) return false;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'use true or false' });
      return z.NEVER;
    });

/** A GUID, or empty when the feature that needs it is off. */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3978),
  /** Empty: 127.0.0.1 in local mode, 0.0.0.0 otherwise. */
  HOST: z.string().trim().default(''),
  MicrosoftAppId: z.string().trim().default(''),
  MicrosoftAppPassword: z.string().default(''),
  MicrosoftAppType: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI', '']).default(''),
  MicrosoftAppTenantId: z.string().trim().default(''),
  TABLES_CONNECTION_STRING: z.string().trim().optional(),
  TABLES_ENDPOINT: z
    .string()
    .trim()
    .url('give the table endpoint URL, e.g. https://<account>.table.core.windows.net')
    .optional(),
  TABLE_PREFIX: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z][A-Za-z0-9]{0,40}$/,
      'letters and digits only, starting with a letter (Azure table names)',
    )
    .default('ragchaser'),
  ALLOWED_TENANTS: list,
  SERVICE_MANAGERS: list.transform((xs) => xs.map((x) => x.toLowerCase())),
  PERFORMANCE_LEADS: list.transform((xs) => xs.map((x) => x.toLowerCase())),
  TIMEZONE: z
    .string()
    .default('Europe/London')
    .refine(isValidZone, 'use an IANA time zone such as Europe/London'),
  SCHEDULER_ENABLED: bool(true),
  /** How long fetching a file a person attached (a plan) may take before they are asked to send it again. */
  FILE_DOWNLOAD_TIMEOUT_MS: z.coerce.number().int().min(1000).max(300_000).default(20_000),
  /** Folder of the embedded Azurite's data. */
  DATA_DIR: z.string().default('.data'),
  /** Port of the embedded Azurite shared by the server and the CLI. */
  EMBEDDED_TABLES_PORT: z.coerce.number().int().min(0).max(65535).default(10002),
  /** `npm run dev` only: port of the Microsoft 365 Agents Playground, and whether to start it. */
  PLAYGROUND_PORT: z.coerce.number().int().min(0).max(65535).default(56150),
  PLAYGROUND: bool(true),
  /** `graph`: before sending again a message that may have gone out (crash mid-send), look for it in the chat. */
  DELIVERY_CHECK: z.enum(['off', 'graph']).default('off'),
  /** The Teams app's manifest id (appPackage/manifest.json "id"): finds the bot's chat with a person in Graph. */
  TEAMS_APP_ID: guidOrEmpty('give the manifest id (a GUID)'),
  /** `graph`: before a chase, install the app for owners who have not (Microsoft Graph), then chase them. */
  PROACTIVE_INSTALL: z.enum(['off', 'graph']).default('off'),
  /** The app's id in the organisation's app catalogue (Graph appCatalogs/teamsApps), not the manifest id. */
  TEAMS_CATALOG_APP_ID: guidOrEmpty(
    'give the catalogue id (a GUID): az rest --url "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps?$filter=externalId eq \'<manifest id>\'"',
  ),
  /** Where the Bot Connector takes proactive messages for the tenant (a new chat made by an install). */
  BOT_SERVICE_URL: z
    .string()
    .trim()
    .url('give a URL, e.g. https://smba.trafficmanager.net/teams/')
    .default('https://smba.trafficmanager.net/teams/'),
  GRAPH_ENDPOINT: z
    .string()
    .trim()
    .url('give the Microsoft Graph root URL, e.g. https://graph.microsoft.com')
    .default('https://graph.microsoft.com'),
  /** The mailbox the email fallback sends from (Graph Mail.Send); empty = no email fallback. */
  EMAIL_FALLBACK_FROM: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) => v === '' || z.string().email().safeParse(v).success,
      'give a mailbox address, e.g. rag-chaser@example.org',
    ),
  /** How long an owner stays unreachable in Teams before the email goes. */
  EMAIL_FALLBACK_AFTER_HOURS: z.coerce
    .number()
    .min(0)
    .max(24 * 30)
    .default(24),
  /** Emails a minute from the mailbox (Exchange Online allows 30). */
  EMAIL_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  EMAIL_PER_DAY: z.coerce.number().int().min(1).max(10_000).default(2_000),
  /** Azure OpenAI (managed identity, no key) or any OpenAI-compatible endpoint (with AI_API_KEY); empty = no AI. */
  AI_ENDPOINT: z
    .string()
    .trim()
    .default('')
    .refine(
      (v) => v === '' || z.string().url().safeParse(v).success,
      'give the endpoint URL, e.g. https://<resource>.openai.azure.com',
    ),
  AI_API_KEY: z.string().trim().default(''),
  /** The model, or the Azure OpenAI deployment's name. */
  AI_MODEL: z.string().trim().default('gpt-4o-mini'),
  /** A model call that takes longer is given up (the answer falls back). */
  AI_TIMEOUT_MS: z.coerce.number().int().min(1000).max(120_000).default(20_000),
  ...tabEnv,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  APPLICATIONINSIGHTS_CONNECTION_STRING: z.string().optional(),
});

export type Env = z.infer<typeof envSchema>;

/** 127.0.0.0/8, ::1 or localhost. */
export function isLoopback(host: string): boolean {
  return /^(127(\.\d{1,3}){3}|::1|\[::1\]|localhost)$/i.test(host);
}

export type { Config };

/**
 * Validates the environment; a wrong value stops the app with a message naming the variable.
 * `defaults` apply where the environment leaves a variable unset (e.g. the dev run binds to 127.0.0.1).
 */
export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: Partial<Record<keyof Env, string>> = {},
): Config {
  const parsed = envSchema.safeParse({ ...defaults, ...env });
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Configuration is not valid:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const localMode = e.MicrosoftAppId === '';
  // Without an app id nothing authenticates inbound requests: only this machine may send them.
  if (localMode && e.HOST && !isLoopback(e.HOST)) {
    throw new ConfigError(
      `HOST=${e.HOST} is refused in local mode: with an empty MicrosoftAppId nothing checks who sends requests, so the bot only listens on 127.0.0.1. Set MicrosoftAppId (and its credentials) to listen on other addresses, or remove HOST.`,
    );
  }
  if (e.TABLES_CONNECTION_STRING && e.TABLES_ENDPOINT) {
    throw new ConfigError('Set TABLES_CONNECTION_STRING or TABLES_ENDPOINT, not both.');
  }
  if (e.PROACTIVE_INSTALL === 'graph' && !e.TEAMS_CATALOG_APP_ID)
    throw new ConfigError(
      "PROACTIVE_INSTALL=graph needs TEAMS_CATALOG_APP_ID: the app's id in your organisation's app catalogue (Teams admin centre > Manage apps > RAG Chaser > App ID).",
    );
  if (e.DELIVERY_CHECK === 'graph' && !e.TEAMS_APP_ID) {
    throw new ConfigError(
      'DELIVERY_CHECK=graph needs TEAMS_APP_ID (the "id" in appPackage/manifest.json) to find the chats.',
    );
  }
  if (e.AI_ENDPOINT && !e.AI_API_KEY && !e.AI_ENDPOINT.startsWith('https://'))
    throw new ConfigError(
      'AI_ENDPOINT without AI_API_KEY is Azure OpenAI through the managed identity: give its https:// endpoint, or set AI_API_KEY for another OpenAI-compatible endpoint.',
    );
  // Graph tokens for a client secret are issued by the council's tenant.
  const graphUse = [
    e.DELIVERY_CHECK === 'graph' ? 'DELIVERY_CHECK=graph' : '',
    e.PROACTIVE_INSTALL === 'graph' ? 'PROACTIVE_INSTALL=graph' : '',
    e.EMAIL_FALLBACK_FROM ? 'EMAIL_FALLBACK_FROM' : '',
  ].find(Boolean);
  if (graphUse && e.MicrosoftAppId && e.MicrosoftAppType !== 'UserAssignedMSI' && !e.MicrosoftAppTenantId) {
    throw new ConfigError(
      `${graphUse} needs MicrosoftAppTenantId (your tenant id): Graph tokens are issued by your tenant.`,
    );
  }
  if (e.AI_ENDPOINT && !isLoopbackUrl(e.AI_ENDPOINT) && !e.AI_ENDPOINT.startsWith('https://'))
    throw new ConfigError(
      'AI_ENDPOINT must be https:// (the questions and commentaries sent to it, and the key, would travel in clear): only an endpoint on this machine (127.0.0.1, localhost) may be http://.',
    );
  // The embedded Azurite keeps data on the local disk: fine on a laptop, lost on an App Service restart.
  if (!localMode && !e.TABLES_CONNECTION_STRING && !e.TABLES_ENDPOINT) {
    throw new ConfigError(
      'Set TABLES_ENDPOINT (with a managed identity) or TABLES_CONNECTION_STRING: with MicrosoftAppId set, RAG Chaser runs in production and will not keep returns on the local disk of an embedded Azurite.',
    );
  }
  if (!localMode && e.ALLOWED_TENANTS.length === 0)
    throw new ConfigError(
      "ALLOWED_TENANTS is empty: with MicrosoftAppId set, RAG Chaser runs in production and must know your organisation. Set it to your Entra tenant id (Entra admin centre > Overview > Tenant ID); several are separated by commas. Without it any organisation's Teams user could talk to the bot.",
    );
  return {
    port: e.PORT,
    host: e.HOST || (localMode ? '127.0.0.1' : '0.0.0.0'),
    bot: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      appType: e.MicrosoftAppType || 'MultiTenant',
      tenantId: e.MicrosoftAppTenantId,
    },
    localMode,
    storage: e.TABLES_CONNECTION_STRING
      ? { kind: 'connectionString', connectionString: e.TABLES_CONNECTION_STRING }
      : e.TABLES_ENDPOINT
        ? { kind: 'endpoint', endpoint: e.TABLES_ENDPOINT }
        : { kind: 'embedded', dataDir: e.DATA_DIR, port: e.EMBEDDED_TABLES_PORT },
    tablePrefix: e.TABLE_PREFIX,
    allowedTenants: e.ALLOWED_TENANTS,
    tab: {
      // Teams asks Entra for a token to the App ID URI; a v2 token names the app by its client id.
      audiences: [e.TAB_APP_ID, e.MicrosoftAppId]
        .filter((id) => id !== '')
        .flatMap((id) => [...(e.BOT_DOMAIN ? [`api://${e.BOT_DOMAIN}/${id}`] : []), id]),
      keysUrl: e.ENTRA_KEYS_URL,
    },
    serviceManagers: e.SERVICE_MANAGERS,
    performanceLeads: e.PERFORMANCE_LEADS,
    timezone: e.TIMEZONE,
    schedulerEnabled: e.SCHEDULER_ENABLED,
    fileDownloadTimeoutMs: e.FILE_DOWNLOAD_TIMEOUT_MS,
    logLevel: e.LOG_LEVEL,
    appInsightsConnectionString: e.APPLICATIONINSIGHTS_CONNECTION_STRING || undefined,
    playground: { enabled: e.PLAYGROUND, port: e.PLAYGROUND_PORT },
    deliveryCheck:
      e.DELIVERY_CHECK === 'graph'
        ? {
            kind: 'graph',
            endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
            teamsAppId: e.TEAMS_APP_ID,
          }
        : { kind: 'off' },
    ai: e.AI_ENDPOINT
      ? {
          // Without a key: Azure OpenAI through the managed identity. With one: Azure (by its host) or OpenAI-compatible.
          kind:
            !e.AI_API_KEY || /\.openai\.azure\.com$/i.test(new URL(e.AI_ENDPOINT).hostname)
              ? 'azure'
              : 'openai',
          endpoint: e.AI_ENDPOINT.replace(/\/+$/, ''),
          apiKey: e.AI_API_KEY,
          model: e.AI_MODEL,
          timeoutMs: e.AI_TIMEOUT_MS,
        }
      : { kind: 'off' },
    emailFallback: e.EMAIL_FALLBACK_FROM
      ? {
          kind: 'graph',
          endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
          from: e.EMAIL_FALLBACK_FROM,
          afterMinutes: Math.round(e.EMAIL_FALLBACK_AFTER_HOURS * 60),
          perMinute: e.EMAIL_PER_MINUTE,
          perDay: e.EMAIL_PER_DAY,
        }
      : { kind: 'off' },
    proactiveInstall:
      e.PROACTIVE_INSTALL === 'graph'
        ? {
            kind: 'graph',
            endpoint: e.GRAPH_ENDPOINT.replace(/\/+$/, ''),
            catalogAppId: e.TEAMS_CATALOG_APP_ID,
            serviceUrl: e.BOT_SERVICE_URL,
          }
        : { kind: 'off' },
  };
}

/** An http(s) URL on this machine's loopback: the only place plain http is acceptable. */
function isLoopbackUrl(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}
