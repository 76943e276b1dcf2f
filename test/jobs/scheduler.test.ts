import pino from 'pino';
import type { TickReport } from '../../src/app/cycle/tick';
import { tick } from '../../src/app/cycle/tick';
import { alertSignals, HEARTBEAT, startScheduler } from '../../src/jobs/scheduler';
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

  it('logs a heartbeat every minute it runs, whether the tick worked, failed or is still busy', async () => {
    const lines: { msg: string; ok?: boolean; busy?: boolean }[] = [];
    const log = pino(
      { level: 'info' },
      { write: (l: string) => lines.push(JSON.parse(l) as { msg: string }) },
    );
    let minute = 0;
    const clock = () => new Date(Date.UTC(2016, 6, 1, 8, minute, 59, 990));
    const runs: string[] = [];
    let release: () => void = () => undefined;
    const scheduler = startScheduler(
      (now) => {
        runs.push(now);
        if (runs.length === 1) return Promise.resolve({ busy: false, opened: [], steps: [] });
        if (runs.length === 2) return Promise.reject(new Error('storage down'));
        return new Promise<TickReport>(
          (resolve) => (release = () => resolve({ busy: false, opened: [], steps: [] })),
        );
      },
      log,
      clock,
    );
    const beats = () => lines.filter((l) => l.msg === HEARTBEAT);
    const waitFor = async (n: number) => {
      for (let i = 0; i < 100 && beats().length < n; i++) await new Promise((r) => setTimeout(r, 20));
    };
    await waitFor(1);
    minute = 1;
    await waitFor(2); // the next minute's timer fires 10 ms later: the tick fails
    minute = 2;
    await new Promise((r) => setTimeout(r, 60)); // the third tick starts and hangs
    minute = 3;
    await waitFor(3); // the fourth minute finds it still busy
    release();
    await scheduler.stop();
    // The stand-in clock sits 10 ms before each minute, so a busy tick is seen several times: once is enough.
    const seen = beats()
      .map((b) => JSON.stringify([b.ok, b.busy]))
      .filter((b, i, all) => b !== all[i - 1])
      .map((b) => JSON.parse(b) as unknown[]);
    expect(seen).toEqual([
      [true, null],
      [false, null],
      [null, true],
      [true, null],
    ]);
  });
});
