/** Table clients for one deployment: every table name carries TABLE_PREFIX. */
import { TableClient, TableServiceClient } from '@azure/data-tables';

type TableClientOptions = NonNullable<Parameters<typeof TableClient.fromConnectionString>[2]>;
type PipelinePolicy = NonNullable<TableClientOptions['additionalPolicies']>[number]['policy'];
import { DefaultAzureCredential } from '@azure/identity';
import { StorageAccessError, StorageUnavailableError } from '../domain/errors';
import { isUnavailable, storageAccessProblem } from './errors';

export type TableName =
  'plan' | 'people' | 'cycles' | 'returns' | 'outbox' | 'leases' | 'digests' | 'services';
/** The tables of one service's data (a service's `people` table holds only its SMT channel). */
export const SERVICE_TABLE_NAMES: readonly TableName[] = [
  'plan',
  'people',
  'cycles',
  'returns',
  'outbox',
  'leases',
  'digests',
];
/** The tables of the unprefixed set: a service's, and the list of services. */
export const TABLE_NAMES: readonly TableName[] = [...SERVICE_TABLE_NAMES, 'services'];

export type TablesTarget = { connectionString: string } | { endpoint: string };

export class Tables {
  private readonly clients = new Map<TableName, TableClient>();
  private readonly options: TableClientOptions;
  private readonly credential = lazyCredential();
  private readonly scopes = new Map<string, Tables>();

  constructor(
    readonly target: TablesTarget,
    readonly prefix: string,
    readonly names: readonly TableName[] = TABLE_NAMES,
    /** How long one try of a request may take before it is abandoned (and retried). @default 10000 */
    readonly requestTimeoutMs = 10_000,
  ) {
    const local =
      'connectionString' in target && /UseDevelopmentStorage=true|http:\/\//i.test(target.connectionString);
    // Short retries: a person is waiting on a card (Teams gives an invoke about 15 s), and the scheduler
    // simply tries again next minute.
    this.options = {
      allowInsecureConnection: local,
      retryOptions: { maxRetries: 3, retryDelayInMs: 400, maxRetryDelayInMs: 3000 },
      // A storage endpoint that accepts a connection and never answers must not hang a turn or a tick.
      additionalPolicies: [
        { policy: tryTimeout(requestTimeoutMs), position: 'perRetry' },
        // After the retries: what is left of an outage or a refusal leaves the store as a domain error.
        { policy: domainErrors, position: 'perCall' },
      ],
    };
  }

  /** The client of one table, e.g. `ragchaserreturns`. */
  client(name: TableName): TableClient {
    let client = this.clients.get(name);
    if (!client) {
      const table = `${this.prefix}${name}`;
      client =
        'connectionString' in this.target
          ? TableClient.fromConnectionString(this.target.connectionString, table, this.options)
          : new TableClient(this.target.endpoint, table, this.credential(), this.options);
      this.clients.set(name, client);
    }
    return client;
  }

  /** Creates every table that does not exist yet. */
  async ensure(): Promise<void> {
    await Promise.all(this.names.map((name) => this.client(name).createTable()));
  }

  /** The tables of one service's scope (`Service.scope`), sharing this set's connection; '' is this set. */
  scoped(scope: string): Tables {
    if (!scope) return this;
    let tables = this.scopes.get(scope);
    if (!tables) {
      tables = new Tables(this.target, `${this.prefix}${scope}`, SERVICE_TABLE_NAMES);
      this.scopes.set(scope, tables);
    }
    return tables;
  }

  /** Reachability check for /readyz. */
  async ping(): Promise<void> {
    const service =
      'connectionString' in this.target
        ? TableServiceClient.fromConnectionString(this.target.connectionString, this.options)
        : new TableServiceClient(this.target.endpoint, this.credential(), this.options);
    const pages = service.listTables().byPage({ maxPageSize: 1 });
    await pages.next();
  }

  /** Deletes every table of this prefix (tests and `reset`). */
  async drop(): Promise<void> {
    await Promise.all(this.names.map((name) => this.client(name).deleteTable()));
  }
}

function lazyCredential(): () => DefaultAzureCredential {
  let credential: DefaultAzureCredential | undefined;
  return () => (credential ??= new DefaultAzureCredential());
}

/** A pipeline policy giving each try of a request its own time limit (the SDK's default is none). */
/**
 * Storage out of reach or overloaded becomes StorageUnavailableError, storage refusing our identity
 * StorageAccessError (with what to fix), so no entry point needs to know the Tables SDK. Other answers
 * (404, 409, 412 ...) go on to the SDK and the stores as before.
 */
const domainErrors: PipelinePolicy = {
  name: 'ragChaserDomainErrors',
  sendRequest: async (request, next) => {
    let response;
    try {
      response = await next(request);
    } catch (error) {
      const access = storageAccessProblem(error);
      if (access) throw new StorageAccessError(access);
      if (isUnavailable(error)) throw new StorageUnavailableError(UNAVAILABLE);
      throw error;
    }
    const answered = { statusCode: response.status, response };
    if (isUnavailable(answered)) throw new StorageUnavailableError(UNAVAILABLE);
    const access = storageAccessProblem(answered);
    if (access) throw new StorageAccessError(access);
    return response;
  },
};

const UNAVAILABLE = 'Table Storage cannot be reached just now (or is overloaded); nothing was saved.';

function tryTimeout(ms: number): PipelinePolicy {
  return {
    name: 'ragChaserTryTimeout',
    sendRequest: (request, next) => {
      request.timeout = ms;
      return next(request);
    },
  };
}
