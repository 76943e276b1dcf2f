/** How the CLI speaks: plain text on stdout, problems on stderr, exit codes that scripts can use. */
import {
  describeProblems,
  RagChaserError,
  StorageAccessError,
  StorageUnavailableError,
  ValidationError,
} from '../domain/errors';

export interface Output {
  line(text?: string): void;
  error(text: string): void;
  progress(label: string, done: number, total: number): void;
}

export const consoleOutput: Output = {
  line: (text = '') => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
  progress: (label, done, total) => {
    if (process.stderr.isTTY)
      process.stderr.write(`\r${label}: ${done}/${total}${done === total ? '\n' : ''}`);
    else if (done === total || done % 500 === 0) process.stderr.write(`${label}: ${done}/${total}\n`);
  },
};

/** Turns an error into a message and an exit code: 2 for bad input, 1 for anything else. */
export function reportError(out: Output, error: unknown): number {
  if (error instanceof ValidationError) {
    out.error(error.message);
    if (error.problems.length > 1 || error.problems[0]?.message !== error.message)
      out.error(describeProblems(error.problems));
    return 2;
  }
  // Storage out of reach or refusing us: not the input's fault (exit 1), said as what to fix.
  if (error instanceof StorageAccessError || error instanceof StorageUnavailableError) {
    out.error(error.message);
    return 1;
  }
  if (error instanceof RagChaserError) {
    out.error(error.message);
    return 2;
  }
  out.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  return 1;
}
