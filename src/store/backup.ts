/**
 * Backup and restore of every table of a deployment as JSON lines, with each property's Entity Data Model
 * type kept (`disableTypeConversion`), so a restore writes back exactly what was read: Int32 stays Int32,
 * a DateTime stays a DateTime. Table Storage has no point-in-time restore and azcopy v10 does not copy
 * tables; this is the supported way to keep a copy.
 */
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
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
  /** SHA-256 of each table's file: a restore refuses a file that changed or was cut short. */
  readonly sha256?: Readonly<Partial<Record<TableName, string>>>;
}

/** Only the person who took it can read a backup: it holds every return, name and conversation. */
const PRIVATE_FILE = 0o600;
const PRIVATE_DIR = 0o700;

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Where a conversation reference may point: Teams' Bot Connector (its regional and government clouds) or
 * this machine. The bot sends its token to a reference's serviceUrl, so a restored row naming any other
 * host would hand that host the bot's credentials.
 */
const CONNECTOR_HOSTS =
  /^smba\.trafficmanager\.net$|(^|\.)(botframework\.com|botframework\.us|botframework\.azure\.us|teams\.microsoft\.com|teams\.microsoft\.us)$/i;
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function trustedServiceUrl(url: string): boolean {
  try {
    const u = new URL(url);
    if (LOOPBACK.has(u.hostname)) return u.protocol === 'http:' || u.protocol === 'https:';
    return u.protocol === 'https:' && CONNECTOR_HOSTS.test(u.hostname);
  } catch {
    return false;
  }
}

/** Every serviceUrl named in an entity's properties (conversation references are stored as JSON). */
function serviceUrlsOf(entity: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const value of Object.values(entity)) {
    if (typeof value !== 'string' || !value.includes('serviceUrl')) continue;
    for (const m of value.matchAll(/"serviceUrl"\s*:\s*"((?:[^"\\]|\\.)*)"/g))
      out.push(JSON.parse(`"${m[1] ?? ''}"`) as string);
  }
  return out;
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
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR });
  chmodSync(dir, PRIVATE_DIR);
  const counts = {} as Record<TableName, number>;
  const hashes: Partial<Record<TableName, string>> = {};
  for (const name of tables.names) {
    const lines: string[] = [];
    for await (const e of tables.client(name).listEntities({ disableTypeConversion: true }))
      lines.push(JSON.stringify(portable(e)));
    lines.sort();
    const body = lines.length ? `${lines.join('\n')}\n` : '';
    writeFileSync(join(dir, `${name}.jsonl`), body, { mode: PRIVATE_FILE });
    counts[name] = lines.length;
    hashes[name] = sha256(body);
  }
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    prefix: tables.prefix,
    at,
    tables: counts,
    sha256: hashes,
  };
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`, { mode: PRIVATE_FILE });
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
    for (const name of Object.keys(manifest.tables)) {
      const file = join(dir, `${name}.jsonl`);
      if (!existsSync(file)) return `${dir} has no ${name}.jsonl: the backup is incomplete.`;
      const expected = (manifest.sha256 as Record<string, string> | undefined)?.[name];
      if (expected !== undefined && sha256(readFileSync(file)) !== expected)
        return `${file} is not the file the backup wrote (its SHA-256 differs from manifest.json): it was changed or cut short. Nothing was restored.`;
    }
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

/** The entities of each table in a backup folder. */
function readBackup(tables: Tables, dir: string): Map<TableName, RawEntity[]> {
  const out = new Map<TableName, RawEntity[]>();
  for (const name of tables.names) {
    // A backup taken before a table existed (the services table) restores it empty.
    if (!existsSync(join(dir, `${name}.jsonl`))) continue;
    const lines = readFileSync(join(dir, `${name}.jsonl`), 'utf8')
      .split('\n')
      .filter(Boolean);
    out.set(
      name,
      lines.map((l) => JSON.parse(l) as RawEntity),
    );
  }
  return out;
}

/** Problems that stop a restore before anything is written: rows pointing the bot at a foreign host. */
export function untrustedRows(tables: Tables, dir: string): string[] {
  const problems: string[] = [];
  for (const [name, entities] of readBackup(tables, dir))
    for (const e of entities)
      for (const url of serviceUrlsOf(e))
        if (!trustedServiceUrl(url))
          problems.push(`${name}.jsonl, row ${e.partitionKey}/${e.rowKey}: serviceUrl ${url}`);
  return problems;
}

/**
 * Writes every backed-up entity, in transactions of 100 per partition: into empty tables (`create`), or,
 * resuming a restore that stopped half-way, over what it wrote already (`upsert`, the same rows again).
 */
export async function restoreTables(
  tables: Tables,
  dir: string,
  onProgress?: (table: TableName, done: number, total: number) => void,
  options: { resume?: boolean } = {},
): Promise<Record<TableName, number>> {
  const counts = {} as Record<TableName, number>;
  for (const [name, entities] of readBackup(tables, dir)) {
    const actions: TransactionAction[] = entities.map((e) =>
      options.resume ? ['upsert', e, 'Replace'] : ['create', e],
    );
    await submitInBatches(tables.client(name), actions, (done, total) => onProgress?.(name, done, total));
    counts[name] = actions.length;
  }
  return counts;
}
