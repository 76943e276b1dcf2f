import type { ServiceSpace } from '../../src/app/ports';
import type { Service } from '../../src/domain/service';
import { freshStores } from '../support/world';
import { STORAGES } from './adapters';

const service = (key: string, scope: string, extra: Partial<Service> = {}): Service => ({
  key,
  name: `Service ${key}`,
  scope,
  createdAt: '2016-06-01T00:00:00Z',
  retiredAt: '',
  managers: [],
  ...extra,
});

describe.each(STORAGES)('ServiceStore: %s', (storage) => {
  let space: ServiceSpace;
  let drop: () => Promise<void>;
  beforeEach(async () => {
    ({ space, drop } = await freshStores(storage));
  });
  afterEach(() => drop());

  it('creates each key once; lists by key; a second create changes nothing', async () => {
    const s = space.services;
    expect(await s.all()).toEqual([]);
    expect(await s.create(service('lra', ''))).toBe(true);
    expect(await s.create(service('customer-services', 's1234abcd'))).toBe(true);
    expect(await s.create(service('lra', 'sdeadbeef', { name: 'Again' }))).toBe(false);
    expect((await s.all()).map((x) => [x.key, x.name, x.scope])).toEqual([
      ['customer-services', 'Service customer-services', 's1234abcd'],
      ['lra', 'Service lra', ''],
    ]);
  });

  it('saves a retirement and granted managers; the council row starts empty and round-trips', async () => {
    const s = space.services;
    await s.create(service('lra', ''));
    await s.update('lra', (x) => ({ ...x, retiredAt: '2017-04-01T00:00:00Z', managers: ['a@example.org'] }));
    expect(await s.update('nope', (x) => x)).toBeUndefined();
    expect(await s.all()).toEqual([
      service('lra', '', { retiredAt: '2017-04-01T00:00:00Z', managers: ['a@example.org'] }),
    ]);
    expect(await s.council()).toEqual({ leads: [] });
    const channel = {
      conversation: '{"id":"19:c"}',
      name: 'Corporate',
      registeredBy: 'a',
      registeredAt: 'b',
    };
    await s.updateCouncil(() => ({ leads: ['lead@example.org'], corporateChannel: channel }));
    const dir = await s.directory();
    expect(dir.council).toEqual({ leads: ['lead@example.org'], corporateChannel: channel });
    expect(dir.services.map((x) => x.key)).toEqual(['lra']);
  });

  it('changes made on fresh reads: ten concurrent grants are all kept, none lost to another', async () => {
    const s = space.services;
    await s.create(service('lra', ''));
    await s.directory(); // a cached directory must not be what a change starts from
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.update('lra', (x) => ({ ...x, managers: [...x.managers, `m${i}@example.org`].sort() })),
      ),
    );
    expect((await s.all())[0]?.managers).toHaveLength(10);
    await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        s.updateCouncil((c) => ({ ...c, leads: [...c.leads, `l${i}@example.org`].sort() })),
      ),
    );
    expect((await s.council()).leads).toHaveLength(10);
    // A change that finds nothing to do writes nothing and answers the current value.
    const same = await s.update('lra', () => undefined);
    expect(same?.managers).toHaveLength(10);
  });

  it('keeps the role audit trail in order, apart from the directory', async () => {
    const s = space.services;
    await s.create(service('lra', ''));
    const change = (at: string, action: 'grant' | 'revoke') =>
      ({ at, by: 'it', action, role: 'service-manager', upn: 'a@example.org', service: 'lra' }) as const;
    await s.recordRoleChange(change('2017-01-01T10:00:00.000Z', 'grant'));
    await s.recordRoleChange(change('2017-01-02T10:00:00.000Z', 'revoke'));
    await s.recordRoleChange(change('2017-01-02T10:00:00.000Z', 'grant'));
    const log = await s.roleChanges();
    expect(log.map((c) => [c.at.slice(0, 10), c.action])).toEqual([
      ['2017-01-01', 'grant'],
      ['2017-01-02', expect.any(String)],
      ['2017-01-02', expect.any(String)],
    ]);
    expect((await s.directory()).services.map((x) => x.key)).toEqual(['lra']);
  });

  it("a created service's own stores are usable at once", async () => {
    await space.services.create(service('highways', 's0badf00d'));
    const stores = space.storesOf('s0badf00d');
    expect(await stores.plans.load()).toBeUndefined();
    expect(await stores.cycles.all()).toEqual([]);
    await stores.people.setSmtChannel({
      conversation: 'c',
      name: 'SMT',
      registeredBy: 'x',
      registeredAt: 'y',
    });
    expect((await stores.people.smtChannel())?.name).toBe('SMT');
    expect(await space.base.people.smtChannel()).toBeUndefined();
  });
});
