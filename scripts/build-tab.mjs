// Bundles the dashboard tab's script (web/) into dist/tabs/dashboard.js for GET /tabs/dashboard.js.
import { build } from 'esbuild';

await build({
  entryPoints: ['web/dashboard.ts'],
  outfile: 'dist/tabs/dashboard.js',
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['chrome110', 'edge110', 'safari16', 'firefox110'],
  legalComments: 'linked',
  logLevel: 'warning',
});
