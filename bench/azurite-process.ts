/**
 * Azurite (in memory) in a process of its own, as storage is a service of its own in production: the
 * benchmarked process then pays for its own work and waits for storage's, instead of running both on one
 * thread with one heap. Prints its connection string; SIGTERM stops it.
 */
import { spawn } from 'node:child_process';
import { startEmbeddedTables } from '../src/store/embedded-azurite';

export interface AzuriteProcess {
  readonly connectionString: string;
  close(): Promise<void>;
}

/** Starts this file as a child process and waits for its connection string. */
export function startAzuriteProcess(): Promise<AzuriteProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code})`)));
    child.stdout.once('data', (d: Buffer) => {
      const { connectionString } = JSON.parse(d.toString()) as { connectionString: string };
      resolve({
        connectionString,
        close: () =>
          new Promise<void>((done) => {
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

async function main(): Promise<void> {
  const azurite = await startEmbeddedTables({ port: 0 });
  process.stdout.write(`${JSON.stringify({ connectionString: azurite.connectionString })}\n`);
  process.on('SIGTERM', () => void azurite.close().then(() => process.exit(0)));
}

if (require.main === module) void main();
