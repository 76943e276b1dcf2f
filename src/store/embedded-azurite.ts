/**
 * Azurite's table service inside this process: the local default when no storage is configured.
 * The server and the CLI share one instance: whoever starts first listens on the fixed port and
 * persists under `.data/`; the other finds it there and connects to it.
 */
import { mkdirSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import TableConfiguration from 'azurite/dist/src/table/TableConfiguration';
import TableServer from 'azurite/dist/src/table/TableServer';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
const DEV_ACCOUNT = 'devstoreaccount1';
const DEV_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteConnectionString(url: string): string {
  return `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT};AccountKey=${DEV_KEY};TableEndpoint=${url}/${DEV_ACCOUNT};`;
}

export interface EmbeddedTables {
  readonly connectionString: string;
  /** True when this process started Azurite (and so must stop it). */
  readonly owned: boolean;
  close(): Promise<void>;
}

function listening(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    socket.setTimeout(500);
    const finish = (answer: boolean) => {
      socket.destroy();
      resolve(answer);
    };
    socket.once('connect', () => finish(true));
    socket.once('timeout', () => finish(false));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts Azurite on `port` (0 = any free port), in memory when `location` is undefined, else persisting
 * to that folder. With `share`, an Azurite already listening on the port is reused instead.
 */
export async function startEmbeddedTables(options: {
  host?: string;
  port: number;
  location?: string | undefined;
  share?: boolean;
}): Promise<EmbeddedTables> {
  const host = options.host ?? '127.0.0.1';
  if (options.share && options.port !== 0 && (await listening(host, options.port))) {
    return {
      connectionString: azuriteConnectionString(`http://${host}:${options.port}`),
      owned: false,
      close: async () => {},
    };
  }
  let dbPath = join(options.location ?? '.', '__azurite_db_table__.json');
  if (options.location) mkdirSync(options.location, { recursive: true });
  else dbPath = '';
  const config = new TableConfiguration(
    host,
    options.port,
    undefined,
    dbPath || undefined,
    false,
    false,
    undefined,
    undefined,
    false,
    true,
    '',
    '',
    '',
    undefined,
    false,
    !options.location,
  );
  const server = new TableServer(config);
  await server.start();
  return {
    connectionString: azuriteConnectionString(server.getHttpServerAddress()),
    owned: true,
    close: () => server.close(),
  };
}
