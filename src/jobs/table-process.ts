/**
 * Reads an uploaded plan file in a child process (jobs/table-worker) with its own heap cap and a time
 * limit, so that no file (a workbook padded to billions of cells, a zip bomb, a parser's worst case) can
 * take the server down: the worst a file does is kill its own reader, and the manager is told the file
 * could not be read. The limits in app/file-limits refuse the known shapes before parsing; this is the
 * backstop for the unknown ones.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ValidationError } from '../domain/errors';
import type { Table } from '../domain/plan-import';
import type { TableAnswer, TableRequest } from './table-worker';

export interface TableReadLimits {
  /** The reader's V8 heap, in MB. @default 192 */
  readonly heapMb?: number;
  /** How long one file may take. @default 15000 */
  readonly timeoutMs?: number;
}

/** The compiled worker; run from the TypeScript sources (tests), the .ts through tsx. */
function worker(): { path: string; execArgv: string[] } {
  const compiled = join(__dirname, 'table-worker.js');
  if (existsSync(compiled)) return { path: compiled, execArgv: [] };
  return { path: join(__dirname, 'table-worker.ts'), execArgv: ['--import', 'tsx'] };
}

function unreadable(name: string, why: string): ValidationError {
  return new ValidationError(`${name} could not be read: ${why}.`, [
    {
      file: name,
      message: `Could not be read: ${why}. Save the plan with only the activities and KPIs (each one table from A1) as .xlsx or CSV UTF-8, and send it again.`,
    },
  ]);
}

/** The tables of one file, read in a child process; a ValidationError for anything that is not a plan. */
export function readTablesInChild(
  bytes: Uint8Array,
  name: string,
  limits: TableReadLimits = {},
): Promise<{ name: string; table: Table }[]> {
  const { path, execArgv } = worker();
  const heapMb = limits.heapMb ?? 192;
  return new Promise((resolve, reject) => {
    const child = fork(path, [], {
      execArgv: [...execArgv, `--max-old-space-size=${heapMb}`],
      stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
      serialization: 'advanced',
    });
    let reply: TableAnswer | undefined;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, limits.timeoutMs ?? 15_000);
    child.once('message', (message) => {
      reply = message as TableAnswer;
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', () => {
      clearTimeout(timer);
      if (reply && 'tables' in reply) resolve(reply.tables);
      else if (reply && 'refused' in reply)
        reject(new ValidationError(reply.refused.message, reply.refused.problems));
      else if (reply) reject(unreadable(name, reply.error));
      else
        reject(
          unreadable(
            name,
            timedOut ? 'reading it took too long' : 'it is too large or too complex to be a plan',
          ),
        );
    });
    const request: TableRequest = { bytes, name };
    child.send(request);
  });
}
