/**
 * `npm run bundle`: the App Service deployment zip (build/app.zip) with the built output and production
 * dependencies only. The project's package.json and lock file are copied to build/deploy with dist/ and
 * bin/, `npm ci --omit=dev` installs what production needs (no test tools, no embedded Azurite), and the
 * folder is zipped. App Service runs `node dist/main.js` from it; nothing is built there.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, relative } from 'node:path';
import JSZip from 'jszip';
import { consoleOutput } from '../cli/output';

const ROOT = join(__dirname, '..', '..');
/** What the zip holds besides node_modules. */
const PARTS = ['dist', 'bin', 'prompts', 'package.json', 'package-lock.json'];
/** Build-time leftovers production never reads. */
const SKIP = /(^|\/)(packaging|dev)(\/|$)|\.map$|\.d\.ts$/;
/** In node_modules: source maps, type declarations and documentation (most of its files; none is loaded). */
const SKIP_IN_MODULES = /\.(map|d\.ts|d\.mts|d\.cts|md|markdown)$/i;

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
  const zip = new JSZip();
  let files = 0;
  const add = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) add(path);
      else if (!SKIP_IN_MODULES.test(name)) {
        zip.file(relative(stage, path).split('\\').join('/'), readFileSync(path));
        files += 1;
      }
    }
  };
  add(stage);
  const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
  const target = join(out, 'app.zip');
  writeFileSync(target, bytes);
  return { zip: target, files, bytes: bytes.length };
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
