import { eachAdapter } from './adapters';

eachAdapter('LeaseStore', (stores) => {
  it('one holder at a time until the lease expires; the holder may take it again', async () => {
    const l = stores().leases;
    expect(await l.acquire('send', 'a', 60_000, 1_000)).toBe(true);
    expect(await l.acquire('send', 'b', 60_000, 2_000)).toBe(false);
    expect(await l.acquire('send', 'a', 60_000, 3_000)).toBe(true);
    expect(await l.acquire('other', 'b', 60_000, 3_000)).toBe(true);
    expect(await l.acquire('send', 'b', 60_000, 63_001)).toBe(true);
    expect(await l.renew('send', 'a', 60_000, 63_002)).toBe(false);
  });

  it('renew extends only the holder’s lease; release frees it only for its holder', async () => {
    const l = stores().leases;
    await l.acquire('send', 'a', 60_000, 0);
    expect(await l.renew('send', 'a', 60_000, 50_000)).toBe(true);
    expect(await l.acquire('send', 'b', 60_000, 100_000)).toBe(false);
    await l.release('send', 'b');
    expect(await l.acquire('send', 'b', 60_000, 100_001)).toBe(false);
    await l.release('send', 'a');
    expect(await l.renew('send', 'a', 60_000, 100_002)).toBe(false);
    expect(await l.acquire('send', 'b', 60_000, 100_003)).toBe(true);
  });

  it('two holders racing for a free lease: exactly one gets it', async () => {
    const l = stores().leases;
    const got = await Promise.all([l.acquire('send', 'a', 60_000, 0), l.acquire('send', 'b', 60_000, 0)]);
    expect(got.filter(Boolean)).toHaveLength(1);
  });
});
