/**
 * Reads an uploaded plan file in a process of its own (forked by jobs/table-process with a small heap):
 * whatever a file does to the reader, the server's memory and event loop are not touched. Takes one
 * `{ bytes, name }` message, answers `{ tables }` or `{ refused }` (a ValidationError's message and
 * problems) or `{ error }`, and exits.
 */
import { readTables } from '../files/read-table';
import { ValidationError, type Problem } from '../domain/errors';
import type { Table } from '../domain/plan-import';

export interface TableRequest {
  readonly bytes: Uint8Array;
  readonly name: string;
}

export type TableAnswer =
  | { readonly tables: { name: string; table: Table }[] }
  | { readonly refused: { message: string; problems: readonly Problem[] } }
  | { readonly error: string };

function isRequest(message: unknown): message is TableRequest {
  if (typeof message !== 'object' || message === null) return false;
  const m: { bytes?: unknown; name?: unknown } = message;
  return m.bytes instanceof Uint8Array && typeof m.name === 'string';
}

async function answer(request: TableRequest): Promise<TableAnswer> {
  try {
    return { tables: await readTables(request.bytes, request.name) };
  } catch (error) {
    if (error instanceof ValidationError)
      return { refused: { message: error.message, problems: error.problems } };
    return { error: error instanceof Error ? error.message : 'unknown error' };
  }
}

process.once('message', (message: unknown) => {
  if (!isRequest(message)) {
    process.exitCode = 2;
    process.disconnect();
    return;
  }
  void answer(message).then((reply) => process.send?.(reply, () => process.disconnect()));
});
