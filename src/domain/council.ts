/**
 * The council digest (pure): every service's published digest of one quarter, side by side. Per service:
 * the counts, each outcome's rating with its direction of travel, its Reds in one line each, KPIs off
 * target, and who is late. Built from the services' digests, so the numbers are those SMT saw.
 */
import type { Digest } from './digest';
import type { Rag, RagCounts, Travel } from './rag';
import type { Unit } from './plan';

export interface CouncilServiceInput {
  readonly key: string;
  readonly name: string;
  /** Undefined when the service has no quarter of that name. */
  readonly digest?: Digest | undefined;
  readonly published: boolean;
}

export interface CouncilServiceLine {
  readonly key: string;
  readonly name: string;
  readonly published: boolean;
  readonly counts: RagCounts;
  readonly lateCount: number;
  readonly outcomes: readonly {
    readonly number: number;
    readonly title: string;
    readonly rag?: Rag | undefined;
    readonly previous?: Rag | undefined;
    readonly travel?: Travel | undefined;
    readonly counts: RagCounts;
  }[];
  readonly reds: readonly {
    readonly id: string;
    readonly text: string;
    readonly owner: string;
    readonly commentary: string;
  }[];
  readonly kpisOffTarget: readonly {
    readonly ref: string;
    readonly description: string;
    readonly unit: Unit;
    readonly value: number;
    readonly target: number;
    readonly rag: Rag;
  }[];
  /** Owners with items not returned, most first. */
  readonly late: readonly { readonly owner: string; readonly items: readonly string[] }[];
}

export interface CouncilSummary {
  readonly quarter: string;
  readonly totals: RagCounts;
  readonly services: readonly CouncilServiceLine[];
  /** Services with no quarter of that name (not in the plan year, or not opened). */
  readonly missing: readonly string[];
}

const ZERO: RagCounts = { green: 0, amber: 0, red: 0, notReturned: 0 };

function add(a: RagCounts, b: RagCounts): RagCounts {
  return {
    green: a.green + b.green,
    amber: a.amber + b.amber,
    red: a.red + b.red,
    notReturned: a.notReturned + b.notReturned,
  };
}

function line(key: string, name: string, published: boolean, d: Digest): CouncilServiceLine {
  return {
    key,
    name,
    published,
    counts: d.counts,
    lateCount: d.lateCount,
    outcomes: d.outcomes.map((o) => ({
      number: o.number,
      title: o.title,
      rag: o.rag,
      previous: o.previous,
      travel: o.travel,
      counts: o.counts,
    })),
    reds: d.redsAndAmbers
      .filter((a) => a.rag === 'red')
      .map((a) => ({ id: a.id, text: a.text, owner: a.owner, commentary: a.commentary })),
    kpisOffTarget: d.kpis.flatMap((k) =>
      k.value !== undefined && k.rag !== undefined && k.rag !== 'green'
        ? [
            {
              ref: k.ref,
              description: k.description,
              unit: k.unit,
              value: k.value,
              target: k.target,
              rag: k.rag,
            },
          ]
        : [],
    ),
    late: d.outstanding,
  };
}

export function councilSummary(quarter: string, inputs: readonly CouncilServiceInput[]): CouncilSummary {
  const services: CouncilServiceLine[] = [];
  const missing: string[] = [];
  for (const s of inputs) {
    if (s.digest) services.push(line(s.key, s.name, s.published, s.digest));
    else missing.push(s.name);
  }
  return {
    quarter,
    totals: services.reduce((t, s) => add(t, s.counts), ZERO),
    services,
    missing,
  };
}
