import { loadConfig } from '../src/config';
import { ConfigError } from '../src/domain/errors';
import { Tables } from '../src/store/tables';

describe('configuration', () => {
  it('defaults per DESIGN.md: port 3978, prefix ragchaser, Europe/London, scheduler on, embedded storage, local mode', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3978,
      tablePrefix: 'ragchaser',
      timezone: 'Europe/London',
      schedulerEnabled: true,
      localMode: true,
      allowedTenants: [],
      serviceManagers: [],
    });
    expect(c.storage).toEqual({ kind: 'embedded', dataDir: '.data', port: 10002 });
  });

  it('reads lists, booleans and credentials', () => {
    const c = loadConfig({
      SERVICE_MANAGERS: ' Head.Service@Example.org , b@example.org ',
      ALLOWED_TENANTS: 't1,t2',
      SCHEDULER_ENABLED: 'false',
      MicrosoftAppId: 'app',
      MicrosoftAppType: 'UserAssignedMSI',
      TABLES_ENDPOINT: 'https://acct.table.core.windows.net',
    });
    expect(c.serviceManagers).toEqual(['head.service@example.org', 'b@example.org']);
    expect(c.allowedTenants).toEqual(['t1', 't2']);
    expect(c.schedulerEnabled).toBe(false);
    expect(c.localMode).toBe(false);
    expect(c.bot.appType).toBe('UserAssignedMSI');
    expect(c.storage).toEqual({ kind: 'endpoint', endpoint: 'https://acct.table.core.windows.net' });
  });

  it.each([
    [{ PORT: 'eighty' }, /PORT/],
    [{ TABLE_PREFIX: 'rag-chaser' }, /TABLE_PREFIX/],
    [{ TIMEZONE: 'London' }, /TIMEZONE/],
    [{ SCHEDULER_ENABLED: 'maybe' }, /SCHEDULER_ENABLED: use true or false/],
    [{ TABLES_ENDPOINT: 'not a url' }, /TABLES_ENDPOINT/],
    [
      {
        TABLES_ENDPOINT: 'https://a.table.core.windows.net',
        TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      },
      /not both/,
    ],
    [{ MicrosoftAppType: 'Magic' }, /MicrosoftAppType/],
    [{ DELIVERY_CHECK: 'teams' }, /DELIVERY_CHECK/],
    [{ PROACTIVE_INSTALL: 'graph' }, /needs TEAMS_CATALOG_APP_ID/],
    [
      { PROACTIVE_INSTALL: 'graph', TEAMS_CATALOG_APP_ID: 'rag-chaser' },
      /TEAMS_CATALOG_APP_ID: give the catalogue id/,
    ],
    [{ PROACTIVE_INSTALL: 'yes' }, /PROACTIVE_INSTALL/],
    [{ EMAIL_FALLBACK_FROM: 'rag chaser' }, /EMAIL_FALLBACK_FROM: give a mailbox address/],
    [
      { EMAIL_FALLBACK_FROM: 'rag-chaser@example.org', EMAIL_FALLBACK_AFTER_HOURS: '-1' },
      /EMAIL_FALLBACK_AFTER_HOURS/,
    ],
    [{ EMAIL_PER_MINUTE: '0' }, /EMAIL_PER_MINUTE/],
    [{ AI_ENDPOINT: 'openai' }, /AI_ENDPOINT: give the endpoint URL/],
    [{ AI_ENDPOINT: 'http://ai.example.org/v1', AI_API_KEY: 'k' }, /AI_ENDPOINT must be https:\/\//],
    [
      {
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'x',
        TABLES_CONNECTION_STRING: 'UseDevelopmentStorage=true',
      },
      /ALLOWED_TENANTS is empty: .*Entra tenant id/,
    ],
    [{ AI_ENDPOINT: 'http://127.0.0.1:8080/v1' }, /AI_ENDPOINT without AI_API_KEY is Azure OpenAI/],
    [{ AI_ENDPOINT: 'https://x.openai.azure.com', AI_TIMEOUT_MS: '10' }, /AI_TIMEOUT_MS/],
    [
      {
        EMAIL_FALLBACK_FROM: 'rag-chaser@example.org',
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'secret',
      },
      /EMAIL_FALLBACK_FROM needs MicrosoftAppTenantId/,
    ],
    [{ DELIVERY_CHECK: 'graph' }, /needs TEAMS_APP_ID/],
    [{ DELIVERY_CHECK: 'graph', TEAMS_APP_ID: 'rag-chaser' }, /TEAMS_APP_ID: give the manifest id/],
    [
      {
        DELIVERY_CHECK: 'graph',
        TEAMS_APP_ID: '5b3f6c2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        MicrosoftAppId: 'app',
        MicrosoftAppPassword: 'secret',
      },
      /needs MicrosoftAppTenantId/,
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('AI_ENDPOINT: off by default; Azure OpenAI with the managed identity without a key; else a key', () => {
    expect(loadConfig({}).ai).toEqual({ kind: 'off' });
    expect(
      loadConfig({ AI_ENDPOINT: 'https://council.openai.azure.com/', AI_MODEL: 'rag-chaser' }).ai,
    ).toEqual({
      kind: 'azure',
      endpoint: 'https://council.openai.azure.com',
      apiKey: '',
      model: 'rag-chaser',
      timeoutMs: 20_000,
    });
    expect(loadConfig({ AI_ENDPOINT: 'https://council.openai.azure.com', AI_API_KEY: 'k' }).ai).toMatchObject(
      {
        kind: 'azure',
        apiKey: 'k',
      },
    );
    expect(loadConfig({ AI_ENDPOINT: 'http://127.0.0.1:8080/v1', AI_API_KEY: 'k' }).ai).toMatchObject({
      kind: 'openai',
      endpoint: 'http://127.0.0.1:8080/v1',
      model: 'gpt-4o-mini',
    });
  });

  it('EMAIL_FALLBACK_FROM: off by default; on, it sends from that mailbox after EMAIL_FALLBACK_AFTER_HOURS', () => {
    expect(loadConfig({}).emailFallback).toEqual({ kind: 'off' });
    expect(
      loadConfig({ EMAIL_FALLBACK_FROM: 'rag-chaser@example.org', EMAIL_FALLBACK_AFTER_HOURS: '1.5' })
        .emailFallback,
    ).toEqual({
      kind: 'graph',
      endpoint: 'https://graph.microsoft.com',
      from: 'rag-chaser@example.org',
      afterMinutes: 90,
      perMinute: 30,
      perDay: 2000,
    });
  });

  it('DELIVERY_CHECK=graph: off by default; on, it reads Graph at GRAPH_ENDPOINT for the app TEAMS_APP_ID', () => {
    expect(loadConfig({}).deliveryCheck).toEqual({ kind: 'off' });
    expect(
      loadConfig({
        DELIVERY_CHECK: 'graph',
        TEAMS_APP_ID: '5b3f6c2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
        GRAPH_ENDPOINT: 'https://graph.microsoft.us/',
      }).deliveryCheck,
    ).toEqual({
      kind: 'graph',
      endpoint: 'https://graph.microsoft.us',
      teamsAppId: '5b3f6c2e-1c2d-4e5f-8a9b-0c1d2e3f4a5b',
    });
  });

  it('TABLES_ENDPOINT builds table clients on that endpoint (managed identity through DefaultAzureCredential, no keys)', () => {
    const tables = new Tables({ endpoint: 'https://acct.table.core.windows.net' }, 'ragchaser');
    const client = tables.client('returns');
    expect(client.url).toBe('https://acct.table.core.windows.net');
    expect(client.tableName).toBe('ragchaserreturns');
  });
});
