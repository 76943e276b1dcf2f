/** Returns: an owner's answer for one activity or one KPI/indicator in one cycle, and who may give it. */
import { z } from 'zod';
import type { Activity, Measure, Plan, Unit } from './plan';
import { unitProblem } from './units';
import { indicatorBand, kpiRag, ragSchema, type Band, type Rag } from './rag';
import type { QuarterNumber } from './quarter';
import { parseTypedNumber } from './numbers';

export { formatValue } from './units';

export const COMMENTARY_MAX = 2000;
export const EVIDENCE_MAX = 2000;

/** `a:LRA-1.1.01` for an activity, `m:LRA06` for a KPI or indicator. */
export type ItemKey = `a:${string}` | `m:${string}`;

export const itemKeySchema = z
  .string({ invalid_type_error: 'Unknown item: open your latest card and try again.' })
  .regex(/^(a|m):[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'Unknown item: open your latest card and try again.')
  .transform((s) => s as ItemKey);

export type DueItem =
  | { readonly key: ItemKey; readonly kind: 'activity'; readonly activity: Activity }
  | { readonly key: ItemKey; readonly kind: 'measure'; readonly measure: Measure };

export const activityKey = (a: Activity): ItemKey => `a:${a.id}`;
export const measureKey = (m: Measure): ItemKey => `m:${m.ref}`;

/** Every item of the plan, activities first, in plan order. */
export function planItems(plan: Plan): DueItem[] {
  return [
    ...plan.activities.map((activity) => ({
      key: activityKey(activity),
      kind: 'activity' as const,
      activity,
    })),
    ...plan.measures.map((measure) => ({ key: measureKey(measure), kind: 'measure' as const, measure })),
  ];
}

export function itemOwner(item: DueItem): string {
  return item.kind === 'activity' ? item.activity.owner : item.measure.owner;
}

export function itemDeputy(item: DueItem): string | undefined {
  return item.kind === 'activity' ? item.activity.deputy : undefined;
}

/** The item's id as people type it: `LRA-1.1.01` or `LRA06`. */
export function itemRef(item: DueItem): string {
  return item.kind === 'activity' ? item.activity.id : item.measure.ref;
}

export function itemTitle(item: DueItem): string {
  return item.kind === 'activity' ? item.activity.text : `${item.measure.ref}: ${item.measure.description}`;
}

/** Items a person owns (chased to them) and items they deputise for. */
export function itemsFor(plan: Plan, upn: string): { owned: DueItem[]; deputising: DueItem[] } {
  const all = planItems(plan);
  return {
    owned: all.filter((i) => itemOwner(i) === upn),
    deputising: all.filter((i) => itemDeputy(i) === upn),
  };
}

/** Only the owner, the deputy or a service manager may answer for an item. */
export function mayAnswer(item: DueItem, upn: string, isServiceManager: boolean): boolean {
  return isServiceManager || itemOwner(item) === upn || itemDeputy(item) === upn;
}

export interface StoredReturn {
  readonly item: ItemKey;
  readonly rag?: Rag | undefined;
  readonly commentary?: string | undefined;
  readonly evidence?: string | undefined;
  readonly value?: number | undefined;
  readonly note?: string | undefined;
  readonly submittedBy: string;
  readonly submittedAt: string;
  readonly late: boolean;
  /** 1 for the first answer, +1 for each amendment. */
  readonly version: number;
}

/** Plain text only: strip control characters, keep line breaks; Markdown/HTML are shown as typed. */
const plain = (max: number, what: string) =>
  z
    .string({ invalid_type_error: `Write the ${what} as text.` })
    .transform((s) =>
      s
        .replace(/\r\n?/g, '\n')
        .replace(/(?![\n\t])\p{Cc}/gu, '')
        .trim(),
    )
    .pipe(z.string().max(max, `The ${what} is too long: keep it to ${max} characters.`));

export const activityAnswerSchema = z.object({
  rag: z.preprocess((v) => (typeof v === 'string' ? v.trim().toLowerCase() : v), ragSchema),
  commentary: plain(COMMENTARY_MAX, 'commentary').pipe(
    z.string().min(1, 'Add a commentary: say what happened this quarter.'),
  ),
  evidence: plain(EVIDENCE_MAX, 'evidence of outcome').optional().default(''),
});
export type ActivityAnswer = z.infer<typeof activityAnswerSchema>;

/** The answer schema of a KPI/indicator: a number valid for its unit, and an optional note. */
export function measureAnswerSchema(unit: Unit) {
  return z.object({
    value: z
      .union([z.number(), z.string()], { errorMap: () => ({ message: 'Give the value as a number.' }) })
      .transform((v, ctx) => {
        const parsed = parseTypedNumber(String(v));
        if (!parsed.ok) {
          ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.message });
          return z.NEVER;
        }
        return parsed.value;
      })
      .superRefine((n, ctx) => {
        const problem = unitProblem(n, unit);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
    note: plain(COMMENTARY_MAX, 'note').optional().default(''),
  });
}

export type MeasureResult =
  { readonly kind: 'kpi'; readonly rag: Rag } | { readonly kind: 'indicator'; readonly band: Band };

/** The rating a KPI value earns, or the band an indicator value falls in, for the quarter. */
export function rateMeasure(measure: Measure, value: number, q: QuarterNumber): MeasureResult {
  if (measure.kind === 'kpi')
    return { kind: 'kpi', rag: kpiRag(value, measure.floor, measure.target, measure.direction) };
  const range = measure.ranges[q];
  return { kind: 'indicator', band: indicatorBand(value, range.lower, range.upper) };
}
