/**
 * Roles from the command line (IT's hand): grant and revoke either role, `roles` with who granted what and
 * when, configured roles shown as such and not revocable here, bad input refused with nothing changed.
 */
import { join } from 'node:path';
import { runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const CS = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');

interface Roles {
  leads: { upn: string; source: string; by: string; at: string }[];
  services: { key: string; managers: { upn: string; source: string; by: string; at: string }[] }[];
}

describe('roles in the CLI', () => {
  const env = {
    TABLES_CONNECTION_STRING: testConnectionString(),
    TABLE_PREFIX: uniquePrefix(),
    SERVICE_MANAGERS: 'cs:configured.manager@example.org',
    PERFORMANCE_LEADS: 'it.named.lead@example.org',
  };
  const cli = (...args: string[]) => runCli(args, env);
  const roles = async (...args: string[]) =>
    JSON.parse((await cli('roles', '--json', ...args)).stdout) as Roles;

  beforeAll(async () => {
    const imported = await cli(
      'plan',
      'import',
      join(CS, 'activities.csv'),
      '--kpis',
      join(CS, 'kpis.csv'),
      '--service',
      'cs',
      '--name',
      'Customer Services',
    );
    expect(imported.code).toBe(0);
  }, 60_000);

  it('grants, lists with who and when, and revokes; a configured role is listed as such and kept', async () => {
    const granted = await cli('grant', 'service-manager', 'Team.Lead@Example.org');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(/team\.lead@example\.org is now a service manager of cs/);
    expect((await cli('grant', 'performance-lead', 'officer@example.org')).code).toBe(0);
    const listed = await roles();
    expect(listed.leads).toEqual([
      { upn: 'it.named.lead@example.org', source: 'configuration', by: '', at: '' },
      expect.objectContaining({
        upn: 'officer@example.org',
        source: 'granted',
        by: expect.stringMatching(/^cli:/),
      }),
    ]);
    expect(listed.services[0]?.managers.map((m) => [m.upn, m.source])).toEqual([
      ['configured.manager@example.org', 'configuration'],
      ['team.lead@example.org', 'granted'],
    ]);
    expect(listed.services[0]?.managers[1]?.at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const text = await cli('roles');
    expect(text.stdout).toMatch(/team\.lead@example\.org {2}granted by cli:\S+ on \d{4}-\d{2}-\d{2}/);
    expect(text.stdout).toMatch(/configured\.manager@example\.org {2}\(configuration\)/);

    const revoked = await cli('revoke', 'service-manager', 'team.lead@example.org', '--service', 'cs');
    expect(revoked.stdout).toMatch(/no longer a service manager of cs/);
    const again = await cli('revoke', 'service-manager', 'team.lead@example.org');
    expect(again.stdout).toMatch(/is not a service manager of cs: nothing changed/);
    const configured = await cli('revoke', 'performance-lead', 'it.named.lead@example.org');
    expect(configured.code).toBe(2);
    expect(configured.stderr).toMatch(/named in PERFORMANCE_LEADS by IT/);
    expect((await roles()).services[0]?.managers.map((m) => m.upn)).toEqual([
      'configured.manager@example.org',
    ]);
  });

  it('refuses a bad role, a bad address and a lead with --service, changing nothing', async () => {
    const before = await roles();
    for (const args of [
      ['grant', 'boss', 'x@example.org'],
      ['grant', 'service-manager', 'not an address'],
      ['--service', 'cs', 'grant', 'performance-lead', 'x@example.org'],
      ['--service', 'nope', 'grant', 'service-manager', 'x@example.org'],
    ]) {
      const result = await cli(...args);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/not a role|not an email address|council-wide|no service "nope"/);
    }
    expect(await roles()).toEqual(before);
  });
});
