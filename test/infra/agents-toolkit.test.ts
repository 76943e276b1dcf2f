/**
 * The Microsoft 365 Agents Toolkit path, read as the toolkit runs it: each lifecycle's steps in order, the
 * variables each step reads (`${{VAR}}` in its arguments, and in the manifest for the steps that package
 * it), and what provides them (the env file, a step's `writeToEnvironmentFile`, arm/deploy's template
 * outputs under their own names). A variable read before anything provides it fails; so does a manifest
 * that would be packaged with the placeholder bot of the env file instead of the one provisioned.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { loadConfig } from '../../src/config';

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
function walk(steps: readonly Step[], env: string, before: readonly string[] = []) {
  const provided = new Map<string, string>([
    ...TOOLKIT.map((v): [string, string] => [v, 'toolkit']),
    ...envKeys(env).map((v): [string, string] => [v, `env/.env.${env}`]),
    ...before.map((v): [string, string] => [v, 'before provision']),
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
      const templates = (step.with?.templates ?? []) as { path: string; parameters?: string }[];
      // The toolkit fills the parameters file's ${{VAR}} from the env file before it deploys.
      for (const t of templates)
        for (const name of varsIn(t.parameters ? read(t.parameters.replace(/^\.\//, '')) : ''))
          if (!provided.has(name))
            missing.push(`arm/deploy parameters read ${name} before anything provides it`);
          else readAt.push({ step: 'arm/deploy parameters', name, by: provided.get(name)! });
      for (const t of templates)
        for (const name of bicepOutputs(t.path.replace(/^\.\//, ''))) provided.set(name, 'arm/deploy');
    }
  }
  return { missing, readAt, provided };
}

describe('Agents Toolkit: names flow from Bicep outputs to env/ to the manifest and deploy', () => {
  const project = parse(read('m365agents.yml')) as { provision: Step[]; deploy: Step[] };
  const playground = parse(read('m365agents.playground.yml')) as { provision?: Step[]; deploy?: Step[] };

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

  it('the Playground debug reads only what the playground env file or its own steps provide', () => {
    expect(
      walk([...(playground.provision ?? []), ...(playground.deploy ?? [])], 'playground').missing,
    ).toEqual([]);
  });

  it('every template parameter (but the region) is fed from the env file through the parameters file', () => {
    const declared = [...read('infra/main.bicep').matchAll(/^param (\w+) /gm)].map((m) => m[1]!);
    const file = JSON.parse(read('infra/main.parameters.json')) as {
      parameters: Record<string, { value: unknown }>;
    };
    expect(Object.keys(file.parameters).sort()).toEqual(declared.filter((p) => p !== 'location').sort());
    for (const [name, { value }] of Object.entries(file.parameters))
      expect([name, value]).toEqual([name, expect.stringMatching(/^\$\{\{[A-Z_]+\}\}$/)]);
  });
});

/** The env file as the toolkit hands it to a `script` step: its lines as environment variables. */
function envOf(file: string, overrides: Record<string, string> = {}): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of read(file).split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line);
    if (m) values[m[1]!] = m[2]!;
  }
  return { PATH: process.env.PATH ?? '', ...values, ...overrides };
}

const check = (env: Record<string, string>) =>
  spawnSync(process.execPath, [join(ROOT, 'infra', 'check-provision-env.mjs')], { env, encoding: 'utf8' });

describe('provision from a clean clone refuses what nobody could run', () => {
  const project = parse(read('m365agents.yml')) as { provision: Step[] };

  it('runs the check first, before anything is created', () => {
    expect(project.provision[0]).toEqual({
      uses: 'script',
      with: { run: 'node ./infra/check-provision-env.mjs' },
    });
  });

  it.each(['dev', 'prod'])('env/.env.%s as committed: refused, naming the managers and the tenant', (env) => {
    const result = check(envOf(`env/.env.${env}`));
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`fix these in env/\\.env\\.${env}`));
    expect(result.stderr).toMatch(/SERVICE_MANAGERS is empty/);
    expect(result.stderr).toMatch(/ALLOWED_TENANTS is empty/);
    // The options have working defaults: only the two are asked for.
    expect(result.stderr.trim().split('\n')).toHaveLength(3);
  });

  it('a sample manager, a tenant that is not a GUID, or an option Azure rejects is refused with the fix', () => {
    const result = check(
      envOf('env/.env.prod', {
        SERVICE_MANAGERS: 'performance@example.org',
        ALLOWED_TENANTS: 'contoso',
        PROACTIVE_INSTALL: 'yes',
      }),
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/"performance@example\.org" is the sample address/);
    expect(result.stderr).toMatch(/ALLOWED_TENANTS: "contoso" is not a tenant id/);
    expect(result.stderr).toMatch(/PROACTIVE_INSTALL is "yes": use one of off, graph/);
  });

  it('real values pass, and the filled parameters are what the template accepts', () => {
    const values = {
      SERVICE_MANAGERS: 'head.performance@kent.gov.uk',
      ALLOWED_TENANTS: '3f2c6a4e-8b1d-4c7e-9a2f-5d6e7f8a9b0c',
    };
    const env = envOf('env/.env.prod', values);
    const result = check(env);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    // Fill the parameters file as the toolkit does and hold each value to the template's @allowed lists.
    const filled = JSON.parse(
      read('infra/main.parameters.json').replace(
        /\$\{\{([A-Z_]+)\}\}/g,
        (_m, name: string) => env[name] ?? '',
      ),
    ) as { parameters: Record<string, { value: string }> };
    const bicep = read('infra/main.bicep');
    for (const [name, { value }] of Object.entries(filled.parameters)) {
      const allowed = new RegExp(`@allowed\\(\\[([^\\]]*)\\]\\)\\nparam ${name} `).exec(bicep)?.[1];
      if (allowed)
        expect([name, allowed.split(',').map((a) => a.trim().replace(/'/g, ''))]).toEqual([
          name,
          expect.arrayContaining([value]),
        ]);
    }
    expect(filled.parameters.serviceManagers?.value).toBe(values.SERVICE_MANAGERS);
    expect(filled.parameters.allowedTenants?.value).toBe(values.ALLOWED_TENANTS);
    expect(filled.parameters.tagList?.value).toBe('service=Performance returns');
  });

  it('the template itself requires managers and tenants (the manual path passes them on the command line)', () => {
    const bicep = read('infra/main.bicep');
    expect(bicep).toMatch(/@minLength\(3\)\nparam serviceManagers string\n/);
    expect(bicep).toMatch(/@minLength\(36\)\nparam allowedTenants string\n/);
    const manual = /az deployment group create[\s\S]*?\n(?!\s)/.exec(read('docs/deployment.md'))?.[0] ?? '';
    expect(manual).toMatch(/serviceManagers=/);
    expect(manual).toMatch(/allowedTenants=/);
  });
});

describe('Debug in Teams: a dev tunnel, a bot registered for it, and .localConfigs the app reads', () => {
  const local = parse(read('m365agents.local.yml')) as { provision: Step[]; deploy: Step[] };
  const tasks = JSON.parse(read('.vscode/tasks.json')) as {
    tasks: {
      label: string;
      command?: string;
      args?: { ports?: { writeToEnvironmentFile?: Record<string, string> }[] };
    }[];
  };
  const tunnel = tasks.tasks.find((t) => t.command === 'debug-start-local-tunnel');
  const tunnelWrites = Object.values(tunnel?.args?.ports?.[0]?.writeToEnvironmentFile ?? {});

  it('the tunnel task writes the endpoint and domain the bot registration and manifest read', () => {
    expect(tunnelWrites.sort()).toEqual(['BOT_DOMAIN', 'BOT_ENDPOINT']);
    const steps = [...local.provision, ...local.deploy];
    const { missing, readAt } = walk(steps, 'local', tunnelWrites);
    // The bot secret is written by botAadApp/create; the rest by the env file, the tunnel or a step.
    expect(missing).toEqual([]);
    expect(readAt.find((r) => r.step === 'botFramework/create' && r.name === 'BOT_ENDPOINT')?.by).toBe(
      'before provision',
    );
    expect(steps.map((s) => s.uses)).toEqual(
      expect.arrayContaining([
        'teamsApp/create',
        'botAadApp/create',
        'botFramework/create',
        'teamsApp/update',
      ]),
    );
  });

  it('.localConfigs, filled as the toolkit fills it, starts the app against Teams with local storage', () => {
    const write = local.deploy.find((s) => s.uses === 'file/createOrUpdateEnvironmentFile');
    expect(write?.with?.target).toBe('./.localConfigs');
    const sample: Record<string, string> = {
      BOT_ID: '6a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      SECRET_BOT_PASSWORD: 'a-secret',
      TEAMS_APP_TENANT_ID: '3f2c6a4e-8b1d-4c7e-9a2f-5d6e7f8a9b0c',
      TEAMS_APP_ID: '1d2e3f4a-5b6c-4d7e-8f9a-0b1c2d3e4f5a',
      SERVICE_MANAGERS: 'area-ops.gravesham@example.org',
    };
    const envs = Object.fromEntries(
      Object.entries((write?.with?.envs ?? {}) as Record<string, unknown>).map(([k, v]) => [
        k,
        String(v).replace(/\$\{\{([A-Z_]+)\}\}/g, (_m, name: string) => sample[name] ?? ''),
      ]),
    );
    const config = loadConfig(envs);
    expect(config.localMode).toBe(false);
    expect(config.bot.appId).toBe(sample.BOT_ID);
    expect(config.allowedTenants).toEqual([sample.TEAMS_APP_TENANT_ID]);
    expect(config.storage).toEqual({
      kind: 'connectionString',
      connectionString: 'UseDevelopmentStorage=true',
    });
    const scripts = (JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts;
    expect(scripts['dev:teams']).toMatch(/node --env-file=\.localConfigs dist\/main\.js/);
    expect(read('.gitignore')).toMatch(/^\.localConfigs$/m);
  });
});
