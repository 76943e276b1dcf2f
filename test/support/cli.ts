import { execFile } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { assertFreshBuild } from './fresh-build';

export const BIN = join(__dirname, '..', '..', 'bin', 'rag-chaser.js');

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built `rag-chaser` command in a child process, as a person would. */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliResult> {
  assertFreshBuild();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 60_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Imports the LRA 2016/17 sample plan with the real CLI; the test fails if it does not succeed. */
export async function importSampleWithCli(env: Record<string, string>): Promise<CliResult> {
  const { SAMPLE_DIR } = await import('./samples');
  const result = await runCli(
    [
      'plan',
      'import',
      join(SAMPLE_DIR, 'activities.csv'),
      '--kpis',
      join(SAMPLE_DIR, 'kpis.csv'),
      '--name',
      'LRA Service Plan 2016/17',
    ],
    env,
  );
  if (result.code !== 0) throw new Error(`sample import failed: ${result.stderr}`);
  return result;
}
