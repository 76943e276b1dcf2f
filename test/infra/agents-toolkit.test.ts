/**
 * The Microsoft 365 Agents Toolkit path, read as the toolkit runs it: each lifecycle's steps in order, the
 * variables each step reads (`${{VAR}}` in its arguments, and in the manifest for the steps that package
 * it), and what provides them (the env file, a step's `writeToEnvironmentFile`, arm/deploy's template
 * outputs under their own names). A variable read before anything provides it fails; so does a manifest
 * that would be packaged with the placeholder bot of the env file instead of the one provisioned.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const varsIn = (text: string) => [...text.matchAll(/\$\{\{\s*([A-Z0-9_]+)\s*\}\}/g)].map((m) => m[1]!);

/** Set by the toolkit itself, or asked of the person provisioning. */
const TOOLKIT = ['TEAMSFX_ENV', 'AZURE_SUBSCRIPTION_ID', 'AZURE_RESOURCE_GROUP_NAME'];

interface Step {
  readonly uses: string;
  readonly with?: Record<string, unknown>;
  readonly writeToEnvironmentFile?: Record<string, string>;
}

function envKeys(env: string): string[] {
  return read(`env/.env.${env}`)
    .split('\n')
    .map((l) => /^([A-Z0-9_]+)=/.exec(l)?.[1])
    .filter((k): k is string => k !== undefined);
}

function bicepOutputs(path: string): string[] {
  return [...read(path).matchAll(/^output\s+([A-Za-z0-9_]+)\s/gm)].map((m) => m[1]!);
}

/** Walks one lifecycle; returns what is read before it is provided, and who provided each variable. */
function walk(steps: readonly Step[], env: string) {
  const provided = new Map<string, string>([
    ...TOOLKIT.map((v): [string, string] => [v, 'toolkit']),
    ...envKeys(env).map((v): [string, string] => [v, `env/.env.${env}`]),
  ]);
  const missing: string[] = [];
  const readAt: { step: string; name: string; by: string }[] = [];
  for (const step of steps) {
    const args = JSON.stringify(step.with ?? {});
    const manifest = /teamsApp\/(validateManifest|zipAppPackage)/.test(step.uses)
      ? read((typeof step.with?.manifestPath === 'string' ? step.with.manifestPath : '').replace(/^\.\//, ''))
      : '';
    for (const name of [...varsIn(args), ...varsIn(manifest)]) {
      const by = provided.get(name);
      if (!by) missing.push(`${step.uses} reads ${name} before anything provides it`);
      else readAt.push({ step: step.uses, name, by });
    }
    for (const name of Object.values(step.writeToEnvironmentFile ?? {})) provided.set(name, step.uses);
    if (step.uses === 'arm/deploy') {
      const templates = (step.with?.templates ?? []) as { path: string }[];
      for (const t of templates)
        for (const name of bicepOutputs(t.path.replace(/^\.\//, ''))) provided.set(name, 'arm/deploy');
    }
  }
  return { missing, readAt, provided };
}

describe('Agents Toolkit: names flow from Bicep outputs to env/ to the manifest and deploy', () => {
  const project = parse(read('m365agents.yml')) as { provision: Step[]; deploy: Step[] };
  const local = parse(read('m365agents.local.yml')) as { provision?: Step[]; deploy?: Step[] };

  it('provision then deploy read nothing before a step or the env file provides it', () => {
    const provision = walk(project.provision, 'dev');
    expect(provision.missing).toEqual([]);
    const deploy = walk(project.deploy, 'dev');
    // Deploy runs after provision: what provision wrote is in the env file by then.
    const later = deploy.missing.filter(
      (m) => ![...provision.provided.keys()].some((k) => m.endsWith(` ${k} before anything provides it`)),
    );
    expect(later).toEqual([]);
  });

  it('the packaged manifest carries the provisioned bot and domain, not the env file’s placeholders', () => {
    const { readAt } = walk(project.provision, 'dev');
    const zip = readAt.filter((r) => r.step === 'teamsApp/zipAppPackage');
    for (const name of ['BOT_ID', 'BOT_DOMAIN', 'TEAMS_APP_ID'])
      expect(zip.find((r) => r.name === name)?.by).toMatch(/^(arm\/deploy|teamsApp\/create)$/);
  });

  it('deploy zips to the App Service that provision created', () => {
    const provision = walk(project.provision, 'dev');
    const zipDeploy = project.deploy.find((s) => s.uses === 'azureAppService/zipDeploy');
    const [resource] = varsIn(JSON.stringify(zipDeploy?.with ?? {}));
    expect(resource).toBeDefined();
    expect(provision.provided.get(resource!)).toBe('arm/deploy');
  });

  it('local debug reads only what the playground env file or its own steps provide', () => {
    expect(walk([...(local.provision ?? []), ...(local.deploy ?? [])], 'playground').missing).toEqual([]);
  });
});
