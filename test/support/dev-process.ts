/** Starts `npm run dev`'s program (dist/dev/main.js) exactly as README's run command does, on free ports. */
import { assertFreshBuild } from './fresh-build';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './cli';
import { azuriteConnectionString } from '../../src/store/embedded-azurite';

export interface DevProcess {
  readonly botUrl: string;
  readonly playgroundUrl: string;
  readonly tablesConnectionString: string;
  /** DATA_DIR of the run (the embedded Azurite's data, the trial's plan-upload activity). */
  readonly dataDir: string;
  readonly output: string[];
  stop(): Promise<void>;
}

export async function startDev(): Promise<DevProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rag-chaser-dev-'));
  const [port, tablesPort, playgroundPort] = [await freePort(), await freePort(), await freePort()];
  const output: string[] = [];
  assertFreshBuild();
  const child: ChildProcess = spawn(
    process.execPath,
    [join(__dirname, '..', '..', 'dist', 'dev', 'main.js')],
    {
      cwd: join(__dirname, '..', '..'),
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? tmpdir(),
        PORT: String(port),
        EMBEDDED_TABLES_PORT: String(tablesPort),
        PLAYGROUND_PORT: String(playgroundPort),
        DATA_DIR: dataDir,
        SCHEDULER_ENABLED: 'false',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
  const start = Date.now();
  let playgroundUrl = '';
  while (!playgroundUrl) {
    const match = /Open (http:\/\/localhost:\d+) in your browser/.exec(output.join(''));
    if (match?.[1]) playgroundUrl = match[1];
    else if (child.exitCode !== null) throw new Error(`npm run dev exited: ${output.join('')}`);
    else if (Date.now() - start > 90_000) throw new Error(`npm run dev did not come up: ${output.join('')}`);
    else await new Promise((r) => setTimeout(r, 200));
  }
  return {
    botUrl: `http://127.0.0.1:${port}`,
    playgroundUrl,
    tablesConnectionString: azuriteConnectionString(`http://127.0.0.1:${tablesPort}`),
    dataDir,
    output,
    stop: async () => {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve());
          child.kill('SIGINT');
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
