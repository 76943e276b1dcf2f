/**
 * Tests that run the built program (the CLI, the server, npm run dev's program) refuse a dist/ older than
 * src/: a stale build would test yesterday's code and pass. `npm test` builds first; a single file run
 * after an edit says to build.
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
let checked: string | undefined;

function newest(dir: string): { path: string; at: number } {
  let found = { path: dir, at: 0 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    const candidate = entry.isDirectory() ? newest(path) : { path, at: statSync(path).mtimeMs };
    if (candidate.at > found.at) found = candidate;
  }
  return found;
}

/** Throws with what to do when a file of src/ changed after dist/ was built. */
export function assertFreshBuild(root = ROOT): void {
  if (checked === root) return;
  const built = join(root, 'dist', 'main.js');
  let builtAt: number;
  try {
    builtAt = statSync(built).mtimeMs;
  } catch {
    throw new Error('dist/ is missing: run "npm run build" before the tests that run the built program.');
  }
  const source = newest(join(root, 'src'));
  if (source.at > builtAt)
    throw new Error(
      `dist/ is older than src/ (${relative(root, source.path)} changed after the last build): run "npm run build".`,
    );
  // The tab's script is bundled from web/ by the same build.
  let tabAt = 0;
  try {
    tabAt = statSync(join(root, 'dist', 'tabs', 'dashboard.js')).mtimeMs;
  } catch {
    // missing: as stale
  }
  const page = newest(join(root, 'web'));
  if (page.at > tabAt)
    throw new Error(
      `dist/tabs/dashboard.js is older than web/ (${relative(root, page.path)} changed after the last build): run "npm run build".`,
    );
  checked = root;
}
