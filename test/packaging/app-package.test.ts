import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { buildAppPackage, parseEnvFile } from '../../src/packaging/app-package';
import { ValidationError } from '../../src/domain/errors';

const ROOT = join(__dirname, '..', '..');
const values = {
  ...parseEnvFile(readFileSync(join(ROOT, 'env', '.env.dev'), 'utf8')),
  TEAMS_APP_ID: '0c4c3c2a-6f1d-4e8b-9a5e-3b2d1c0f9e8d',
  BOT_ID: '3f1e9f55-6c4d-4a31-9a1e-2c9d3c1b7a10',
  BOT_DOMAIN: 'rag-chaser.azurewebsites.net',
  TAB_APP_ID: '6a0b8c3e-2f4d-4b1a-9c7e-5d3f1a2b4c6e',
};
const DEPLOYED = {
  TEAMS_APP_ID: values.TEAMS_APP_ID,
  BOT_ID: values.BOT_ID,
  TAB_APP_ID: values.TAB_APP_ID,
  BOT_DOMAIN: values.BOT_DOMAIN,
};

describe('Teams app package', () => {
  it('fills the template, validates against the bundled official schema, and zips manifest + icons', async () => {
    const built = await buildAppPackage(join(ROOT, 'appPackage'), values);
    expect(built.manifest.manifestVersion).toBe('1.22');
    expect((built.manifest.bots as { botId: string }[])[0]?.botId).toBe(values.BOT_ID);
    expect(built.manifest.validDomains).toEqual(['rag-chaser.azurewebsites.net']);
    // The dashboard: a personal tab, a channel tab, and Teams SSO to the tab's own app registration.
    expect(built.manifest.staticTabs).toEqual([
      expect.objectContaining({
        contentUrl: 'https://rag-chaser.azurewebsites.net/tabs/dashboard',
        scopes: ['personal'],
      }),
    ]);
    expect(built.manifest.webApplicationInfo).toEqual({
      id: values.TAB_APP_ID,
      resource: `api://rag-chaser.azurewebsites.net/${values.TAB_APP_ID}`,
    });
    const zip = await JSZip.loadAsync(built.zip);
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const png = await zip.file('color.png')!.async('nodebuffer');
    expect(png.readUInt32BE(16)).toBe(192);
  });

  it('takes files in the 1:1 chat, and its command menus match what help teaches', async () => {
    const built = await buildAppPackage(join(ROOT, 'appPackage'), values);
    const bot = (
      built.manifest.bots as {
        supportsFiles: boolean;
        commandLists: { scopes: string[]; commands: { title: string }[] }[];
      }[]
    )[0]!;
    expect(bot.supportsFiles).toBe(true);
    const menu = (scope: string) =>
      bot.commandLists.filter((l) => l.scopes.includes(scope)).flatMap((l) => l.commands.map((c) => c.title));
    expect(menu('personal')).toEqual(
      expect.arrayContaining([
        'status',
        'chase me',
        'help',
        'schedule',
        'digest preview',
        'report',
        'load plan',
      ]),
    );
    expect(menu('team')).toEqual(
      expect.arrayContaining(['register smt channel', 'register corporate channel']),
    );
    // Every command in the menus is one the bot answers (help names each).
    const { HELP_OWNER, HELP_MANAGER, HELP_LEAD } = await import('../../src/bot/help');
    const taught = [...HELP_OWNER, ...HELP_MANAGER, ...HELP_LEAD].join('\n').toLowerCase();
    for (const title of [...menu('personal'), ...menu('team')].filter((t) => t !== 'help'))
      expect(taught).toContain(title.split(' ')[0]);
  });

  it('a broken manifest fails with the schema error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'app-package-'));
    try {
      cpSync(join(ROOT, 'appPackage'), dir, { recursive: true });
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Record<
        string,
        unknown
      >;
      manifest.accentColor = 'teal';
      delete manifest.description;
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const error = await buildAppPackage(dir, values).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      const messages = (error as ValidationError).problems.map((p) => p.message).join('\n');
      expect(messages).toMatch(/description/);
      expect(messages).toMatch(/accentColor/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing value is named', async () => {
    const { BOT_ID: _omit, ...rest } = values;
    await expect(buildAppPackage(join(ROOT, 'appPackage'), rest)).rejects.toThrow(/needs values for: BOT_ID/);
  });
});

describe('npm run package (the built script)', () => {
  const packageWith = async (env: string, vars: Record<string, string>) => {
    const { execFile } = await import('node:child_process');
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [join(ROOT, 'dist', 'packaging', 'main.js'), '--env', env],
        { env: { PATH: process.env.PATH ?? '', ...vars } },
        (error, stdout, stderr) => {
          resolve({ code: error ? 1 : 0, stdout, stderr });
        },
      );
    });
  };

  it('the manual production path works from a clean clone as docs/deployment.md writes it; without the deployed values it names them', async () => {
    const missing = await packageWith('prod', {});
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/needs values for: TEAMS_APP_ID, BOT_ID, BOT_DOMAIN, TAB_APP_ID\./);
    const prod = await packageWith('prod', DEPLOYED);
    expect(prod.code).toBe(0);
    const zip = await JSZip.loadAsync(readFileSync(join(ROOT, 'appPackage', 'build', 'appPackage.prod.zip')));
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toMatchObject({
      id: DEPLOYED.TEAMS_APP_ID,
      name: { short: 'RAG Chaser' },
    });
  });

  it('writes appPackage/build/appPackage.dev.zip and exits 0 (each environment has its own Teams app id)', async () => {
    expect(parseEnvFile(readFileSync(join(ROOT, 'env', '.env.dev'), 'utf8')).TEAMS_APP_ID).toBe('');
    const result = await packageWith('dev', DEPLOYED);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Manifest valid against schema 1.22/);
    const zip = await JSZip.loadAsync(readFileSync(join(ROOT, 'appPackage', 'build', 'appPackage.dev.zip')));
    expect(JSON.parse(await zip.file('manifest.json')!.async('string'))).toMatchObject({
      name: { short: 'RAG Chaser (dev)' },
    });
  });
});
