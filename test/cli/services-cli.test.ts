/**
 * Services from the command line, starting from tables a single-plan deployment wrote (the fixture of the
 * release before card rows and services): the plan becomes the first service with nothing lost, a second
 * is created only with a name, and with two every command asks which.
 */
import { join } from 'node:path';
import { restoreTables } from '../../src/store/backup';
import { Tables } from '../../src/store/tables';
import { runCli } from '../support/cli';
import { testConnectionString, uniquePrefix } from '../support/tables';

const FIXTURE = join(__dirname, '..', 'fixtures', 'tables-before-card-rows');
const CS = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');
const csImport = ['plan', 'import', join(CS, 'activities.csv'), '--kpis', join(CS, 'kpis.csv')];

describe('services in the CLI, upgrading a single-plan deployment', () => {
  const env = { TABLES_CONNECTION_STRING: testConnectionString(), TABLE_PREFIX: uniquePrefix() };
  const tables = new Tables({ connectionString: env.TABLES_CONNECTION_STRING }, env.TABLE_PREFIX);
  const cli = (...args: string[]) => runCli(args, env);
  const services = async () =>
    JSON.parse((await cli('service', 'list', '--json')).stdout) as { key: string; name: string }[];

  beforeAll(async () => {
    await tables.ensure();
    await restoreTables(tables, FIXTURE);
  }, 30_000);
  afterAll(() => tables.drop());

  it('the existing plan is the first service; every command works as before, without --service', async () => {
    const status = await cli('status', '--quarter', '2016/17-Q1', '--json');
    expect(status.code).toBe(0);
    const parsed = JSON.parse(status.stdout) as { owners: { upn: string; answered: number }[] };
    expect(parsed.owners.find((o) => o.upn === 'area-ops.gravesham@example.org')?.answered).toBe(1);
    expect(await services()).toEqual([
      expect.objectContaining({ key: 'main', name: expect.stringMatching(/LRA/) as unknown }),
    ]);
    expect((await cli('schedule', 'show')).code).toBe(0);
  });

  it('an unknown service is created only with --name, and a bad key is refused; nothing is imported', async () => {
    const noName = await cli(...csImport, '--service', 'customer-services');
    expect(noName.code).toBe(2);
    expect(noName.stderr).toMatch(
      /no service "customer-services" \(the services are: main \(.*\)\)\. To create it, give its name: --service customer-services --name "<service name>"\. Nothing was imported\./,
    );
    const badKey = await cli(...csImport, '--service', 'Customer Services!', '--name', 'Customer Services');
    expect(badKey.code).toBe(2);
    expect(badKey.stderr).toMatch(/lower-case letters, digits and dashes/);
    expect(await services()).toHaveLength(1);
  });

  it('with two services, a command that needs one names the choices; --service picks it', async () => {
    const created = await cli(...csImport, '--service', 'customer-services', '--name', 'Customer Services');
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(/Created the service customer-services \(Customer Services\)/);
    expect((await services()).map((s) => s.key)).toEqual(['customer-services', 'main']);

    const ask = await cli('status');
    expect(ask.code).toBe(2);
    expect(ask.stderr).toMatch(
      /This deployment runs 2 services: say which with --service <key>\. The services are: customer-services \(Customer Services\), main \(.*LRA.*\)\./,
    );
    const lra = await cli('status', '--service', 'main', '--quarter', '2016/17-Q1', '--json');
    expect(lra.code).toBe(0);
    expect(lra.stderr).toMatch(/Service: main/);
    const cs = await cli('schedule', 'show', '--service', 'customer-services', '--json');
    expect(cs.code).toBe(0);
    const unknown = await cli('status', '--service', 'highways');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/There is no service "highways"\. The services are: customer-services/);
  });

  it('report --council sets the services side by side; a service without the quarter is listed as missing', async () => {
    const report = await cli('report', '--council', '--quarter', '2016/17-Q1', '--format', 'json');
    expect(report.code).toBe(0);
    const council = JSON.parse(report.stdout) as {
      quarter: string;
      services: { key: string; counts: { green: number; amber: number; red: number } }[];
      missing: string[];
    };
    expect(council.quarter).toBe('2016/17 Q1');
    expect(council.services.map((s) => s.key)).toEqual(['main']);
    expect(council.missing).toEqual(['Customer Services']);
    for (const format of ['md', 'csv', 'html']) {
      const out = await cli('report', '--council', '--quarter', '2016/17-Q1', '--format', format);
      expect(out.code).toBe(0);
      expect(out.stdout).toMatch(format === 'csv' ? /^\uFEFF"service","kind"/ : /2016\/17 Q1/);
      expect(out.stdout).toMatch(/LRA/);
      if (format === 'csv') expect(out.stdout.charCodeAt(0)).toBe(0xfeff);
      if (format === 'html') expect(out.stdout).toMatch(/^<!doctype html>/i);
    }
    const noQuarter = await cli('report', '--council', '--format', 'md');
    expect(noQuarter.code).toBe(2);
  });

  it('retiring a service keeps its history: commands stop asking, its reports still run', async () => {
    const retired = await cli('service', 'retire', 'customer-services');
    expect(retired.code).toBe(0);
    expect((await cli('status', '--quarter', '2016/17-Q1')).code).toBe(0);
    const refused = await cli('schedule', 'show', '--service', 'customer-services');
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/retired on \d{4}-\d{2}-\d{2}/);
    const list = await cli('service', 'list');
    expect(list.stdout).toMatch(/customer-services[\s\S]*retired/);
  });
});
