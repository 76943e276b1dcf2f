/**
 * Use case: one item's history across the quarters the viewer may see (the dashboard's drill-down):
 * rating or value, commentary, evidence, who answered and when, each quarter as its report reads it.
 */
import { NotFoundError } from '../../domain/errors';
import type { Rag } from '../../domain/rag';
import type { ItemKey } from '../../domain/returns';
import { readQuarters, type DashboardInput, type PublishedCache } from './dashboard';

export interface ItemQuarter {
  readonly quarter: string;
  readonly state: 'published' | 'current';
  readonly rating?: Rag | undefined;
  readonly value?: number | undefined;
  readonly commentary: string;
  readonly evidence: string;
  readonly owner: string;
  readonly late: boolean;
  /** Who gave the answer shown, and when (ISO); empty when not returned. */
  readonly by: string;
  readonly at: string;
}

export interface ItemHistory {
  readonly kind: 'activity' | 'kpi';
  readonly id: string;
  readonly title: string;
  readonly quarters: readonly ItemQuarter[];
}

export async function itemHistory(
  input: Pick<DashboardInput, 'viewer' | 'service' | 'from' | 'to'> & { readonly item: string },
  cache: PublishedCache,
): Promise<ItemHistory> {
  const { quarters } = await readQuarters(input, cache);
  const wanted = input.item.trim().toLowerCase();
  const out: ItemQuarter[] = [];
  let found: { kind: 'activity' | 'kpi'; id: string; title: string } | undefined;
  for (const q of quarters) {
    const row = q.rows.find((r) => r.id.toLowerCase() === wanted);
    if (!row) continue;
    found = { kind: row.kind, id: row.id, title: row.title };
    const key = `${row.kind === 'activity' ? 'a' : 'm'}:${row.id}` as ItemKey;
    // The answer as the quarter's report shows it: the latest version given by publication, if published.
    const versions = await input.service.deps.returns.history(q.key, key);
    const shown = versions
      .filter((v) => !q.publishedAt || v.submittedAt <= q.publishedAt)
      .sort((a, b) => a.version - b.version)
      .at(-1);
    const activity = q.digest.outcomes
      .flatMap((o) => o.supportingOutcomes.flatMap((s) => s.activities))
      .find((a) => a.id === row.id);
    const measure = [...q.digest.kpis, ...q.digest.indicators].find((m) => m.ref === row.id);
    out.push({
      quarter: q.label,
      state: q.state,
      rating: row.rating,
      value: measure?.value,
      commentary: row.commentary,
      evidence: activity?.evidence ?? '',
      owner: row.owner,
      late: row.late,
      by: row.answered ? (shown?.submittedBy ?? '') : '',
      at: row.answered ? (shown?.submittedAt ?? '') : '',
    });
  }
  if (!found) throw new NotFoundError(`There is no item "${input.item.slice(0, 40)}" in the quarters shown.`);
  return { ...found, quarters: out };
}
