import { tick } from '../../src/app/tick';
import { startScheduler } from '../../src/jobs/scheduler';
import { createLogger } from '../../src/logger';
import { world } from '../support/world';

describe('the minute scheduler', () => {
  it('runs tick at the start of the minute it starts in, and stop() waits for it to finish', async () => {
    const w = await world({ installAll: true });
    const scheduler = startScheduler(
      (now) => tick({ ...w.deps }, now, w.lease),
      createLogger('silent'),
      () => new Date('2016-07-01T08:00:42Z'),
    );
    await scheduler.stop();
    const cycle = await w.cycles.get('2016-17-Q1');
    expect(cycle?.openedAt).toBe('2016-07-01T08:00:00Z');
    expect(cycle?.completed).toContain('chase');
    expect(w.messenger.sent.length).toBeGreaterThan(15);
    await w.drop();
  });
});
