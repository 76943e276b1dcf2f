/** RAG ratings: KPI rating from floor and target, indicator bands, roll-ups and direction of travel. */
import { z } from 'zod';

export const RAGS = ['green', 'amber', 'red'] as const;
export const ragSchema = z.enum(RAGS, { errorMap: () => ({ message: 'Choose Red, Amber or Green.' }) });
export type Rag = z.infer<typeof ragSchema>;

/** Worse is higher. */
const SEVERITY: Record<Rag, number> = { green: 0, amber: 1, red: 2 };

/** How each rating reads, in words and a symbol that does not rely on colour. */
export const RAG_LABEL: Record<Rag, { word: string; symbol: string; meaning: string }> = {
  green: { word: 'Green', symbol: '✔', meaning: 'on track' },
  amber: { word: 'Amber', symbol: '▲', meaning: 'some risk or delay, being managed' },
  red: { word: 'Red', symbol: '✖', meaning: 'off track, needs attention' },
};

/** `✖ Red` */
export function ragText(rag: Rag): string {
  return `${RAG_LABEL[rag].symbol} ${RAG_LABEL[rag].word}`;
}

export function worse(a: Rag, b: Rag): Rag {
  return SEVERITY[a] >= SEVERITY[b] ? a : b;
}

export type Direction = 'higher' | 'lower';

/**
 * KPI rating: at or better than target = Green; at or better than floor = Amber; worse than floor = Red.
 * "Better" means larger when higher is better, smaller when lower is better.
 */
export function kpiRag(value: number, floor: number, target: number, direction: Direction): Rag {
  const atLeast = (v: number, bound: number) => (direction === 'higher' ? v >= bound : v <= bound);
  if (atLeast(value, target)) return 'green';
  if (atLeast(value, floor)) return 'amber';
  return 'red';
}

export type Band = 'below' | 'within' | 'above';

/** Activity indicator: where the value sits against the quarter's expected range (bounds inclusive). */
export function indicatorBand(value: number, lower: number, upper: number): Band {
  if (value < lower) return 'below';
  if (value > upper) return 'above';
  return 'within';
}

export const ROLL_UP_RULES = ['majority', 'worst'] as const;
export const rollUpRuleSchema = z.enum(ROLL_UP_RULES);
export type RollUpRule = z.infer<typeof rollUpRuleSchema>;

export interface RagCounts {
  readonly green: number;
  readonly amber: number;
  readonly red: number;
  readonly notReturned: number;
}

/** Counts ratings; `undefined` is a missing return and is counted apart, never as a colour. */
export function countRags(rags: readonly (Rag | undefined)[]): RagCounts {
  const counts = { green: 0, amber: 0, red: 0, notReturned: 0 };
  for (const rag of rags) {
    if (rag === undefined) counts.notReturned += 1;
    else counts[rag] += 1;
  }
  return counts;
}

/**
 * Roll-up of a group's ratings. `majority`: the most frequent colour, a tie going to the worse colour.
 * `worst`: the worst colour present. Missing returns do not vote; with no returns at all the result is
 * `undefined` ("not returned").
 */
export function rollUp(rule: RollUpRule, rags: readonly (Rag | undefined)[]): Rag | undefined {
  const counts = countRags(rags);
  const present = RAGS.filter((r) => counts[r] > 0);
  if (present.length === 0) return undefined;
  if (rule === 'worst') return present.reduce(worse);
  return present.reduce((best, r) =>
    counts[r] > counts[best] || (counts[r] === counts[best] && SEVERITY[r] > SEVERITY[best]) ? r : best,
  );
}

export type Travel = 'better' | 'same' | 'worse';

/** Direction of travel between last quarter's rating and this one; undefined when either is missing. */
export function ragTravel(previous: Rag | undefined, current: Rag | undefined): Travel | undefined {
  if (previous === undefined || current === undefined) return undefined;
  const diff = SEVERITY[previous] - SEVERITY[current];
  return diff > 0 ? 'better' : diff < 0 ? 'worse' : 'same';
}

/** Direction of travel of a measured value, taking the KPI's direction into account. */
export function valueTravel(
  previous: number | undefined,
  current: number | undefined,
  direction: Direction,
): Travel | undefined {
  if (previous === undefined || current === undefined) return undefined;
  if (current === previous) return 'same';
  return current > previous === (direction === 'higher') ? 'better' : 'worse';
}

export const TRAVEL_TEXT: Record<Travel, string> = { better: '↑ better', same: '→ same', worse: '↓ worse' };
