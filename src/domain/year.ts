/**
 * The year-end (or mid-year) view of a service: its quarters side by side, each read against its own plan
 * version. Per outcome, supporting outcome and item the rating in each quarter and the trend over the
 * year; KPIs by quarter against the target of that quarter; the year's Reds with their commentary; counts
 * per quarter. What the council's mid-year monitoring and year-end reports to Cabinet Committee contain.
 */
import type { Digest } from './digest-model';
import type { Rag, RagCounts } from './rag';

export interface YearQuarter {
  /** `2016/17 Q1` */
  readonly label: string;
  readonly digest: Digest;
}

/** The rating in each quarter (undefined: not in the plan then, or not returned: see `inPlan`). */
export interface YearRow {
  readonly id: string;
  readonly title: string;
  readonly ratings: readonly (Rag | undefined)[];
  /** Was it in the plan that quarter? */
  readonly inPlan: readonly boolean[];
  /** First rated quarter against the last: better, same or worse; '' with fewer than two ratings. */
  readonly trend: 'better' | 'same' | 'worse' | '';
}

export interface YearOutcome extends YearRow {
  readonly supportingOutcomes: readonly (YearRow & { readonly items: readonly YearRow[] })[];
}

export interface YearKpi {
  readonly ref: string;
  readonly description: string;
  readonly quarters: readonly ({ value?: number; rag?: Rag; floor: number; target: number } | undefined)[];
  readonly trend: YearRow['trend'];
}

export interface YearReport {
  readonly plan: string;
  /** `2016/17`, or `2016/17 (first half)` */
  readonly title: string;
  readonly quarters: readonly string[];
  readonly counts: readonly RagCounts[];
  readonly outcomes: readonly YearOutcome[];
  readonly kpis: readonly YearKpi[];
  readonly reds: readonly { quarter: string; id: string; title: string; owner: string; commentary: string }[];
}

const SCORE: Record<Rag, number> = { red: 0, amber: 1, green: 2 };

function trendOf(values: readonly (number | undefined)[]): YearRow['trend'] {
  const known = values.filter((v): v is number => v !== undefined);
  const [first, last] = [known[0], known.at(-1)];
  if (known.length < 2 || first === undefined || last === undefined) return '';
  return last > first ? 'better' : last < first ? 'worse' : 'same';
}

const ragTrend = (ratings: readonly (Rag | undefined)[]) =>
  trendOf(ratings.map((r) => (r ? SCORE[r] : undefined)));

/** Rows keyed by id across quarters, in the order first met; `renamed` joins an old id to its new one. */
function rowsAcross<T>(
  quarters: readonly (readonly T[])[],
  idOf: (x: T) => string,
  read: (x: T) => { title: string; rag: Rag | undefined },
): YearRow[] {
  const rows = new Map<string, { title: string; ratings: (Rag | undefined)[]; inPlan: boolean[] }>();
  quarters.forEach((items, q) => {
    for (const x of items) {
      const id = idOf(x);
      const row = rows.get(id) ?? {
        title: '',
        ratings: quarters.map(() => undefined),
        inPlan: quarters.map(() => false),
      };
      const { title, rag } = read(x);
      row.title = title; // the latest wording
      row.ratings[q] = rag;
      row.inPlan[q] = true;
      rows.set(id, row);
    }
  });
  return [...rows].map(([id, r]) => ({ id, ...r, trend: ragTrend(r.ratings) }));
}

/** The year from its quarters' digests (oldest first). `renamed`: an activity's old id -> its new id. */
export function compileYear(
  plan: string,
  title: string,
  quarters: readonly YearQuarter[],
  renamed: ReadonlyMap<string, string> = new Map(),
): YearReport {
  const activityId = (id: string) => renamed.get(id) ?? id;
  const outcomes = rowsAcross(
    quarters.map((q) => q.digest.outcomes),
    (o) => String(o.number),
    (o) => ({ title: `${o.number}. ${o.title}`, rag: o.rag }),
  ).map((o) => {
    const sos = quarters.map(
      (q) => q.digest.outcomes.find((x) => String(x.number) === o.id)?.supportingOutcomes ?? [],
    );
    return {
      ...o,
      supportingOutcomes: rowsAcross(
        sos,
        (s) => s.number,
        (s) => ({ title: `${s.number} ${s.title}`, rag: s.rag }),
      ).map((s) => ({
        ...s,
        items: rowsAcross(
          sos.map((list) => list.find((x) => x.number === s.id)?.activities ?? []),
          (a) => activityId(a.id),
          (a) => ({ title: a.text, rag: a.rag }),
        ),
      })),
    };
  });
  const refs = [...new Set(quarters.flatMap((q) => q.digest.kpis.map((k) => k.ref)))];
  const kpis = refs.map((ref) => {
    const lines = quarters.map((q) => q.digest.kpis.find((k) => k.ref === ref));
    const latest = lines.filter((l) => l !== undefined).at(-1);
    return {
      ref,
      description: latest?.description ?? ref,
      quarters: lines.map((l) =>
        l
          ? {
              ...(l.value === undefined ? {} : { value: l.value }),
              ...(l.rag ? { rag: l.rag } : {}),
              floor: l.floor,
              target: l.target,
            }
          : undefined,
      ),
      trend: ragTrend(lines.map((l) => l?.rag)),
    };
  });
  return {
    plan,
    title,
    quarters: quarters.map((q) => q.label),
    counts: quarters.map((q) => q.digest.counts),
    outcomes,
    kpis,
    reds: quarters.flatMap((q) =>
      q.digest.outcomes.flatMap((o) =>
        o.supportingOutcomes.flatMap((s) =>
          s.activities
            .filter((a) => a.rag === 'red')
            .map((a) => ({
              quarter: q.label,
              id: a.id,
              title: a.text,
              owner: a.owner,
              commentary: a.commentary,
            })),
        ),
      ),
    ),
  };
}
