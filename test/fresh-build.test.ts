/** The built-program tests refuse a stale dist/: checked on a copy of the layout, with file times set. */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertFreshBuild } from './support/fresh-build';

describe('assertFreshBuild', () => {
  const root = mkdtempSync(join(tmpdir(), 'rag-chaser-fresh-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const at = (path: string, seconds: number) => utimesSync(join(root, path), seconds, seconds);

  it('says to build when dist/ is missing, or when a source file changed after the build', () => {
    mkdirSync(join(root, 'src', 'app'), { recursive: true });
    writeFileSync(join(root, 'src', 'app', 'use-case.ts'), 'export {};');
    expect(() => assertFreshBuild(root)).toThrow(/dist\/ is missing: run "npm run build"/);
    mkdirSync(join(root, 'dist'));
    writeFileSync(join(root, 'dist', 'main.js'), '');
    at('dist/main.js', 1_000);
    at('src/app/use-case.ts', 2_000);
    expect(() => assertFreshBuild(root)).toThrow(
      /dist\/ is older than src\/ \(src\/app\/use-case\.ts changed after the last build\): run "npm run build"/,
    );
    at('dist/main.js', 3_000);
    // The tab's script, bundled from web/ by the same build.
    mkdirSync(join(root, 'web'));
    writeFileSync(join(root, 'web', 'dashboard.ts'), 'export {};');
    mkdirSync(join(root, 'dist', 'tabs'));
    writeFileSync(join(root, 'dist', 'tabs', 'dashboard.js'), '');
    at('dist/tabs/dashboard.js', 1_000);
    at('web/dashboard.ts', 2_000);
    expect(() => assertFreshBuild(root)).toThrow(
      /dist\/tabs\/dashboard\.js is older than web\/ \(web\/dashboard\.ts changed/,
    );
    at('dist/tabs/dashboard.js', 3_000);
    expect(() => assertFreshBuild(root)).not.toThrow();
  });
});
