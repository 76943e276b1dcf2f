/**
 * Builds the Teams app package: fills the manifest template's `${{VAR}}` placeholders (Agents Toolkit
 * convention), validates it against the official schema bundled in @microsoft/app-manifest, and zips it
 * with the icons. An invalid manifest stops the build with the schema's errors.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import JSZip from 'jszip';
import { ValidationError } from '../domain/errors';

const PLACEHOLDER = /\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g;

/** Parses a dotenv-style file: KEY=value lines, # comments. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=(.*)$/.exec(line);
    if (match?.[1] && !line.trimStart().startsWith('#'))
      values[match[1]] = (match[2] ?? '').replace(/^"(.*)"$/, '$1');
  }
  return values;
}

/** Values that may be empty (the app's name without a suffix in production). */
const MAY_BE_EMPTY = new Set(['APP_NAME_SUFFIX']);

/** Replaces every placeholder; a missing (or, but for a suffix, empty) value is an error that names it. */
export function fillTemplate(template: string, values: Readonly<Record<string, string | undefined>>): string {
  const missing = new Set<string>();
  const filled = template.replace(PLACEHOLDER, (_m, name: string) => {
    const value = values[name];
    if (value === undefined || (value.trim() === '' && !MAY_BE_EMPTY.has(name))) {
      missing.add(name);
      return '';
    }
    return JSON.stringify(value).slice(1, -1);
  });
  if (missing.size)
    throw new ValidationError(
      `The manifest needs values for: ${[...missing].join(', ')}. Set them in env/.env.<env> or the environment.`,
    );
  return filled;
}

/** Schema errors of a manifest (empty when valid), checked offline against the bundled schema. */
export async function manifestErrors(manifest: unknown): Promise<string[]> {
  return AppManifestUtils.validateAgainstSchema(
    manifest as Parameters<typeof AppManifestUtils.validateAgainstSchema>[0],
  );
}

export interface BuiltPackage {
  readonly manifest: Record<string, unknown>;
  readonly zip: Buffer;
}

export async function buildAppPackage(
  appPackageDir: string,
  values: Readonly<Record<string, string | undefined>>,
): Promise<BuiltPackage> {
  const template = readFileSync(join(appPackageDir, 'manifest.json'), 'utf8');
  const manifest = JSON.parse(fillTemplate(template, values)) as Record<string, unknown>;
  const errors = await manifestErrors(manifest);
  if (errors.length) {
    throw new ValidationError(
      `The Teams manifest is not valid against its schema (${String(manifest.manifestVersion)}).`,
      errors.map((message) => ({ file: 'manifest.json', message })),
    );
  }
  const zip = new JSZip();
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`);
  const icons = manifest.icons as { color: string; outline: string };
  for (const icon of [icons.color, icons.outline]) zip.file(icon, readFileSync(join(appPackageDir, icon)));
  return { manifest, zip: await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }) };
}
