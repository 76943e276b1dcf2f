/** Starts the Microsoft 365 Agents Playground (offline Teams client) against the local bot. */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';

export interface Playground {
  readonly url: string;
  stop(): Promise<void>;
}

export function startPlayground(options: {
  root: string;
  botUrl: string;
  port: number;
  onLog: (line: string) => void;
}): Promise<Playground> {
  const cli = join(options.root, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js');
  const child: ChildProcess = spawn(
    process.execPath,
    [
      cli,
      'start',
      '-e',
      `${options.botUrl}/api/messages`,
      '-c',
      'msteams',
      '--disable-telemetry',
      '-p',
      String(options.port),
    ],
    // The playground reads .m365agentsplayground.yml from its working directory.
    {
      cwd: options.root,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error('The Agents Playground did not start within 60 s.')),
      60_000,
    );
    const onData = (data: Buffer) => {
      for (const line of data.toString().split('\n').filter(Boolean)) {
        options.onLog(line);
        const match = /Listening on (\d+)/.exec(line);
        if (match) {
          clearTimeout(timer);
          resolve({
            url: `http://localhost:${match[1] ?? options.port}`,
            stop: () =>
              new Promise<void>((done) => {
                if (child.exitCode !== null) {
                  done();
                  return;
                }
                child.once('exit', () => done());
                child.kill('SIGTERM');
              }),
          });
        }
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(
        new Error(
          `The Agents Playground exited (${code ?? 'signal'}); see devTools/m365agentsplayground.log.`,
        ),
      );
    });
  });
}
