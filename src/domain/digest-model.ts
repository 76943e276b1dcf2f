/** The digest's data shapes: what compileDigest (digest.ts) is given and what it makes. */
import type { Indicator, Kpi, Plan } from './plan';
import type { Band, Rag, RagCounts, RollUpRule, Travel } from './rag';
import type { ItemKey, StoredReturn } from './returns';
import type { QuarterNumber } from './quarter';

export interface Review {
  /** The service manager's overall commentary for the supporting outcome. */
  readonly commentary?: string | undefined;
  readonly override?: { readonly rag: Rag; readonly reason: string } | undefined;
  /** The commentary is an AI draft saved as the AI wrote it (labelled so until a manager edits it). */
  readonly aiDraft?: boolean | undefined;
  readonly by: string;
  readonly at: string;
}

export interface DigestInput {
  readonly plan: Plan;
  readonly quarterLabel: string;
  readonly q: QuarterNumber;
  readonly returns: ReadonlyMap<ItemKey, StoredReturn>;
  readonly previous: ReadonlyMap<ItemKey, StoredReturn>;
  readonly rule: RollUpRule;
  readonly reviews: ReadonlyMap<string, Review>;
  /** Who answers for each item this quarter (hand-overs applied). */
  readonly ownerOf: (key: ItemKey) => string;
  /** How an owner with returns outstanding was reached, when known. */
  readonly reachedOf?: ((owner: string) => string) | undefined;
  readonly approval?: { readonly by: string; readonly at: string } | undefined;
  /** Items sent back and not answered again (they count as not returned). */
  readonly sentBack?: ReadonlySet<ItemKey> | undefined;
  /** Every return sent back this quarter, oldest first, for the record. */
  readonly sendBacks?: readonly SendBackLine[] | undefined;
}

/** A return sent back: the note (who, when), and whether it was answered again. */
export interface SendBackLine {
  readonly id: string;
  readonly by: string;
  readonly at: string;
  readonly note: string;
  readonly answeredAgain: boolean;
}

export interface ActivityLine {
  readonly id: string;
  readonly text: string;
  readonly function: string;
  readonly districts: readonly string[];
  readonly owner: string;
  readonly rag?: Rag | undefined;
  readonly commentary: string;
  readonly evidence: string;
  readonly late: boolean;
  readonly previous?: Rag | undefined;
  readonly travel?: Travel | undefined;
}

export interface SupportingOutcomeDigest {
  readonly id: string;
  readonly number: string;
  readonly title: string;
  readonly counts: RagCounts;
  readonly computed?: Rag | undefined;
  readonly override?: { readonly rag: Rag; readonly reason: string } | undefined;
  /** The override when there is one, else the computed roll-up. */
  readonly rag?: Rag | undefined;
  readonly previous?: Rag | undefined;
  readonly travel?: Travel | undefined;
  readonly commentary: string;
  /** A draft assembled from the activity commentaries, to start the overall commentary from. */
  readonly draft: string;
  /** The overall commentary is an AI draft no one has edited. */
  readonly aiDraft: boolean;
  readonly activities: readonly ActivityLine[];
}

export interface OutcomeDigest {
  readonly number: number;
  readonly title: string;
  readonly counts: RagCounts;
  readonly rag?: Rag | undefined;
  readonly previous?: Rag | undefined;
  readonly travel?: Travel | undefined;
  readonly supportingOutcomes: readonly SupportingOutcomeDigest[];
}

export interface KpiLine {
  readonly ref: string;
  readonly description: string;
  readonly unit: Kpi['unit'];
  readonly floor: number;
  readonly target: number;
  readonly direction: Kpi['direction'];
  readonly value?: number | undefined;
  readonly rag?: Rag | undefined;
  readonly note: string;
  readonly previousValue?: number | undefined;
  readonly travel?: Travel | undefined;
  readonly late: boolean;
  /** Who answers for it this quarter. */
  readonly owner: string;
}

export interface IndicatorLine {
  readonly ref: string;
  readonly description: string;
  readonly unit: Indicator['unit'];
  readonly lower: number;
  readonly upper: number;
  readonly value?: number | undefined;
  readonly band?: Band | undefined;
  readonly note: string;
  readonly previousValue?: number | undefined;
  readonly travel?: Travel | undefined;
  readonly late: boolean;
  /** Who answers for it this quarter. */
  readonly owner: string;
}

export interface Digest {
  readonly plan: string;
  readonly quarter: string;
  readonly rule: RollUpRule;
  readonly counts: RagCounts;
  readonly lateCount: number;
  /** Returns sent back by a manager and not answered again. */
  readonly sentBackCount: number;
  readonly sendBacks: readonly SendBackLine[];
  readonly outcomes: readonly OutcomeDigest[];
  readonly redsAndAmbers: readonly ActivityLine[];
  readonly kpis: readonly KpiLine[];
  readonly indicators: readonly IndicatorLine[];
  /** `reached`: how the owner was reached (in Teams, installed for them, emailed, or why not). */
  readonly outstanding: readonly {
    readonly owner: string;
    readonly items: readonly string[];
    readonly reached?: string | undefined;
  }[];
  readonly highlights: readonly {
    readonly activity: string;
    readonly owner: string;
    readonly evidence: string;
  }[];
  readonly approval?: { readonly by: string; readonly at: string } | undefined;
}
