/** `rag-chaser cycle open`: open a quarter now and chase every owner. */
import { openCycle } from '../app/cycle/open-cycle';
import { systemActor } from '../app/council/actors';
import type { Clock } from '../app/ports';
import { formatDay } from '../domain/local-time';
import type { Quarter } from '../domain/quarter';
import { appDeps, type Runtime } from '../runtime';
import { createMessenger } from '../teams/messenger';
import type { Output } from './output';

export async function cycleOpenCommand(
  rt: Runtime,
  out: Output,
  quarter: Quarter,
  clock: Clock,
): Promise<void> {
  const messenger = createMessenger(rt.config, (problem) => out.error(problem));
  const result = await openCycle(appDeps(rt, messenger), {
    quarter,
    clock,
    actor: systemActor('cli'),
    lease: { leases: rt.leases },
    onProgress: (done, total) => out.progress('Chasing', done, total),
  });
  const f = result.fanout;
  out.line(
    `${result.cycle.label} ${result.created ? 'opened' : 'was already open'}. Deadline: end of ${formatDay(result.cycle.deadlineDay)}.`,
  );
  out.line(
    `Owners: ${result.owners}. Cards sent now: ${f.sent.length} (to ${new Set(f.sent).size} owners). Already sent before: ${f.alreadyDone.length}.`,
  );
  if (f.unreachable.length) {
    out.line(
      `Unreachable owners (${f.unreachable.length}): install RAG Chaser for them, then run this again or let the next reminder reach them:`,
    );
    for (const u of f.unreachable) out.line(`  ${u.recipient}: ${u.reason}`);
  }
  if (f.failed.length) {
    out.line(`Failed (${f.failed.length}), will be retried:`);
    for (const u of f.failed) out.line(`  ${u.recipient}: ${u.error}`);
  }
}
