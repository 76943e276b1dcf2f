import pino from 'pino';
import { tick } from '../../src/app/tick';
import { alertSignals, startScheduler } from '../../src/jobs/scheduler';
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

  it('logs the lines the Azure alert rules look for: sends failed, digest overdue (and nothing on a clean tick)', async () => {
    const w = await world({ installAll: true });
    const lines: { msg: string; alert?: string }[] = [];
    const log = pino(
      { level: 'info' },
      { write: (l: string) => lines.push(JSON.parse(l) as { msg: string }) },
    );
    const at = async (now: string) => alertSignals(await tick(w.deps, now, w.lease), now, log);
    await at('2016-07-01T08:00:00Z');
    expect(lines).toEqual([]);
    // Every send refused for good at the first reminder.
    w.messenger.answer = () => ({ outcome: 'failed', error: 'Forbidden' });
    await at('2016-07-07T08:00:00Z');
    expect(lines.map((l) => [l.msg, l.alert])).toEqual([['sends failed', 'sends-failed']]);
    // The line says what failed, without naming anyone.
    expect(JSON.stringify(lines[0])).toMatch(/"errors":\["Forbidden"\]/);
    expect(JSON.stringify(lines[0])).not.toMatch(/@example\.org/);
    w.messenger.answer = (conversation) => ({
      outcome: 'sent',
      activityId: 'a',
      conversationId: conversation,
    });
    // The digest is due on 18 July and not approved: overdue every minute until it is published.
    await at('2016-07-18T08:00:00Z');
    await at('2016-07-18T08:01:00Z');
    expect(lines.slice(1).map((l) => l.msg)).toEqual(['digest overdue', 'digest overdue']);
    await w.drop();
  });
});
