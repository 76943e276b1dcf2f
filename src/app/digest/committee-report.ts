/**
 * Use case: the committee report a manager asks for in chat: a quarter's digest, or a year's (year end,
 * or mid-year). Service managers and leads only; the files are rendered by the report adapter.
 */
import { rowsOf } from '../../domain/ask';
import type { Cycle } from '../../domain/cycle';
import type { Digest } from '../../domain/digest';
import { compareQuarters, previousQuarter } from '../../domain/quarter';
import type { Rag } from '../../domain/rag';
import { requireManager } from '../council/actors';
import type { Actor } from '../ports';
import { loadDigest } from './digest';
import type { YearReport } from '../../domain/year';
import { loadYear, type YearDeps } from './year-report';

/** `2016-17-Q1` (a quarter), `2016-17` (year end) or `2016-17-H1` (mid-year). */
export const YEAR_KEY = /^\d{4}-\d{2}(?:-H1)?$/;

export type CommitteeReport =
  | { readonly kind: 'quarter'; readonly digest: Digest; readonly trend?: QuarterTrend | undefined }
  | { readonly kind: 'year'; readonly year: YearReport };

/** The report for `key`, or undefined when no quarter of it was opened. */
export async function committeeReport(
  deps: YearDeps & Parameters<typeof loadDigest>[0],
  input: {
    readonly actor: Actor;
    readonly key: string;
    /** The earlier quarters' ratings too (the Excel pack's trend columns). */
    readonly withTrend?: boolean | undefined;
  },
): Promise<CommitteeReport | undefined> {
  requireManager(input.actor, 'get the committee report');
  const { key } = input;
  if (YEAR_KEY.test(key)) {
    const year = await loadYear(deps, Number(key.slice(0, 4)), key.endsWith('-H1')).catch(() => undefined);
    return year && { kind: 'year', year };
  }
  const cycle = await deps.cycles.get(key);
  if (!cycle) return undefined;
  const digest = await loadDigest(deps, cycle);
  return { kind: 'quarter', digest, trend: input.withTrend ? await quarterTrend(deps, cycle) : undefined };
}

/** The earlier quarters' ratings of each item, for the committee pack's trend columns. */
export interface QuarterTrend {
  /** Oldest first: the last four quarters before this one that were opened, back to the same one a year before. */
  readonly labels: readonly string[];
  /** `activity|<id>` or `kpi|<ref>` -> a rating per label ('none': in the plan, not returned). */
  readonly ratings: ReadonlyMap<string, readonly (Rag | 'none' | undefined)[]>;
}

export async function quarterTrend(
  deps: YearDeps & Parameters<typeof loadDigest>[0],
  cycle: Cycle,
): Promise<QuarterTrend> {
  let from = cycle.quarter;
  for (let i = 0; i < 4; i += 1) from = previousQuarter(from);
  const earlier = (await deps.cycles.all())
    .filter((c) => compareQuarters(c.quarter, from) >= 0 && compareQuarters(c.quarter, cycle.quarter) < 0)
    .sort((a, b) => compareQuarters(a.quarter, b.quarter));
  const ratings = new Map<string, (Rag | 'none' | undefined)[]>();
  for (const [i, c] of earlier.entries()) {
    // Each as its report reads it: as published, once published.
    const published = await deps.digests.published(c.key);
    const digest = await loadDigest(deps, c, { asAt: published?.at });
    for (const row of rowsOf(digest, { key: '', name: '' })) {
      const key = `${row.kind}|${row.id}`;
      const list = ratings.get(key) ?? Array.from({ length: earlier.length }, () => undefined);
      list[i] = row.rating ?? (row.answered ? undefined : 'none');
      ratings.set(key, list);
    }
  }
  return { labels: earlier.map((c) => c.label), ratings };
}
