/**
 * Use case: remove the quarters before a given one (records kept beyond their retention), with their
 * answers and history, messages and digest rows; dry, only what would go. The only deletion of a record
 * the product makes, on an administrator's explicit command.
 */
import type { CycleStore, DigestStore, OutboxStore, ReturnStore } from '../ports';
import { compareQuarters, type Quarter } from '../../domain/quarter';

export interface PurgeDeps {
  readonly cycles: CycleStore;
  readonly returns: ReturnStore;
  readonly outbox: OutboxStore;
  readonly digests: DigestStore;
}

export interface PurgedQuarter {
  readonly label: string;
  readonly answers: number;
  /** Rows of the returns table: answers with their history and everyone's card rows. */
  readonly returnRows: number;
  readonly messages: number;
  readonly digestRows: number;
}

export async function purgeBefore(
  deps: PurgeDeps,
  input: { readonly before: Quarter; readonly dryRun: boolean },
): Promise<PurgedQuarter[]> {
  const old = (await deps.cycles.all()).filter((c) => compareQuarters(c.quarter, input.before) < 0);
  const purged: PurgedQuarter[] = [];
  for (const cycle of old) {
    const returns = await deps.returns.purgeCycle(cycle.key, input.dryRun);
    const messages = await deps.outbox.purgeCycle(cycle.key, input.dryRun);
    const digestRows = await deps.digests.purgeCycle(cycle.key, input.dryRun);
    // The cycle last: a purge cut short leaves it listed, and running it again finishes the job.
    if (!input.dryRun) await deps.cycles.remove(cycle.key);
    purged.push({
      label: cycle.label,
      answers: returns.answers,
      returnRows: returns.rows,
      messages,
      digestRows,
    });
  }
  return purged;
}
