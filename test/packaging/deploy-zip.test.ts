/**
 * The deployment zip as App Service gets it: built output and production dependencies only (no test tool,
 * no embedded Azurite). From the folder it is made of, the server starts against Table Storage and the
 * CLI runs; without storage, it says what to set instead of failing on the missing Azurite.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import JSZip from 'jszip';
import { buildDeployZip, bundlerOnlyFolders } from '../../src/packaging/deploy-zip';
import { freePort } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const ROOT = join(__dirname, '..', '..');

it('holds dist and production dependencies only; the server and the CLI run from it', async () => {
  const out = mkdtempSync(join(tmpdir(), 'rag-chaser-bundle-'));
  try {
    const bundle = await buildDeployZip(ROOT, out);
    const zip = await JSZip.loadAsync(readFileSync(bundle.zip));
    const names = Object.keys(zip.files);
    expect(names).toEqual(
      expect.arrayContaining([
        'dist/main.js',
        'dist/jobs/tick-worker.js',
        'bin/rag-chaser.js',
        'package.json',
      ]),
    );
    // The AI prompts ship with the app (read from prompts/ next to dist/ when AI_ENDPOINT is set).
    expect(names).toEqual(
      expect.arrayContaining([
        'prompts/ask/actions.json',
        'prompts/ask/skprompt.txt',
        'prompts/draft/config.json',
      ]),
    );
    expect(names.some((n) => n.startsWith('node_modules/botbuilder/'))).toBe(true);
    for (const absent of [
      'node_modules/azurite/',
      'node_modules/jest/',
      'node_modules/typescript/',
      'test/',
      'src/',
    ])
      expect(names.filter((n) => n.startsWith(absent))).toEqual([]);
    expect(names.some((n) => n.startsWith('dist/dev/') || n.startsWith('dist/packaging/'))).toBe(false);

    // Lean: no maps, typings or docs from node_modules; under a third of the ~57,000 files a full copy had.
    expect(names.filter((n) => /^node_modules\/.*\.(map|d\.ts|md)$/i.test(n))).toEqual([]);
    expect(bundle.files).toBeLessThan(19_000);
    // The programs run from the zip's own content, unpacked elsewhere (as App Service mounts the package).
    expect(names.filter((n) => !zip.files[n]?.dir)).toHaveLength(bundle.files);
    const app = join(out, 'unpacked');
    for (const name of names) {
      const entry = zip.files[name];
      if (!entry || entry.dir) continue;
      mkdirSync(dirname(join(app, name)), { recursive: true });
      writeFileSync(join(app, name), await entry.async('nodebuffer'));
    }
    rmSync(join(out, 'deploy'), { recursive: true, force: true });
    const env = {
      PATH: process.env.PATH ?? '',
      TABLES_CONNECTION_STRING: testConnectionString(),
      TABLE_PREFIX: uniquePrefix(),
      LOG_LEVEL: 'warn',
    };
    // Without storage, local mode says the embedded Azurite is not installed, rather than crashing.
    // (Child processes run asynchronously: the test Azurite answers from this process.)
    const cli = (extra: Record<string, string>) =>
      new Promise<{ code: number; out: string }>((resolve) =>
        execFile(
          process.execPath,
          [join(app, 'bin', 'rag-chaser.js'), 'status'],
          { env: extra },
          (e, so, se) => resolve({ code: e ? Number(e.code) : 0, out: `${so}${se}` }),
        ),
      );
    const noStorage = await cli({ PATH: env.PATH });
    expect(noStorage.code).toBe(2);
    expect(noStorage.out).toMatch(
      /embedded Azurite is not installed.*TABLES_ENDPOINT or TABLES_CONNECTION_STRING/,
    );
    const status = await cli(env);
    expect(status.code).toBe(0);
    expect(status.out).toMatch(/Table Storage \(connection string\)/);
    const port = await freePort();
    // With its minute scheduler: the first tick runs at once, in the tick process forked from the zip.
    const server = spawn(process.execPath, [join(app, 'dist', 'main.js')], {
      env: { ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'debug' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let logs = '';
    server.stdout.on('data', (d: Buffer) => (logs += d.toString()));
    server.stderr.on('data', (d: Buffer) => (logs += d.toString()));
    try {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i += 1) {
        status = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.status,
          () => 0,
        );
        if (status !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(status).toBe(200);
      for (let i = 0; i < 100 && !/tick: nothing due|tick failed/.test(logs); i += 1)
        await new Promise((r) => setTimeout(r, 200));
      expect(logs).toMatch(/the minute tick runs in a process of its own/);
      expect(logs).toMatch(/tick: nothing due/);
      expect(logs).not.toMatch(/tick failed/);
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}, 180_000);

describe('bundlerOnlyFolders', () => {
  it('drops the folders only bundlers read, never what Node resolves', () => {
    // OpenTelemetry's shape: main for Node, module/esnext for bundlers, no exports map.
    expect(
      bundlerOnlyFolders({
        main: 'build/src/index.js',
        module: 'build/esm/index.js',
        esnext: 'build/esnext/index.js',
      }),
    ).toEqual(['build/esm', 'build/esnext']);
    // With an exports map Node may pick any condition: keep everything.
    expect(
      bundlerOnlyFolders({
        main: 'dist/index.js',
        module: 'dist/esm/index.js',
        exports: { import: './dist/esm/index.js' },
      }),
    ).toEqual([]);
    // A module build inside main's folder, or main inside the module's, is kept.
    expect(bundlerOnlyFolders({ main: 'lib/index.js', module: 'lib/index.mjs' })).toEqual([]);
    expect(bundlerOnlyFolders({ main: 'dist/cjs/index.js', module: 'dist/index.mjs' })).toEqual([]);
    expect(bundlerOnlyFolders({ module: 'esm/index.js' })).toEqual([]);
  });
});
