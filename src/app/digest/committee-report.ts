/**
 * Use case: the committee report a manager asks for in chat: a quarter's digest, or a year's (year end,
 * or mid-year). Service managers and leads only; the files are rendered by the report adapter.
 */
import type { Digest } from '../../domain/digest';
import { requireManager } from '../council/actors';
import type { Actor } from '../ports';
import { loadDigest } from './digest';
import type { YearReport } from '../../domain/year';
import { loadYear, type YearDeps } from './year-report';

/** `2016-17-Q1` (a quarter), `2016-17` (year end) or `2016-17-H1` (mid-year). */
export const YEAR_KEY = /^\d{4}-\d{2}(?:-H1)?$/;

export type CommitteeReport =
  | { readonly kind: 'quarter'; readonly digest: Digest }
  | { readonly kind: 'year'; readonly year: YearReport };

/** The report for `key`, or undefined when no quarter of it was opened. */
export async function committeeReport(
  deps: YearDeps & Parameters<typeof loadDigest>[0],
  input: { readonly actor: Actor; readonly key: string },
): Promise<CommitteeReport | undefined> {
  requireManager(input.actor, 'get the committee report');
  const { key } = input;
  if (YEAR_KEY.test(key)) {
    const year = await loadYear(deps, Number(key.slice(0, 4)), key.endsWith('-H1')).catch(() => undefined);
    return year && { kind: 'year', year };
  }
  const cycle = await deps.cycles.get(key);
  return cycle && { kind: 'quarter', digest: await loadDigest(deps, cycle) };
}
