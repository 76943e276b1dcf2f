/**
 * Use case: the year-end (or mid-year) report of one service: the financial year's quarters that were
 * opened, each read as its own report reads it (its plan version; as published once published), side by
 * side. An activity renumbered with `previous_id` is one row across the year.
 */
import { NotFoundError } from '../../domain/errors';
import { financialYearLabel, quarterKey, type QuarterNumber } from '../../domain/quarter';
import { compileYear, type YearReport } from '../../domain/year';
import { planOf } from '../cycle/cycle-state';
import { loadDigest } from './digest';
import type { AppDeps } from '../ports';

export type YearDeps = Pick<
  AppDeps,
  'plans' | 'returns' | 'digests' | 'people' | 'outbox' | 'cycles' | 'zone' | 'service'
>;

export async function loadYear(deps: YearDeps, startYear: number, half = false): Promise<YearReport> {
  const wanted: QuarterNumber[] = half ? [1, 2] : [1, 2, 3, 4];
  const keys = new Set(wanted.map((q) => quarterKey({ startYear, q })));
  const cycles = (await deps.cycles.all()).filter((c) => keys.has(c.key));
  const year = financialYearLabel(startYear);
  if (!cycles.length)
    throw new NotFoundError(
      `No quarter of ${year} was opened${half ? ' in its first half' : ''}: there is nothing to report.`,
    );
  const quarters = await Promise.all(
    cycles.map(async (c) => ({ label: c.label, digest: await loadDigest(deps, c) })),
  );
  const renamed = new Map<string, string>();
  for (const c of cycles)
    for (const a of (await planOf(deps.plans, c)).activities)
      if (a.previousId) renamed.set(a.previousId, a.id);
  const plan = quarters.at(-1)?.digest.plan ?? '';
  return compileYear(plan, half ? `${year}, mid-year (Q1 and Q2)` : `${year}, year end`, quarters, renamed);
}
