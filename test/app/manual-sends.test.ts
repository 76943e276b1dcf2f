/** The manual sends check the role themselves: a caller who is not a service manager sends nothing. */
import { tick } from '../../src/app/cycle/tick';
import { chaseNow, resendFailed } from '../../src/app/sending/manual-sends';
import { NotAuthorisedError } from '../../src/domain/errors';
import { world } from '../support/world';

describe('chase now and resend failed', () => {
  it('refuse anyone but a service manager, before anything is sent', async () => {
    const w = await world({ installAll: true });
    await tick(w.deps, '2016-07-01T08:00:00Z', w.lease);
    const cycle = (await w.cycles.get('2016-17-Q1'))!;
    const sent = w.messenger.sent.length;
    const input = (serviceManager: boolean) => ({
      actor: { upn: 'area-ops.gravesham@example.org', serviceManager },
      cycle,
      now: '2016-07-04T10:00:00Z',
      lease: w.lease,
    });
    await expect(chaseNow(w.deps, input(false))).rejects.toThrow(NotAuthorisedError);
    await expect(resendFailed(w.deps, input(false))).rejects.toThrow(
      /Only service managers can resend failed messages/,
    );
    expect(w.messenger.sent.length).toBe(sent);
    const chased = await chaseNow(w.deps, input(true));
    expect(chased.sent.length).toBeGreaterThan(0);
    await w.drop();
  });
});
