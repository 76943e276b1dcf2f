/**
 * The Microsoft Graph permissions, checked from four sides: each call the app makes is in the table with a
 * permission Graph's reference accepts for it; a call missing from the table is refused before it leaves;
 * infra (Bicep and the admin script) grants exactly the table's set per feature; the docs name it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { graphRequest } from '../../src/teams/graph-request';
import { localGraphToken } from '../../src/teams/delivery-check';
import {
  ALL_FEATURES,
  callsFor,
  exchangeRole,
  GRAPH_CALLS,
  grantedPermissions,
  UnlistedGraphCall,
} from '../../src/teams/graph-permissions';
import { GraphInstallStub } from '../support/graph-install-stub';
import { referenceFor, rolesOf } from '../support/graph-roles';

const ROOT = join(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const example = (path: string) => path.replace(/\{[a-z]+\}/g, 'x');

describe('Graph permissions as code', () => {
  it.each(GRAPH_CALLS.map((c) => [`${c.method} ${c.path} (${c.feature})`, c] as const))(
    '%s: Graph accepts the permission the table grants',
    (_name, call) => {
      const reference = referenceFor(call.method, example(call.path));
      expect(reference).toBeDefined();
      expect(reference?.accepted).toContain(call.permission);
    },
  );

  it('a call missing from the table is refused before it leaves, naming the file to add it to', async () => {
    const graph = new GraphInstallStub();
    await graph.start();
    try {
      const token = () => Promise.resolve(localGraphToken(ALL_FEATURES));
      await expect(graphRequest(graph.url, token, 'GET', '/users/x/calendar/events')).rejects.toThrow(
        UnlistedGraphCall,
      );
      await expect(graphRequest(graph.url, token, 'POST', '/users/x')).rejects.toThrow(
        /src\/teams\/graph-permissions\.ts/,
      );
      expect(graph.authorised).toEqual([]);
      // A listed call goes out.
      expect(
        (await graphRequest(graph.url, token, 'GET', '/users/nobody@example.org?$select=id')).status,
      ).toBe(404);
      expect(graph.authorised).toEqual([{ method: 'GET', path: '/users/nobody@example.org', allowed: true }]);
    } finally {
      await graph.stop();
    }
  });

  it('matches paths by segment: a query is ignored, another segment is not the same call', () => {
    expect(callsFor('GET', '/users/a@example.org?$select=id').map((c) => c.permission)).toContain(
      'User.Read.All',
    );
    expect(callsFor('GET', '/users/a@example.org/manager')).toEqual([]);
    expect(callsFor('POST', '/users/a@example.org/teamwork/installedApps')).toHaveLength(1);
  });

  it('each feature is granted only what its calls need', () => {
    expect(grantedPermissions(['proactiveInstall'])).toEqual([
      'TeamsAppInstallation.ReadWriteSelfForUser.All',
      'User.Read.All',
    ]);
    expect(grantedPermissions(['emailFallback'])).toEqual([
      'Mail.ReadBasic.All',
      'Mail.Send',
      'User.Read.All',
    ]);
    expect(grantedPermissions([])).toEqual([]);
  });

  it('the local token carries exactly the set a deployment grants for the features turned on', () => {
    const token = localGraphToken(['deliveryCheck']);
    expect(rolesOf(`Bearer ${token}`)).toEqual(grantedPermissions(['deliveryCheck']));
  });

  it('infra grants exactly the table: the JSON Bicep and the admin script read, per feature', () => {
    const json = JSON.parse(read('infra/graph-permissions.json')) as {
      entra: Record<string, unknown>;
      exchange: Record<string, unknown>;
    };
    for (const feature of ALL_FEATURES) {
      expect(json.entra[feature]).toEqual(grantedPermissions([feature], 'entra'));
      expect(json.exchange[feature]).toEqual(grantedPermissions([feature], 'exchange').map(exchangeRole));
      // Between them, exactly what the feature's calls need.
      expect(
        [...grantedPermissions([feature], 'entra'), ...grantedPermissions([feature], 'exchange')].sort(),
      ).toEqual(grantedPermissions([feature]));
    }
    expect(Object.keys(json.entra).sort()).toEqual([...ALL_FEATURES].sort());
    // Mail is never granted tenant-wide in Entra.
    expect(Object.values(json.entra).flat()).not.toContain('Mail.Send');
    const main = read('infra/main.bicep');
    expect(main).toMatch(/loadJsonContent\('graph-permissions\.json'\)/);
    expect(main).toMatch(/proactiveInstall == 'graph' \? graphNeeds\.entra\.proactiveInstall/);
    expect(main).toMatch(/deliveryCheck == 'graph' \? graphNeeds\.entra\.deliveryCheck/);
    expect(main).toMatch(/empty\(emailFallbackFrom\) \? \[\] : graphNeeds\.entra\.emailFallback/);
    expect(main).toMatch(/module graphGrants 'graph-permissions\.bicep' = if \(grantGraphPermissions/);
    const module = read('infra/graph-permissions.bicep');
    expect(module).toMatch(/filter\(graph\.appRoles, role => role\.value == permission\)/);
    expect(read('infra/grant-graph-permissions.sh')).toMatch(/graph-permissions\.json/);
  });

  it('the administration guide names every permission granted, and no permission the app does not use', () => {
    const doc = read('docs/administration.md');
    for (const permission of grantedPermissions(ALL_FEATURES)) expect(doc).toContain(`\`${permission}\``);
    for (const role of grantedPermissions(ALL_FEATURES, 'exchange').map(exchangeRole))
      expect(doc).toContain(role);
    const named = new Set(
      doc.match(
        /(?<!Application )\b(?:User|TeamsAppInstallation|Chat|ChannelMessage|Mail)\.[A-Za-z.]*[A-Za-z]\b/g,
      ),
    );
    const known = new Set<string>(grantedPermissions(ALL_FEATURES));
    expect([...named].filter((p) => !known.has(p))).toEqual([]);
  });
});
