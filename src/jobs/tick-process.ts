/**
 * Runs one minute's tick in a child process (jobs/tick-worker) and resolves with its report. The server's
 * scheduler uses it so that a quarter's fan-out to thousands of owners is sent by a process that carries
 * only what sending needs (see docs/performance.md), and the memory it used is returned when it exits.
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config-types';
import type { ServicesTickReport } from '../app/cycle/tick-services';
import type { TickAnswer, TickRequest } from './tick-worker';

export interface ChildTickReport extends ServicesTickReport {
  /** The tick process's peak resident memory. */
  readonly peakRssMb: number;
}

export interface ChildTickOptions {
  /** The compiled worker (dist/jobs/tick-worker.js next to this file by default). */
  readonly worker?: string;
  /** Node options for the child (none by default: not the parent's, e.g. a test runner's). */
  readonly execArgv?: readonly string[];
  /** Called with the child's process id once it is started. */
  readonly onStart?: (pid: number) => void;
  /**
   * The watchdog: a tick process still running after this long is killed and the tick reported failed,
   * so a hung process cannot stop every later tick. Its lease expires and the next tick goes on where it
   * stopped (each message is claimed in the outbox, so nothing is sent twice). @default 1200000 (20 min;
   * a 10,000-owner fan-out takes under 4)
   */
  readonly timeoutMs?: number;
}

const DEFAULT_WORKER = join(__dirname, 'tick-worker.js');

/** The worker exists only in the build: running from TypeScript sources, the tick runs in-process. */
export function childTicksAvailable(worker = DEFAULT_WORKER): boolean {
  return existsSync(worker);
}

/**
 * `config` must reach the parent's tables: for the embedded Azurite, a connection string to the one
 * running (see `Runtime.storageForChildren`).
 */
export function tickInChild(
  config: Config,
  now: string,
  options: ChildTickOptions = {},
): Promise<ChildTickReport> {
  return new Promise((resolve, reject) => {
    const child = fork(options.worker ?? DEFAULT_WORKER, [], {
      execArgv: [...(options.execArgv ?? [])],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
    });
    let answer: TickAnswer | undefined;
    let hung = false;
    const timeoutMs = options.timeoutMs ?? 20 * 60_000;
    const watchdog = setTimeout(() => {
      hung = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.once('message', (message) => {
      answer = message as TickAnswer;
    });
    child.once('error', (error) => {
      clearTimeout(watchdog);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(watchdog);
      if (hung)
        reject(
          new Error(
            `the tick process ran for more than ${Math.round(timeoutMs / 60_000)} minutes and was stopped; the next tick goes on where it stopped`,
          ),
        );
      else if (answer && 'report' in answer) resolve({ ...answer.report, peakRssMb: answer.peakRssMb });
      else if (answer) reject(new Error(`the tick process failed: ${answer.error}`));
      else reject(new Error(`the tick process exited without a report (${signal ?? `code ${code}`})`));
    });
    if (child.pid !== undefined) options.onStart?.(child.pid);
    const request: TickRequest = { config, now };
    child.send(request);
  });
}
