/**
 * The proactive install's Graph client on its own, against the Graph stand-in: a token failure (a wrong
 * secret, an identity without a token) is recorded with what to check, never thrown; a 5xx that persists
 * is left for the next run.
 */
import { GraphInstaller } from '../../src/teams/graph-installer';
import { GraphInstallStub } from '../support/graph-install-stub';
import { grantedPermissions } from '../../src/teams/graph-permissions';
import { tokenWithRoles } from '../support/graph-roles';

const GRANTED = tokenWithRoles(grantedPermissions(['proactiveInstall']));

const CATALOG_ID = '1542629c-01b3-4a6d-8f76-1938b779e48d';

describe('GraphInstaller faults', () => {
  const graph = new GraphInstallStub();
  beforeAll(async () => {
    await graph.start();
    graph.add({ id: 'u-1', upn: 'stock@example.org' });
    graph.add({ id: 'u-2', upn: 'archives@example.org', fault: { status: 503, code: 'ServiceUnavailable' } });
  });
  afterAll(() => graph.stop());
  const installer = (token: () => Promise<string | undefined>) =>
    new GraphInstaller(graph.url, CATALOG_ID, 'tenant', 'https://smba.example/teams/', 'bot', token, () =>
      Promise.resolve(),
    );

  it('a token failure is recorded with what to check, and nothing is installed', async () => {
    const result = await installer(() =>
      Promise.reject(new Error('AADSTS7000215: Invalid client secret')),
    ).install('stock@example.org');
    expect(result).toEqual({
      outcome: 'unreachable',
      code: 'not-permitted',
      reason: expect.stringMatching(
        /^no Graph token \(AADSTS7000215[^)]*\): check the bot's identity/,
      ) as string,
    });
    expect(graph.installs).toEqual([]);
  });

  it('a server fault that persists is left for the next run; a good token installs', async () => {
    expect(await installer(() => Promise.resolve(GRANTED)).install('archives@example.org')).toMatchObject({
      outcome: 'retry-later',
    });
    expect(await installer(() => Promise.resolve(GRANTED)).install('stock@example.org')).toMatchObject({
      outcome: 'installed',
      already: false,
      aadObjectId: 'u-1',
    });
    expect(graph.installs).toEqual(['stock@example.org']);
  });

  it('granted only the install permission: the owner lookup answers 403 as Graph does, and the fix names User.Read.All', async () => {
    const installOnly = () =>
      Promise.resolve(tokenWithRoles(['TeamsAppInstallation.ReadWriteSelfForUser.All']));
    const result = await installer(installOnly).install('stock@example.org');
    expect(result).toEqual({
      outcome: 'unreachable',
      code: 'not-permitted',
      reason: expect.stringMatching(/User\.Read\.All/) as string,
    });
    expect(graph.authorised.at(-1)).toEqual({
      method: 'GET',
      path: '/users/stock@example.org',
      allowed: false,
    });
  });

  it('with no token at all Graph answers 401 and nothing is installed', async () => {
    const before = graph.installs.length;
    const result = await installer(() => Promise.resolve(undefined)).install('stock@example.org');
    expect(result.outcome).not.toBe('installed');
    expect(graph.installs).toHaveLength(before);
  });
});
