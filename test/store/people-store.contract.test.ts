import { eachAdapter } from './adapters';

const NOW = '2016-07-01T08:00:00Z';

eachAdapter('PeopleStore', (stores) => {
  it('a new person is keyed by lower-case UPN and unreachable until they install the app', async () => {
    expect(await stores().people.get('Archives@Example.org')).toBeUndefined();
    const person = await stores().people.upsert('Archives@Example.org', { name: 'Archives' }, NOW);
    expect(person).toEqual({
      upn: 'archives@example.org',
      name: 'Archives',
      aadObjectId: '',
      tenantId: '',
      conversation: '',
      reachable: false,
      unreachableReason: 'has not installed the app',
      unreachableCode: 'not-installed',
      reachedBy: '',
      serviceManager: false,
      updatedAt: NOW,
    });
    expect(await stores().people.get('ARCHIVES@example.org')).toEqual(person);
  });

  it('remembers when RAG Chaser installed the app for someone, across later changes', async () => {
    const p = stores().people;
    await p.upsert(
      'stock@example.org',
      { conversation: '{"ref":1}', reachable: true, reachedBy: 'installed' },
      NOW,
    );
    await p.upsert('stock@example.org', { name: 'Stock' }, '2016-07-02T08:00:00Z');
    expect((await p.get('stock@example.org'))?.reachedBy).toBe('installed');
    expect((await p.many(['stock@example.org'])).get('stock@example.org')?.reachedBy).toBe('installed');
  });

  it('upsert merges: fields not given are kept; the Entra object id finds the person', async () => {
    await stores().people.upsert('stock@example.org', { name: 'Stock', serviceManager: true }, NOW);
    await stores().people.upsert(
      'stock@example.org',
      { conversation: '{"ref":1}', reachable: true, unreachableReason: '', aadObjectId: 'aad-1' },
      '2016-07-02T08:00:00Z',
    );
    const person = await stores().people.byAadObjectId('aad-1');
    expect(person).toMatchObject({
      upn: 'stock@example.org',
      name: 'Stock',
      serviceManager: true,
      conversation: '{"ref":1}',
      reachable: true,
      unreachableReason: '',
      updatedAt: '2016-07-02T08:00:00Z',
    });
    expect(await stores().people.byAadObjectId('aad-unknown')).toBeUndefined();
  });

  it('the Entra object id finds the person as they are after every later change, and after changes at once', async () => {
    const people = stores().people;
    await people.upsert(
      'stock@example.org',
      { aadObjectId: 'aad-2', reachable: true, conversation: 'c' },
      NOW,
    );
    await people.upsert('stock@example.org', { serviceManager: true }, '2016-07-02T08:00:00Z');
    expect(await people.byAadObjectId('aad-2')).toMatchObject({ serviceManager: true, reachable: true });
    await people.markUnreachable(
      'stock@example.org',
      { code: 'removed', reason: 'blocked the bot' },
      '2016-07-03T08:00:00Z',
    );
    expect(await people.byAadObjectId('aad-2')).toEqual(await people.get('stock@example.org'));
    await Promise.all([
      people.upsert('stock@example.org', { name: 'Stock' }, '2016-07-04T08:00:00Z'),
      people.upsert('stock@example.org', { serviceManager: false }, '2016-07-04T08:00:01Z'),
      people.upsert('stock@example.org', { tenantId: 't-1' }, '2016-07-04T08:00:02Z'),
    ]);
    const person = await people.get('stock@example.org');
    expect(person).toMatchObject({ name: 'Stock', serviceManager: false, tenantId: 't-1' });
    expect(await people.byAadObjectId('aad-2')).toEqual(person);
  });

  it('marking unreachable keeps the conversation and says why; all() lists everyone in UPN order', async () => {
    await stores().people.upsert('b@example.org', { conversation: '{"ref":2}', reachable: true }, NOW);
    await stores().people.upsert('a@example.org', { name: 'A' }, NOW);
    await stores().people.markUnreachable(
      'b@example.org',
      { code: 'removed', reason: 'blocked the bot' },
      NOW,
    );
    const all = await stores().people.all();
    expect(all.map((p) => p.upn)).toEqual(['a@example.org', 'b@example.org']);
    expect(all[1]).toMatchObject({
      conversation: '{"ref":2}',
      reachable: false,
      unreachableReason: 'blocked the bot',
      unreachableCode: 'removed',
    });
    expect(all[0]).toMatchObject({ unreachableCode: 'not-installed' });
  });

  it('a row written with the reason text only reads back with its code (rows kept from before the code)', async () => {
    const people = stores().people;
    await people.upsert('c@example.org', { reachable: false, unreachableReason: 'uninstalled the app' }, NOW);
    await people.upsert('d@example.org', { reachable: true, conversation: '{"ref":4}' }, NOW);
    await people.upsert(
      'e@example.org',
      { reachable: false, unreachableReason: 'licence without Teams: ask IT for a Teams licence' },
      NOW,
    );
    const codes = new Map((await people.all()).map((p) => [p.upn, p.unreachableCode]));
    expect([codes.get('c@example.org'), codes.get('d@example.org'), codes.get('e@example.org')]).toEqual([
      'removed',
      '',
      'no-licence',
    ]);
  });

  it('the SMT channel is empty until registered, then replaced by a new registration', async () => {
    expect(await stores().people.smtChannel()).toBeUndefined();
    const channel = {
      conversation: '{"c":1}',
      name: 'SMT',
      registeredBy: 'svc@example.org',
      registeredAt: NOW,
    };
    await stores().people.setSmtChannel(channel);
    await stores().people.setSmtChannel({ ...channel, name: 'SMT 2' });
    expect(await stores().people.smtChannel()).toEqual({ ...channel, name: 'SMT 2' });
  });

  it('many finds the stored people among the UPNs asked for, for a few or for many', async () => {
    for (let i = 0; i < 30; i += 1) await stores().people.upsert(`p${i}@example.org`, { name: `P${i}` }, NOW);
    const few = await stores().people.many(['P1@example.org', 'nobody@example.org']);
    expect([...few.keys()]).toEqual(['p1@example.org']);
    const many = await stores().people.many([
      ...Array.from({ length: 25 }, (_, i) => `p${i}@example.org`),
      'x@example.org',
    ]);
    expect(many.size).toBe(25);
    expect(many.get('p24@example.org')?.name).toBe('P24');
  });
});
