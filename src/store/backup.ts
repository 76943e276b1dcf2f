/**
 * Backup and restore of every table of a deployment as JSON lines, with each property's Entity Data Model
 * type kept (`disableTypeConversion`), so a restore writes back exactly what was read: Int32 stays Int32,
 * a DateTime stays a DateTime. Table Storage has no point-in-time restore and azcopy v10 does not copy
 * tables; this is the supported way to keep a copy.
 */
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import { submitInBatches } from './batch';
import { type TableName, type Tables } from './tables';

export const BACKUP_FORMAT = 'rag-chaser-backup/1';

export interface BackupManifest {
  readonly format: typeof BACKUP_FORMAT;
  readonly prefix: string;
  readonly at: string;
  readonly tables: Readonly<Record<TableName, number>>;
}

type RawEntity = TableEntity;

/** Strips what the service sets itself (etag, Timestamp) so a restore can write the rest. */
function portable(entity: Record<string, unknown>): RawEntity {
  const {
    etag: _etag,
    timestamp: _timestamp,
    Timestamp: _Timestamp,
    'odata.etag': _odataEtag,
    ...rest
  } = entity;
  const key = (v: unknown) =>
    v && typeof v === 'object' ? String((v as { value: unknown }).value) : String(v);
  return { ...rest, partitionKey: key(rest.partitionKey), rowKey: key(rest.rowKey) };
}

/** Writes `<table>.jsonl` for every table and `manifest.json`; returns the manifest. */
export async function backupTables(tables: Tables, dir: string, at: string): Promise<BackupManifest> {
  mkdirSync(dir, { recursive: true });
  const counts = {} as Record<TableName, number>;
  for (const name of tables.names) {
    const lines: string[] = [];
    for await (const e of tables.client(name).listEntities({ disableTypeConversion: true }))
      lines.push(JSON.stringify(portable(e)));
    lines.sort();
    writeFileSync(join(dir, `${name}.jsonl`), lines.length ? `${lines.join('\n')}\n` : '');
    counts[name] = lines.length;
  }
  const manifest: BackupManifest = { format: BACKUP_FORMAT, prefix: tables.prefix, at, tables: counts };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks a backup folder's manifest; undefined with a reason when it is not a backup. */
export function readManifest(dir: string): BackupManifest | string {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return `${dir} has no manifest.json: give the folder "rag-chaser backup" wrote.`;
  try {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Partial<BackupManifest>;
    if (manifest.format !== BACKUP_FORMAT || !manifest.tables)
      return `${path} is not a RAG Chaser backup manifest (${BACKUP_FORMAT}).`;
    // Every table the manifest counts must be there (a backup from before a table existed lacks it).
    for (const name of Object.keys(manifest.tables))
      if (!existsSync(join(dir, `${name}.jsonl`)))
        return `${dir} has no ${name}.jsonl: the backup is incomplete.`;
    return manifest as BackupManifest;
  } catch {
    return `${path} cannot be read as JSON.`;
  }
}

/** Table names (of `tables`) that already hold entities: a restore refuses to mix data. */
export async function nonEmptyTables(tables: Tables): Promise<TableName[]> {
  await tables.ensure();
  const found: TableName[] = [];
  for (const name of tables.names) {
    const page = await tables.client(name).listEntities().byPage({ maxPageSize: 1 }).next();
    if (!page.done && page.value.length > 0) found.push(name);
  }
  return found;
}

/** Writes every backed-up entity into empty tables, in transactions of 100 per partition. */
export async function restoreTables(
  tables: Tables,
  dir: string,
  onProgress?: (table: TableName, done: number, total: number) => void,
): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const name of tables.names) {
    // A backup taken before a table existed (the services table) restores it empty.
    if (!existsSync(join(dir, `${name}.jsonl`))) continue;
    const lines = readFileSync(join(dir, `${name}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean);
    const actions: TransactionAction[] = lines.map((l) => ['create', JSON.parse(l) as RawEntity]);
    await submitInBatches(tables.client(name), actions, (done, total) => onProgress?.(name, done, total));
    counts[name] = actions.length;
  }
  return counts;
}
