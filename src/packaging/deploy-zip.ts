/**
 * `npm run bundle`: the App Service deployment zip (build/app.zip) with the built output and production
 * dependencies only. The project's package.json and lock file are copied to build/deploy with dist/ and
 * bin/, `npm ci --omit=dev` installs what production needs (no test tools, no embedded Azurite), and the
 * folder is zipped, streamed to disk one file at a time (never the whole zip in memory). App Service runs
 * `node dist/main.js` from it, mounted read-only (WEBSITE_RUN_FROM_PACKAGE=1); nothing is built there.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  cpSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { once } from 'node:events';
import { join, relative } from 'node:path';
import { Zip, ZipDeflate } from 'fflate';
import { consoleOutput } from '../cli/output';

const ROOT = join(__dirname, '..', '..');
/** What the zip holds besides node_modules. */
const PARTS = ['dist', 'bin', 'prompts', 'package.json', 'package-lock.json'];
/** Build-time leftovers production never reads. */
const SKIP = /(^|\/)(packaging|dev)(\/|$)|\.map$|\.d\.ts$/;
/**
 * In node_modules: source maps, TypeScript sources and declarations, documentation and tool settings
 * (most of its files; Node loads none of them).
 */
const SKIP_IN_MODULES =
  /\.(map|ts|mts|cts|tsx|md|markdown)$|^\.(eslintrc|nycrc|npmignore|travis\.yml|editorconfig|prettierrc)/i;

/**
 * Builds only bundlers read: a package without an `exports` map is resolved by Node through `main`
 * alone (for `require` and `import` alike), so the folders its `module`/`esnext`/`es2015` fields point
 * to (OpenTelemetry's build/esm and build/esnext, a third of all files) are never loaded.
 */
export function bundlerOnlyFolders(manifest: Record<string, unknown>): string[] {
  if (manifest.exports !== undefined || typeof manifest.main !== 'string') return [];
  const folder = (path: string) => path.replace(/^\.\//, '').split('/').slice(0, -1).join('/');
  const main = folder(manifest.main);
  const out = new Set<string>();
  for (const field of ['module', 'esnext', 'es2015']) {
    const value = manifest[field];
    if (typeof value !== 'string') continue;
    const dir = folder(value);
    if (dir && !`${main}/`.startsWith(`${dir}/`) && !`${dir}/`.startsWith(`${main}/`)) out.add(dir);
  }
  return [...out];
}

export interface Bundle {
  readonly zip: string;
  readonly files: number;
  readonly bytes: number;
}

export async function buildDeployZip(root = ROOT, out = join(root, 'build')): Promise<Bundle> {
  if (!existsSync(join(root, 'dist', 'main.js'))) throw new Error('Build first: npm run build.');
  const stage = join(out, 'deploy');
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(stage, { recursive: true });
  for (const part of PARTS)
    cpSync(join(root, part), join(stage, part), {
      recursive: true,
      filter: (src) => !SKIP.test(relative(root, src).split('\\').join('/')),
    });
  // Production dependencies only; no lifecycle scripts (dist/ is already built, nothing else needs one).
  await promisify(execFile)('npm', ['ci', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
    cwd: stage,
  });
  const target = join(out, 'app.zip');
  const sink = createWriteStream(target);
  let bytes = 0;
  let failed: Error | undefined;
  const finished = once(sink, 'finish');
  const zip = new Zip((error, chunk, final) => {
    if (error) failed = error;
    else {
      bytes += chunk.length;
      sink.write(chunk);
    }
    if (final || error) sink.end();
  });
  let files = 0;
  const skipped = new Set<string>();
  const add = async (dir: string): Promise<void> => {
    const manifest = join(dir, 'package.json');
    if (dir.includes('node_modules') && existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
        for (const folder of bundlerOnlyFolders(parsed)) skipped.add(join(dir, folder));
      } catch {
        // Not a package manifest we can read: keep everything.
      }
    }
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (skipped.has(path)) continue;
      if (statSync(path).isDirectory()) await add(path);
      else if (!SKIP_IN_MODULES.test(name)) {
        const entry = new ZipDeflate(relative(stage, path).split('\\').join('/'), { level: 6 });
        zip.add(entry);
        entry.push(readFileSync(path), true);
        files += 1;
        // Let the file stream drain before the next file is read.
        if (sink.writableNeedDrain) await once(sink, 'drain');
      }
    }
  };
  await add(stage);
  zip.end();
  await finished;
  if (failed) throw failed;
  return { zip: target, files, bytes };
}

if (require.main === module) {
  buildDeployZip().then(
    (b) =>
      consoleOutput.line(
        `${relative(process.cwd(), b.zip)}: ${b.files} files, ${(b.bytes / 1024 / 1024).toFixed(1)} MB (built output and production dependencies). Deploy: az webapp deploy --src-path ${relative(process.cwd(), b.zip)} --type zip`,
      ),
    (error: unknown) => {
      consoleOutput.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
