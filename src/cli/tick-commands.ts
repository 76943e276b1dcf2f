/** `rag-chaser tick`: do every piece of work due at one instant, once. */
import { tickServices } from '../app/cycle/tick-services';
import { appDeps, type Runtime } from '../runtime';
import { createMessenger } from '../teams/messenger';
import type { Output } from './output';

export async function tickCommand(
  rt: Runtime,
  out: Output,
  now: string,
  leaseSeconds: number,
): Promise<boolean> {
  const deps = appDeps(
    rt,
    createMessenger(rt.config, (problem) => out.error(problem)),
  );
  const report = await tickServices(
    deps,
    rt.space,
    rt.config.serviceManagers,
    now,
    { leases: rt.leases, leaseMs: leaseSeconds * 1000 },
    (step, done, total) => out.progress(`Sending ${step}`, done, total),
  );
  if (report.busy) {
    out.line(
      `Another instance is sending (it holds the send lease); nothing done at ${now}. Nothing is lost: run tick again.`,
    );
    return false;
  }
  out.line(`Tick at ${now}:`);
  for (const key of report.opened) out.line(`  opened ${key}`);
  for (const s of report.steps) {
    const r = s.result;
    out.line(
      `  ${s.cycle} ${s.step}: ${r.sent.length} sent, ${r.alreadyDone.length} already sent, ${r.unreachable.length} unreachable, ${r.failed.length} failed, ${r.retrying.length} to retry${s.complete ? '' : ' (not complete: the next tick continues)'}`,
    );
    for (const u of r.unreachable) out.line(`    unreachable ${u.recipient}: ${u.reason}`);
    for (const f of r.failed) out.line(`    failed ${f.recipient}: ${f.error}`);
  }
  for (const c of report.council)
    out.line(
      `  council digest ${c.quarter}: ${c.result.sent.length} card(s) sent to the corporate channel, ${c.result.failed.length + c.result.retrying.length} to retry`,
    );
  for (const f of report.failed ?? [])
    out.line(`  ${f.service}: failed (${f.error}); the next tick tries again`);
  if (report.failed?.length) process.exitCode = 1;
  if (
    report.opened.length === 0 &&
    report.steps.length === 0 &&
    report.council.length === 0 &&
    !report.failed?.length
  )
    out.line('  nothing due');
  return true;
}
