/** The service plan: outcome > supporting outcome > activity, plus KPIs and activity indicators. */
import { z } from 'zod';
import type { QuarterNumber } from './quarter';

/** A KPI's unit as the plan writes it (free text; see units.ts for those understood). */
export type Unit = string;

export const upnSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, 'An email address or UPN is at most 254 characters.')
  .email('Give an email address or UPN such as area-ops.gravesham@example.org.');

export interface Activity {
  readonly id: string;
  readonly outcome: string;
  readonly supportingOutcome: string;
  readonly function: string;
  readonly text: string;
  readonly justification: string;
  readonly districts: readonly string[];
  readonly priorityRefs: readonly string[];
  readonly owner: string;
  readonly deputy?: string | undefined;
  /** The owner's line manager, told at escalation. */
  readonly manager?: string | undefined;
  /** The id it had in the previous plan version (renumbered between years): one history across both. */
  readonly previousId?: string | undefined;
  /** Position in the plan, so reports keep the plan's order. */
  readonly order: number;
}

export interface Range {
  readonly lower: number;
  readonly upper: number;
}

interface MeasureBase {
  readonly ref: string;
  readonly description: string;
  readonly unit: Unit;
  readonly direction: 'higher' | 'lower';
  readonly owner: string;
  readonly order: number;
}

export interface Kpi extends MeasureBase {
  readonly kind: 'kpi';
  readonly floor: number;
  readonly target: number;
}

export interface Indicator extends MeasureBase {
  readonly kind: 'indicator';
  readonly ranges: Readonly<Record<QuarterNumber, Range>>;
}

export type Measure = Kpi | Indicator;

export interface Plan {
  readonly name: string;
  readonly activities: readonly Activity[];
  readonly measures: readonly Measure[];
}

export interface SupportingOutcomeNode {
  readonly id: string;
  /** `1.2`: outcome 1, second supporting outcome, in plan order. */
  readonly number: string;
  readonly title: string;
  readonly activities: readonly Activity[];
}

export interface OutcomeNode {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly supportingOutcomes: readonly SupportingOutcomeNode[];
}

/** Short stable id from text (FNV-1a), so overrides keyed by it survive a re-import. */
export function textId(prefix: string, text: string): string {
  let hash = 0x811c9dc5;
  for (const ch of text.normalize('NFC').toLowerCase().trim()) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${prefix}${hash.toString(16).padStart(8, '0')}`;
}

/** Groups activities into outcomes and supporting outcomes, in the order the plan lists them. */
export function outline(activities: readonly Activity[]): OutcomeNode[] {
  const outcomes = new Map<string, { title: string; sos: Map<string, Activity[]> }>();
  for (const activity of [...activities].sort((a, b) => a.order - b.order)) {
    let outcome = outcomes.get(activity.outcome);
    if (!outcome) {
      outcome = { title: activity.outcome, sos: new Map() };
      outcomes.set(activity.outcome, outcome);
    }
    const list = outcome.sos.get(activity.supportingOutcome) ?? [];
    list.push(activity);
    outcome.sos.set(activity.supportingOutcome, list);
  }
  return [...outcomes.values()].map((o, i) => {
    const own = ownNumber(o.title);
    const outcomeNumber = own && /^\d+$/.test(own.number) ? Number(own.number) : i + 1;
    return {
      id: textId('o', o.title),
      number: outcomeNumber,
      title: own && /^\d+$/.test(own.number) ? own.title : o.title,
      supportingOutcomes: [...o.sos.entries()].map(([title, list], j) => {
        const so = ownNumber(title);
        return {
          // Ids come from the names as written, so they stay what they were before numbering was read.
          id: supportingOutcomeId(o.title, title),
          number: so?.number ?? `${outcomeNumber}.${j + 1}`,
          title: so?.title ?? title,
          activities: list,
        };
      }),
    };
  });
}

const OWN_NUMBER = [
  // "Outcome 1: ...", "Supporting outcome 1.2 - ...", "Outcome 3 ..."
  /^\s*(?:supporting\s+)?outcome\s+(\d{1,3}(?:\.\d{1,3})*)\s*[.:)\-–]?\s*(\S[\s\S]*)$/i,
  // "1.2 ...", "1.2. ...", "1.2: ..."
  /^\s*(\d{1,3}(?:\.\d{1,3})+)\.?\s*[:)\-–]?\s+(\S[\s\S]*)$/,
  // "1. ...", "1) ...", "1: ..." (a plain number needs its stop: "2016 strategy" is a name)
  /^\s*(\d{1,3})\s*[.:)]\s+(\S[\s\S]*)$/,
];

/**
 * A name that carries its own number ("Outcome 1: Children ...", "1. Children ...", "1.1 Families ..."):
 * that number and the name without it, so it is shown once ("Outcome 1: Children ...", never doubled).
 */
export function ownNumber(title: string): { number: string; title: string } | undefined {
  for (const pattern of OWN_NUMBER) {
    const m = pattern.exec(title);
    if (m?.[1] && m[2]) return { number: m[1], title: m[2].trim() };
  }
  return undefined;
}

/** Each activity's supporting-outcome number in the plan ("1.2"), by activity id. */
export function supportingOutcomeNumbers(activities: readonly Activity[]): Map<string, string> {
  const numbers = new Map<string, string>();
  for (const o of outline(activities))
    for (const s of o.supportingOutcomes) for (const a of s.activities) numbers.set(a.id, s.number);
  return numbers;
}

export function supportingOutcomeId(outcome: string, supportingOutcome: string): string {
  return textId('s', `${outcome}\u0000${supportingOutcome}`);
}

/** Everyone who answers for something in the plan (owners and deputies), sorted. */
export function planPeople(plan: Plan): string[] {
  const people = new Set<string>();
  for (const a of plan.activities) {
    people.add(a.owner);
    if (a.deputy) people.add(a.deputy);
  }
  for (const m of plan.measures) people.add(m.owner);
  return [...people].sort();
}
