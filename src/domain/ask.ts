/**
 * Questions about the returns, answered exactly: the rows a question is asked over (one per activity or KPI
 * of a service's quarter, from its digest), the query a question becomes, running it, and the query
 * written out ("Red items, district Dover, 2016/17 Q3: 3"). Numbers and lists only ever come from here.
 */
import type { Digest } from './digest';
import { formatQuarter, type Quarter } from './quarter';
import { RAGS, type Rag } from './rag';

export interface AskRow {
  readonly serviceKey: string;
  readonly service: string;
  readonly quarter: string;
  readonly kind: 'activity' | 'kpi';
  readonly id: string;
  readonly title: string;
  readonly outcome?: number | undefined;
  /** Its number, e.g. "1.2". */
  readonly supportingOutcome?: string | undefined;
  readonly function: string;
  readonly districts: readonly string[];
  readonly owner: string;
  /** Undefined: not returned (a KPI: no value, or no target to rate against). */
  readonly rating?: Rag | undefined;
  readonly answered: boolean;
  readonly commentary: string;
  readonly late: boolean;
}

/** The rows of one service's quarter. */
export function rowsOf(digest: Digest, service: { key: string; name: string }): AskRow[] {
  const base = { serviceKey: service.key, service: service.name, quarter: digest.quarter };
  const rows: AskRow[] = [];
  for (const o of digest.outcomes)
    for (const so of o.supportingOutcomes)
      for (const a of so.activities)
        rows.push({
          ...base,
          kind: 'activity',
          id: a.id,
          title: a.text,
          outcome: o.number,
          supportingOutcome: so.number,
          function: a.function,
          districts: a.districts,
          owner: a.owner,
          rating: a.rag,
          answered: a.rag !== undefined,
          commentary: a.commentary,
          late: a.late,
        });
  // KPIs are rated against their target; indicators have a range, not a rating.
  for (const m of [...digest.kpis, ...digest.indicators])
    rows.push({
      ...base,
      kind: 'kpi',
      id: m.ref,
      title: m.description,
      function: '',
      districts: [],
      owner: m.owner,
      rating: 'rag' in m ? m.rag : undefined,
      answered: m.value !== undefined,
      commentary: m.note,
      late: m.late,
    });
  return rows;
}

export interface Query {
  /** What is asked about: activities, KPIs, or both. */
  readonly kind: 'activity' | 'kpi' | 'any';
  /** Empty: any rating (or none). */
  readonly ratings: readonly Rag[];
  readonly outcome?: number | undefined;
  readonly supportingOutcome?: string | undefined;
  readonly function?: string | undefined;
  readonly district?: string | undefined;
  readonly owner?: string | undefined;
  /** A service's key. */
  readonly service?: string | undefined;
  /** Undefined: the latest quarter the asker may see. */
  readonly quarter?: Quarter | undefined;
  readonly outstanding: boolean;
  readonly late: boolean;
  /** Rated differently from this quarter ('previous' = the quarter before the one asked about). */
  readonly changedSince?: Quarter | 'previous' | undefined;
  readonly change?: 'worse' | 'better' | undefined;
  /** KPIs rated red or amber against their target. */
  readonly offTarget: boolean;
  /** Only these items (activity ids, KPI refs), as asked about by name. */
  readonly items?: readonly string[] | undefined;
  /** Only items answered ("what has the Archives team returned?"). */
  readonly returned?: boolean | undefined;
}

export const EMPTY_QUERY: Query = {
  kind: 'any',
  ratings: [],
  outstanding: false,
  late: false,
  offTarget: false,
};

const SEVERITY: Record<Rag, number> = { green: 0, amber: 1, red: 2 };
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The rows that answer the query; `since`: the same service's rows of the quarter compared with. */
export function runQuery(query: Query, rows: readonly AskRow[], since: readonly AskRow[] = []): AskRow[] {
  const before = new Map(since.map((r) => [`${r.serviceKey}|${r.kind}|${r.id}`, r]));
  return rows.filter((r) => {
    if (query.kind !== 'any' && r.kind !== query.kind) return false;
    if (query.offTarget && (r.kind !== 'kpi' || (r.rating !== 'red' && r.rating !== 'amber'))) return false;
    if (query.ratings.length && (!r.rating || !query.ratings.includes(r.rating))) return false;
    if (query.outcome !== undefined && r.outcome !== query.outcome) return false;
    if (query.supportingOutcome && r.supportingOutcome !== query.supportingOutcome) return false;
    if (query.function && !same(r.function, query.function)) return false;
    const district = query.district;
    if (district && !r.districts.some((d) => same(d, district))) return false;
    if (query.owner && !same(r.owner, query.owner)) return false;
    if (query.service && r.serviceKey !== query.service) return false;
    if (query.outstanding && r.answered) return false;
    if (query.returned && !r.answered) return false;
    if (query.items?.length && !query.items.some((id) => same(id, r.id))) return false;
    if (query.late && !r.late) return false;
    if (query.changedSince) {
      const then = before.get(`${r.serviceKey}|${r.kind}|${r.id}`)?.rating;
      if (!then || !r.rating || then === r.rating) return false;
      const diff = SEVERITY[r.rating] - SEVERITY[then];
      if (query.change === 'worse' && diff <= 0) return false;
      if (query.change === 'better' && diff >= 0) return false;
    }
    return true;
  });
}

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The query written out, e.g. "Red items, district Dover, 2016/17 Q3: 3". */
export function describeQuery(query: Query, quarter: string, count: number, sinceLabel?: string): string {
  const noun = query.offTarget
    ? 'KPIs off target'
    : query.kind === 'kpi'
      ? 'KPIs'
      : query.kind === 'activity'
        ? 'activities'
        : 'items';
  const ratings = [...RAGS].reverse().filter((r) => query.ratings.includes(r));
  const state = [
    query.outstanding ? 'not returned' : '',
    query.returned ? 'returned' : '',
    query.late ? 'late' : '',
  ].filter(Boolean);
  const subject = [
    ratings.length ? ratings.map((r, i) => (i === 0 ? cap(r) : r)).join(' and ') : '',
    ratings.length ? noun : cap(noun),
  ]
    .filter(Boolean)
    .join(' ');
  const parts = [
    `${subject}${state.length ? ` ${state.join(' and ')}` : ''}`,
    query.items?.length ? query.items.join(' and ') : '',
    query.outcome !== undefined ? `outcome ${query.outcome}` : '',
    query.supportingOutcome ? `supporting outcome ${query.supportingOutcome}` : '',
    query.function ? `function ${query.function}` : '',
    query.district ? `district ${query.district}` : '',
    query.owner ? `owner ${query.owner}` : '',
    query.service ? `service ${query.service}` : '',
    query.changedSince
      ? `${query.change === 'worse' ? 'worse' : query.change === 'better' ? 'better' : 'changed'} since ${
          sinceLabel ??
          (query.changedSince === 'previous' ? 'the quarter before' : formatQuarter(query.changedSince))
        }`
      : '',
    quarter,
  ].filter(Boolean);
  return `${parts.join(', ')}: ${count}`;
}
