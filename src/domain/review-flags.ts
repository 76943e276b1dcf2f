/**
 * What a service manager may want to challenge before the digest, by plain rules: a Green or Amber whose
 * commentary is a few words, a Red that does not say what will be done, a KPI value far from its floor and
 * target or from last quarter's. Each flag says why; nothing is blocked, the manager decides.
 */
import type { Measure } from './plan';
import type { StoredReturn } from './returns';

export interface ReviewFlag {
  /** A stable code per rule, for tests and for the AI's flags beside these. */
  readonly rule: 'thin-commentary' | 'red-without-recovery' | 'value-far-from-target' | 'value-jump';
  readonly reason: string;
}

/** Fewer words than this in a Green or Amber commentary says too little to be checked. */
export const MIN_WORDS = 6;
/** A KPI value this many times above (or below) the larger of floor and target is far off. */
export const FAR_FACTOR = 10;
/** A KPI value this many times last quarter's (or a this-many-th of it) looks like a slip of the keyboard. */
export const JUMP_FACTOR = 3;

/** Words that say what will be done next: a Red needs one of these to be a recovery plan. */
const RECOVERY =
  /\b(will|plan(?:ned|s)?|recover\w*|action\w*|next|by (?:end|the end|january|february|march|april|may|june|july|august|september|october|november|december|q[1-4])|working (?:with|on)|arrang\w*|schedul\w*|agreed|expect\w*|intend\w*|aim\w*|propos\w*|mitigat\w*)\b/i;

const words = (text: string | undefined) => (text ?? '').split(/\s+/).filter((w) => /\w/.test(w)).length;

const number = (n: number) => n.toLocaleString('en-GB', { maximumFractionDigits: 2 });

/** Flags for an activity's answer. */
export function activityFlags(answer: StoredReturn): ReviewFlag[] {
  const flags: ReviewFlag[] = [];
  const n = words(answer.commentary);
  if ((answer.rag === 'green' || answer.rag === 'amber') && n < MIN_WORDS)
    flags.push({
      rule: 'thin-commentary',
      reason: `${answer.rag === 'green' ? 'Green' : 'Amber'} with a commentary of ${n} word(s): too little to show the rating`,
    });
  if (answer.rag === 'red' && !RECOVERY.test(answer.commentary ?? ''))
    flags.push({
      rule: 'red-without-recovery',
      reason: 'Red, but the commentary does not say what will be done to recover',
    });
  return flags;
}

/** Flags for a KPI's value, against its floor and target and against last quarter's value. */
export function measureFlags(
  measure: Measure,
  answer: StoredReturn,
  previous: StoredReturn | undefined,
): ReviewFlag[] {
  const value = answer.value;
  if (value === undefined) return [];
  const flags: ReviewFlag[] = [];
  if (measure.kind === 'kpi') {
    const scale = Math.max(Math.abs(measure.floor), Math.abs(measure.target));
    if (scale > 0 && (Math.abs(value) > scale * FAR_FACTOR || Math.abs(value) < scale / FAR_FACTOR))
      flags.push({
        rule: 'value-far-from-target',
        reason: `${number(value)} is far from the floor ${number(measure.floor)} and target ${number(measure.target)}: check the units or a typo`,
      });
  }
  const before = previous?.value;
  if (before !== undefined && before !== 0 && value !== 0) {
    const ratio = value / before;
    if (ratio > JUMP_FACTOR || ratio < 1 / JUMP_FACTOR)
      flags.push({
        rule: 'value-jump',
        reason: `${number(value)} against ${number(before)} last quarter: more than ${JUMP_FACTOR} times ${ratio > 1 ? 'higher' : 'lower'}`,
      });
  }
  return flags;
}
