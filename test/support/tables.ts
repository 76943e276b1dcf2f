import { randomBytes } from 'node:crypto';
import { Tables } from '../../src/store/tables';

export function testConnectionString(): string {
  const cs = process.env.TEST_TABLES_CONNECTION_STRING;
  if (!cs)
    throw new Error(
      'TEST_TABLES_CONNECTION_STRING is not set: run the tests through jest (global setup starts Azurite).',
    );
  return cs;
}

export function uniquePrefix(): string {
  return `t${randomBytes(5).toString('hex')}`;
}

/** Fresh tables under a unique prefix in the run's Azurite. */
export async function freshTables(): Promise<Tables> {
  const tables = new Tables({ connectionString: testConnectionString() }, uniquePrefix());
  await tables.ensure();
  return tables;
}

/** Every entity of a table, for asserting "nothing changed". */
export async function dump(tables: Tables, name: Parameters<Tables['client']>[0]): Promise<string[]> {
  const rows: string[] = [];
  for await (const e of tables.client(name).listEntities()) {
    const { etag: _etag, timestamp: _ts, ...rest } = e;
    rows.push(JSON.stringify(rest));
  }
  return rows.sort();
}
