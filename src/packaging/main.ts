/** `npm run package -- --env dev`: writes appPackage/build/appPackage.<env>.zip (and the filled manifest). */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { buildAppPackage, parseEnvFile } from './app-package';
import { consoleOutput, reportError } from '../cli/output';

const ROOT = join(__dirname, '..', '..');

async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('package')
    .option('--env <name>', 'environment: reads env/.env.<name>', 'dev')
    .option('--dir <dir>', 'folder with manifest.json and icons', join(ROOT, 'appPackage'))
    .exitOverride();
  try {
    program.parse([...argv], { from: 'user' });
    const { env, dir } = program.opts<{ env: string; dir: string }>();
    if (!/^[a-z0-9-]{1,20}$/.test(env)) throw new Error('--env takes a short name such as dev or prod');
    const files = [join(ROOT, 'env', `.env.${env}`), join(ROOT, 'env', `.env.${env}.user`)].filter((f) =>
      existsSync(f),
    );
    const fromFiles = Object.assign({}, ...files.map((f) => parseEnvFile(readFileSync(f, 'utf8')))) as Record<
      string,
      string
    >;
    const built = await buildAppPackage(dir, { ...fromFiles, ...process.env });
    const out = join(dir, 'build');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, `manifest.${env}.json`), `${JSON.stringify(built.manifest, null, 2)}\n`);
    writeFileSync(join(out, `appPackage.${env}.zip`), built.zip);
    consoleOutput.line(
      `Manifest valid against schema ${String(built.manifest.manifestVersion)}. Wrote ${join(out, `appPackage.${env}.zip`)} (${built.zip.length} bytes).`,
    );
    return 0;
  } catch (error) {
    return reportError(consoleOutput, error);
  }
}

void main(process.argv.slice(2)).then((code) => process.exit(code));
