/**
 * The performance dashboard: several quarters of one service side by side. Each quarter is read as its
 * own report reads it (its plan version; as published once published), turned into Ask's rows, filtered
 * by Ask's query, and counted; outcomes keep their roll-up per quarter, KPIs their value against floor and
 * target (indicators against their range), items their rating per quarter. Item lists are paged.
 */
import { runQuery, type AskRow, type Query } from './ask';
import type { Digest } from './digest';
import { countRags, type Rag, type RagCounts } from './rag';

/** One quarter as the viewer may see it. */
export interface DashboardQuarter {
  readonly key: string;
  readonly label: string;
  /** `published`: as SMT saw it; `current`: the returns as they stand (managers and leads). */
  readonly state: 'published' | 'current';
  readonly digest: Digest;
  readonly rows: readonly AskRow[];
}

export interface QuarterSummary {
  readonly key: string;
  readonly label: string;
  readonly state: 'published' | 'current';
  /** What the counts count, as the digest does: activities (KPIs when the filter asks for KPIs). */
  readonly counted: 'activity' | 'kpi';
  /** By rating over the items the filter keeps; `notReturned`: in the plan, no answer. */
  readonly counts: RagCounts;
  readonly late: number;
  readonly items: number;
}

export interface OutcomeTrend {
  readonly number: number;
  readonly title: string;
  /** Per quarter (the order of `quarters`); undefined: not in that quarter's plan, or nothing returned. */
  readonly ratings: readonly (Rag | undefined)[];
}

export interface MeasureTrend {
  readonly ref: string;
  readonly description: string;
  readonly unit: string;
  readonly kind: 'kpi' | 'indicator';
  readonly direction?: 'higher' | 'lower' | undefined;
  /** Per quarter: the value, and what it is held against (a KPI's floor and target; an indicator's range). */
  readonly points: readonly (
    | {
        readonly value?: number | undefined;
        readonly rag?: Rag | undefined;
        readonly floor?: number | undefined;
        readonly target?: number | undefined;
        readonly lower?: number | undefined;
        readonly upper?: number | undefined;
      }
    | undefined
  )[];
}

/** An item as Ask's row of the latest quarter it is in (owner: who answers for it then), with its ratings. */
export interface ItemTrend extends Pick<
  AskRow,
  'kind' | 'id' | 'title' | 'outcome' | 'supportingOutcome' | 'function' | 'districts' | 'owner'
> {
  /** Per quarter: 'none' = in the plan and not returned; undefined = not in that quarter's plan. */
  readonly ratings: readonly (Rag | 'none' | undefined)[];
}

export interface DashboardView {
  readonly quarters: readonly QuarterSummary[];
  readonly outcomes: readonly OutcomeTrend[];
  readonly measures: readonly MeasureTrend[];
  readonly items: {
    readonly total: number;
    readonly page: number;
    readonly pageSize: number;
    readonly rows: readonly ItemTrend[];
  };
}

export const DASHBOARD_PAGE_SIZE = 50;

/**
 * The dashboard over `quarters` (oldest first). The filter applies in every quarter alike; `ratings` and
 * `late` select the items whose latest quarter matches, so a click on a count lists exactly those items.
 */
export function compileDashboard(
  quarters: readonly DashboardQuarter[],
  filter: Query,
  options: {
    readonly page?: number | undefined;
    readonly pageSize?: number | undefined;
    /** Only the items the filter keeps in this quarter (its key): the items behind one count. */
    readonly itemsIn?: string | undefined;
  } = {},
): DashboardView {
  const { page = 1, pageSize = DASHBOARD_PAGE_SIZE, itemsIn } = options;
  const kept = quarters.map((q) =>
    runQuery({ ...filter, quarter: undefined, changedSince: undefined }, q.rows),
  );
  const counted = filter.kind === 'kpi' ? 'kpi' : 'activity';
  const summaries = quarters.map((q, i) => summary(q, kept[i] ?? [], counted));
  const only = itemsIn === undefined ? -1 : quarters.findIndex((q) => q.key === itemsIn);
  const items = itemTrends(quarters, kept, only);
  const size = Math.max(1, Math.min(pageSize, 200));
  const last = Math.max(1, Math.ceil(items.length / size));
  const at = Math.min(Math.max(1, Math.floor(page)), last);
  return {
    quarters: summaries,
    outcomes: outcomeTrends(quarters, filter),
    measures: filter.kind === 'activity' ? [] : measureTrends(quarters, filter),
    items: { total: items.length, page: at, pageSize: size, rows: items.slice((at - 1) * size, at * size) },
  };
}

function summary(q: DashboardQuarter, rows: readonly AskRow[], counted: 'activity' | 'kpi'): QuarterSummary {
  // As the digest counts: activities (or, when KPIs are asked about, KPIs rated against their target;
  // an indicator has a range, not a rating, and is counted neither as a colour nor as not returned).
  const rated = rows.filter(
    (r) => r.kind === counted && (counted === 'activity' || r.rating !== undefined || !r.answered),
  );
  return {
    key: q.key,
    label: q.label,
    state: q.state,
    counted,
    counts: countRags(rated.map((r) => r.rating)),
    late: rated.filter((r) => r.late).length,
    items: rated.length,
  };
}

const itemKey = (r: Pick<AskRow, 'kind' | 'id'>) => `${r.kind}|${r.id.toLowerCase()}`;

function itemTrends(
  quarters: readonly DashboardQuarter[],
  kept: readonly (readonly AskRow[])[],
  only: number,
): ItemTrend[] {
  const order: string[] = [];
  const latest = new Map<string, AskRow>();
  const byQuarter = kept.map((rows) => new Map(rows.map((r) => [itemKey(r), r])));
  // Every item of any quarter (latest wording wins), in plan order of the quarter it last appears in.
  for (let i = quarters.length - 1; i >= 0; i -= 1)
    for (const r of only < 0 || only === i ? (kept[i] ?? []) : [])
      if (!latest.has(itemKey(r))) {
        latest.set(itemKey(r), r);
        order.push(itemKey(r));
      }
  return order.map((k) => {
    const r = latest.get(k) as AskRow;
    return {
      kind: r.kind,
      id: r.id,
      title: r.title,
      outcome: r.outcome,
      supportingOutcome: r.supportingOutcome,
      function: r.function,
      districts: r.districts,
      owner: r.owner,
      ratings: byQuarter.map((rows) => {
        const row = rows.get(k);
        return row ? (row.rating ?? 'none') : undefined;
      }),
    };
  });
}

function outcomeTrends(quarters: readonly DashboardQuarter[], filter: Query): OutcomeTrend[] {
  const titles = new Map<number, string>();
  for (const q of quarters) for (const o of q.digest.outcomes) titles.set(o.number, o.title);
  return [...titles]
    .filter(([n]) => filter.outcome === undefined || n === filter.outcome)
    .sort(([a], [b]) => a - b)
    .map(([number, title]) => ({
      number,
      title,
      ratings: quarters.map((q) => q.digest.outcomes.find((o) => o.number === number)?.rag),
    }));
}

function measureTrends(quarters: readonly DashboardQuarter[], filter: Query): MeasureTrend[] {
  const out = new Map<string, MeasureTrend>();
  const owned = (owner: string) => !filter.owner || owner.toLowerCase() === filter.owner.toLowerCase();
  quarters.forEach((q, i) => {
    for (const k of q.digest.kpis) {
      if (!owned(k.owner)) continue;
      const t = trend(out, k.ref, k.description, k.unit, 'kpi', quarters.length, k.direction);
      (t.points as MeasureTrend['points'][number][])[i] = {
        value: k.value,
        rag: k.rag,
        floor: k.floor,
        target: k.target,
      };
    }
    for (const m of q.digest.indicators) {
      if (!owned(m.owner)) continue;
      const t = trend(out, m.ref, m.description, m.unit, 'indicator', quarters.length);
      (t.points as MeasureTrend['points'][number][])[i] = { value: m.value, lower: m.lower, upper: m.upper };
    }
  });
  return [...out.values()];
}

function trend(
  out: Map<string, MeasureTrend>,
  ref: string,
  description: string,
  unit: string,
  kind: MeasureTrend['kind'],
  n: number,
  direction?: 'higher' | 'lower',
): MeasureTrend {
  const found = out.get(ref);
  // The latest quarter's wording wins (quarters come oldest first).
  const next: MeasureTrend = {
    ref,
    description,
    unit,
    kind,
    direction,
    points: found?.points ?? Array.from({ length: n }, () => undefined),
  };
  out.set(ref, next);
  return next;
}
