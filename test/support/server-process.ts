/** Starts the built server (dist/main.js) as a child process, as production does. */
import { assertFreshBuild } from './fresh-build';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { freePort } from './cli';

export interface ServerProcess {
  readonly url: string;
  readonly child: ChildProcess;
  readonly logs: string[];
  stop(): Promise<void>;
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const logs: string[] = [];
  assertFreshBuild();
  const child = spawn(process.execPath, [join(__dirname, '..', '..', 'dist', 'main.js')], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      SCHEDULER_ENABLED: 'false',
      // With telemetry on, the SDK's own usage reports would go to Microsoft: never from a test.
      APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
      // As on App Service: the Azure Monitor distro then takes the resource from the environment and
      // never asks the VM metadata address (it does only when no Azure platform is detected).
      WEBSITE_SITE_NAME: 'rag-chaser-test',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => logs.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => logs.push(d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const start = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited: ${logs.join('')}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() - start > 20_000) throw new Error(`server did not start: ${logs.join('')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    child,
    logs,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) {
          resolve();
          return;
        }
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
