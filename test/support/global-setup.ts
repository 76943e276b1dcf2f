import { startEmbeddedTables } from '../../src/store/embedded-azurite';

/** One in-memory Azurite for the whole run, on a random port; each test file uses its own TABLE_PREFIX. */
export default async function globalSetup(): Promise<void> {
  const tables = await startEmbeddedTables({ port: 0 });
  (globalThis as { __azurite?: { close(): Promise<void> } }).__azurite = tables;
  process.env.TEST_TABLES_CONNECTION_STRING = tables.connectionString;
}
