import { eachAdapter } from './adapters';

const CYCLE = '2016-17-Q1';
const NOW = '2016-07-01T08:00:00Z';

eachAdapter('OutboxStore', (stores) => {
  it('keeps the step of each row as a column of its own, read back with the row and in lists', async () => {
    const o = stores().outbox;
    await o.ensureMany(
      CYCLE,
      [
        { id: 'reminder-5|a@example.org|2', recipient: 'a@example.org', kind: 'reminder' },
        { id: 'chase-now-201607071030|a@example.org|1', recipient: 'a@example.org', kind: 'reminder' },
        { id: 'digest|smt|1', recipient: 'smt-channel', kind: 'digest' },
      ],
      NOW,
    );
    const escalate = await o.ensure(CYCLE, 'escalate|svc@example.org', 'svc@example.org', 'escalate', NOW);
    expect(escalate.step).toBe('escalate');
    expect((await o.get(CYCLE, 'reminder-5|a@example.org|2'))?.step).toBe('reminder-5');
    expect(Object.fromEntries((await o.list(CYCLE)).map((r) => [r.id, r.step]))).toEqual({
      'chase-now-201607071030|a@example.org|1': 'chase-now-201607071030',
      'digest|smt|1': '',
      'escalate|svc@example.org': 'escalate',
      'reminder-5|a@example.org|2': 'reminder-5',
    });
  });

  it('ensure creates a pending row once; a second ensure returns it unchanged', async () => {
    const o = stores().outbox;
    const row = await o.ensure(CYCLE, 'chase|a@example.org|1', 'a@example.org', 'chase', NOW);
    expect(row).toMatchObject({
      cycleKey: CYCLE,
      id: 'chase|a@example.org|1',
      status: 'pending',
      attempts: 0,
    });
    const claimed = await o.claim(row, 'holder-1', NOW);
    const again = await o.ensure(
      CYCLE,
      'chase|a@example.org|1',
      'other@example.org',
      'reminder',
      '2016-07-02T08:00:00Z',
    );
    expect(again).toMatchObject({
      recipient: 'a@example.org',
      kind: 'chase',
      status: 'sending',
      claimedBy: 'holder-1',
    });
    expect(again.etag).toBe(claimed?.etag);
  });

  it('a claim wins only on the version it read; a finished row cannot be claimed from an old read', async () => {
    const o = stores().outbox;
    const row = await o.ensure(CYCLE, 'escalate|svc@example.org', 'svc@example.org', 'escalate', NOW);
    const claimed = await o.claim(row, 'holder-1', '2016-07-01T08:00:05Z');
    expect(claimed).toMatchObject({
      status: 'sending',
      attempts: 1,
      claimedBy: 'holder-1',
      claimedAt: '2016-07-01T08:00:05Z',
    });
    expect(await o.claim(row, 'holder-2', NOW)).toBeUndefined();
    await o.finish(
      claimed!,
      { status: 'sent', activityId: 'act-1', conversationId: 'conv-1' },
      '2016-07-01T08:00:06Z',
    );
    expect(await o.get(CYCLE, row.id)).toMatchObject({
      status: 'sent',
      activityId: 'act-1',
      attempts: 1,
      updatedAt: '2016-07-01T08:00:06Z',
    });
    expect(await o.claim(claimed!, 'holder-1', NOW)).toBeUndefined();
  });

  it('two claims racing on the same read: exactly one wins', async () => {
    const o = stores().outbox;
    const row = await o.ensure(CYCLE, 'chase|b@example.org|1', 'b@example.org', 'chase', NOW);
    const [a, b] = await Promise.all([o.claim(row, 'holder-a', NOW), o.claim(row, 'holder-b', NOW)]);
    expect([a, b].filter(Boolean)).toHaveLength(1);
  });

  it('lists a cycle in id order, or only the ids with a prefix', async () => {
    const o = stores().outbox;
    for (const id of ['reminder-5|b@example.org|1', 'chase|b@example.org|1', 'chase|a@example.org|1'])
      await o.ensure(CYCLE, id, id.split('|')[1]!, id.split('|')[0]!, NOW);
    await o.ensure('2016-17-Q2', 'chase|a@example.org|1', 'a@example.org', 'chase', NOW);
    expect((await o.list(CYCLE)).map((r) => r.id)).toEqual([
      'chase|a@example.org|1',
      'chase|b@example.org|1',
      'reminder-5|b@example.org|1',
    ]);
    expect((await o.list(CYCLE, 'chase|')).map((r) => r.recipient)).toEqual([
      'a@example.org',
      'b@example.org',
    ]);
    expect(await o.get(CYCLE, 'nothing')).toBeUndefined();
  });

  it('ensureMany creates rows together, keeps those that exist, and its rows can be claimed once', async () => {
    const o = stores().outbox;
    const existing = await o.ensure(CYCLE, 'chase|b@example.org|1', 'b@example.org', 'chase', NOW);
    await o.claim(existing, 'holder-1', NOW);
    const specs = Array.from({ length: 130 }, (_, i) => ({
      id: `chase|owner${String(i).padStart(3, '0')}@example.org|1`,
      recipient: `owner${i}@example.org`,
      kind: 'chase',
    }));
    const rows = await o.ensureMany(
      CYCLE,
      [specs[0]!, { id: existing.id, recipient: 'x', kind: 'x' }, ...specs.slice(1)],
      NOW,
    );
    expect(rows.map((r) => r.id)).toEqual([specs[0]!.id, existing.id, ...specs.slice(1).map((s) => s.id)]);
    expect(rows[1]).toMatchObject({ status: 'sending', claimedBy: 'holder-1', recipient: 'b@example.org' });
    expect(rows.filter((r) => r.status === 'pending')).toHaveLength(130);
    const first = rows[0]!;
    const claimed = await o.claim(first, 'holder-2', NOW);
    expect(claimed?.status).toBe('sending');
    expect(await o.claim(first, 'holder-3', NOW)).toBeUndefined();
    const last = rows.at(-1)!;
    expect(await o.claim(last, 'holder-2', NOW)).toBeDefined();
    expect(
      (await o.ensureMany(CYCLE, specs, NOW)).map((r) => r.status).filter((s) => s === 'sending'),
    ).toHaveLength(2);
  });
});
