/**
 * The minute tick inside the server: at the start of every minute, run `tick(now)` once. Never two at
 * a time in one process (and the send lease covers other processes); `stop()` waits for a running tick.
 */
import type { TickReport } from '../app/cycle/tick';
import type { Logger } from '../logger';

export interface Scheduler {
  stop(): Promise<void>;
}

/**
 * The log lines the Azure alert rules look for (infra/main.bicep): "sends failed" when a message was
 * refused for good, "digest overdue" every minute a due digest is not published.
 */
export function alertSignals(report: TickReport, now: string, log: Logger): void {
  const failed = report.steps.filter((s) => s.result.failed.length > 0);
  if (failed.length)
    log.warn(
      {
        now,
        alert: 'sends-failed',
        // The distinct errors say what to fix (e.g. a Graph permission); no recipients are logged.
        steps: failed.map((s) => ({
          cycle: s.cycle,
          step: s.step,
          failed: s.result.failed.length,
          errors: [...new Set(s.result.failed.map((f) => f.error))].slice(0, 3),
        })),
      },
      'sends failed',
    );
  const overdue = report.steps.filter((s) => s.step === 'digest' && !s.complete);
  if (overdue.length)
    log.warn({ now, alert: 'digest-overdue', cycles: overdue.map((s) => s.cycle) }, 'digest overdue');
}

/**
 * Logged every minute the scheduler runs (at info, whatever the tick found): the alert rule
 * "scheduler stopped" (infra/monitoring.bicep) fires when 15 minutes pass without one.
 */
export const HEARTBEAT = 'scheduler heartbeat';

/** `run(now)` does one minute's work (e.g. `tickServices` under the send lease). */
export function startScheduler(
  run: (now: string) => Promise<TickReport>,
  log: Logger,
  clock: () => Date = () => new Date(),
): Scheduler {
  let running: Promise<TickReport | undefined> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const runOnce = () => {
    if (stopped) return;
    if (running) {
      // Still working on an earlier minute: alive, and the alert on missing heartbeats stays quiet.
      log.info({ alert: 'heartbeat', busy: true }, HEARTBEAT);
      return;
    }
    const now = new Date(Math.floor(clock().getTime() / 60_000) * 60_000).toISOString().replace('.000Z', 'Z');
    running = run(now)
      .then((report) => {
        const sent = report.steps.reduce((n, s) => n + s.result.sent.length, 0);
        if (report.opened.length || sent)
          log.info(
            {
              now,
              ...('peakRssMb' in report ? { peakRssMb: report.peakRssMb } : {}),
              opened: report.opened,
              steps: report.steps.map((s) => ({
                cycle: s.cycle,
                step: s.step,
                sent: s.result.sent.length,
                unreachable: s.result.unreachable.length,
                failed: s.result.failed.length,
                retrying: s.result.retrying.length,
              })),
            },
            'tick',
          );
        else log.debug({ now }, 'tick: nothing due');
        for (const f of report.failed ?? [])
          log.error(
            { now, service: f.service, error: f.error },
            'tick failed for one service; the others went on',
          );
        alertSignals(report, now, log);
        log.info({ now, alert: 'heartbeat', ok: !report.failed?.length }, HEARTBEAT);
        return report;
      })
      .catch((error: unknown) => {
        log.error({ err: error, now }, 'tick failed; the next tick continues where it stopped');
        log.info({ now, alert: 'heartbeat', ok: false }, HEARTBEAT);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
  };

  const schedule = () => {
    if (stopped) return;
    const ms = 60_000 - (clock().getTime() % 60_000);
    timer = setTimeout(() => {
      runOnce();
      schedule();
    }, ms);
  };
  runOnce();
  schedule();

  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
