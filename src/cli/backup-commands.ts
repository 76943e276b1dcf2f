/** `rag-chaser backup --out <dir>` and `rag-chaser restore <dir> [--prefix <new prefix>]`. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { ValidationError } from '../domain/errors';
import type { Runtime } from '../runtime';
import {
  backupTables,
  nonEmptyTables,
  readManifest,
  restoreTables,
  untrustedRows,
  type BackupManifest,
} from '../store/backup';
import { Tables } from '../store/tables';
import type { Output } from './output';

/** The backup folder must be new or empty, so an older backup is never mixed into a newer one. */
export function checkBackupDir(dir: string): string {
  if (existsSync(dir)) {
    if (!statSync(dir).isDirectory()) throw new ValidationError(`--out ${dir} is a file: give a folder.`);
    if (readdirSync(dir).length > 0)
      throw new ValidationError(`--out ${dir} is not empty: give a new or empty folder for each backup.`);
  }
  return dir;
}

export function checkRestoreDir(dir: string): BackupManifest {
  const manifest = readManifest(dir);
  if (typeof manifest === 'string') throw new ValidationError(manifest);
  return manifest;
}

/** Each service beyond the first has its own tables: backed up in `services/<scope>/` of the folder. */
const SCOPES_DIR = 'services';

export async function backupCommand(rt: Runtime, out: Output, dir: string, now: string): Promise<void> {
  const manifest = await backupTables(rt.tables, dir, now);
  const total = Object.values(manifest.tables).reduce((a, b) => a + b, 0);
  out.line(`Backed up ${total} entities of the "${manifest.prefix}" tables to ${dir}:`);
  for (const [name, count] of Object.entries(manifest.tables)) out.line(`  ${name}: ${count}`);
  for (const service of await rt.space.services.all()) {
    if (!service.scope) continue;
    const part = await backupTables(
      rt.tables.scoped(service.scope),
      join(dir, SCOPES_DIR, service.scope),
      now,
    );
    const n = Object.values(part.tables).reduce((a, b) => a + b, 0);
    out.line(`  service ${service.key} (tables "${part.prefix}"): ${n} entities`);
  }
}

/** The service scopes a backup folder holds (`services/s1a2b3c4d/`). */
function backedUpScopes(dir: string): string[] {
  const root = join(dir, SCOPES_DIR);
  if (!existsSync(root)) return [];
  return readdirSync(root).filter((name) => /^s[0-9a-f]{8}$/.test(name));
}

export async function restoreCommand(
  rt: Runtime,
  out: Output,
  dir: string,
  manifest: BackupManifest,
  prefix: string | undefined,
  resume = false,
): Promise<void> {
  const target = prefix ? new Tables(rt.tables.target, prefix) : rt.tables;
  // Everything is checked before anything is written: every part's files and every row's serviceUrl.
  const parts = backedUpScopes(dir).map((scope) => ({
    scope,
    manifest: checkRestoreDir(join(dir, SCOPES_DIR, scope)),
  }));
  const untrusted = [
    ...untrustedRows(target, dir),
    ...parts.flatMap((p) => untrustedRows(target.scoped(p.scope), join(dir, SCOPES_DIR, p.scope))),
  ];
  if (untrusted.length)
    throw new ValidationError(
      `Not restored: these rows name a serviceUrl that is not Teams' Bot Connector, and the bot would send its token there: ${untrusted.slice(0, 5).join('; ')}${untrusted.length > 5 ? ` and ${untrusted.length - 5} more` : ''}. Restore only backups RAG Chaser wrote.`,
    );
  const busy = await nonEmptyTables(target);
  if (busy.length && !resume)
    throw new ValidationError(
      `Not restored: the "${target.prefix}" tables ${busy.join(', ')} already hold data. Restore into a new prefix (--prefix) or empty tables; to finish a restore into these tables that stopped half-way, run it again with --resume.`,
    );
  const counts = await restoreTables(
    target,
    dir,
    (table, done, total) => out.progress(`Restoring ${table}`, done, total),
    { resume },
  );
  for (const { scope, manifest: part } of parts) {
    const written = await restoreTables(target.scoped(scope), join(dir, SCOPES_DIR, scope), undefined, {
      resume,
    });
    out.line(
      `  service tables "${target.prefix}${scope}": ${Object.values(written).reduce((a, b) => a + b, 0)} of ${Object.values(part.tables).reduce((a, b) => a + b, 0)} entities`,
    );
  }
  for (const [name, count] of Object.entries(counts))
    if (count !== ((manifest.tables[name as keyof typeof counts] as number | undefined) ?? 0))
      throw new Error(
        `${name}: wrote ${count} entities but the manifest lists ${manifest.tables[name as keyof typeof counts]}`,
      );
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  out.line(
    `Restored ${total} entities (backup of "${manifest.prefix}" taken ${manifest.at}) into the "${target.prefix}" tables.`,
  );
}

const PREFIX = /^[A-Za-z][A-Za-z0-9]{0,40}$/;

/** Adds `backup` and `restore` to the program; arguments are checked before storage is opened. */
export function registerBackupCommands(
  program: Command,
  out: Output,
  withRuntime: (out: Output, work: (rt: Runtime) => Promise<void>, scope: false) => Promise<void>,
  now: () => string,
): void {
  program
    .command('backup')
    .description('write every table as JSON lines with a manifest (counts, prefix, time) into a new folder')
    .requiredOption('--out <dir>', 'a new or empty folder')
    .action(async (options: { out: string }) => {
      const dir = checkBackupDir(options.out);
      await withRuntime(out, (rt) => backupCommand(rt, out, dir, now()), false);
    });
  program
    .command('restore')
    .description('restore a backup into empty tables (this TABLE_PREFIX, or --prefix)')
    .argument('<dir>', 'a folder written by rag-chaser backup')
    .option('--prefix <prefix>', 'restore into the tables of this prefix instead (letters and digits)')
    .option(
      '--resume',
      'finish a restore that stopped half-way (writes the same rows again over those written)',
    )
    .action(async (dir: string, options: { prefix?: string; resume?: boolean }) => {
      if (options.prefix !== undefined && !PREFIX.test(options.prefix))
        throw new ValidationError(
          '--prefix takes letters and digits, starting with a letter (Azure table names).',
        );
      const manifest = checkRestoreDir(dir);
      await withRuntime(
        out,
        (rt) => restoreCommand(rt, out, dir, manifest, options.prefix, options.resume),
        false,
      );
    });
}
