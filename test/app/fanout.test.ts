import { fanOut, type PlannedMessage } from '../../src/app/fanout';
import { world } from '../support/world';

describe('outbox claims (Azurite)', () => {
  it('two senders without the lease (e.g. clocks far apart) still send each message once: the ETag claim decides', async () => {
    const w = await world({ installAll: true });
    const recipients = [...new Set(w.plan.activities.map((a) => a.owner))];
    const messages: PlannedMessage[] = recipients.map((r) => ({
      id: `chase|${r}|1`,
      recipient: r,
      kind: 'chase',
      build: () => Promise.resolve({ text: 'hello' }),
    }));
    const [a, b] = await Promise.all([
      fanOut(w.deps, '2016-17-Q1', messages, () => '2016-07-01T08:00:00Z', { holder: 'instance-a' }),
      fanOut(w.deps, '2016-17-Q1', messages, () => '2016-07-01T09:00:00Z', { holder: 'instance-b' }),
    ]);
    expect(a.sent.length + b.sent.length).toBe(recipients.length);
    expect(w.messenger.sent).toHaveLength(recipients.length);
    expect(new Set(w.messenger.sent.map((s) => s.conversation)).size).toBe(recipients.length);
    await w.tables.drop();
  });
});
