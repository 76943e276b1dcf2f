/** Port: the cards use cases send. The Adaptive Card templates in `cards/` implement it. */
import type { SentBack } from '../../domain/send-back';
import type { Overview } from './overview';
import type { Cycle } from '../../domain/cycle';
import type { CouncilSummary } from '../../domain/council';
import type { Digest } from '../../domain/digest';
import type { Plan } from '../../domain/plan';
import type { ItemKey, DueItem, StoredReturn } from '../../domain/returns';
import type { CardJson } from './messenger';

export interface ItemError {
  readonly message: string;
  /** What the person typed, so they do not have to type it again. */
  readonly typed: Readonly<Record<string, string>>;
}

export interface ChaseCardInput {
  readonly cycle: Cycle;
  readonly plan: Plan;
  readonly items: readonly DueItem[];
  readonly returns: ReadonlyMap<ItemKey, StoredReturn>;
  readonly previous: ReadonlyMap<ItemKey, StoredReturn>;
  /** Supporting-outcome numbers by activity id, when `plan` holds only some of the plan's activities. */
  readonly numbers?: ReadonlyMap<string, string> | undefined;
  readonly zone: string;
  readonly now: string;
  readonly errors?: ReadonlyMap<ItemKey, ItemError>;
  readonly notice?: string;
  /** Service managers may amend after the deadline. */
  readonly canAlwaysAmend?: boolean;
  /** The service the card is for: named in its title when the deployment runs several, kept in its data. */
  readonly service?: { readonly key: string; readonly name: string; readonly shown: boolean } | undefined;
  /** The item whose answer is being amended: its inputs are shown, pre-filled. */
  readonly editing?: ItemKey | undefined;
  /** Items sent back: shown unanswered with the note, the earlier answer filled in. */
  readonly sentBack?: ReadonlyMap<ItemKey, SentBack> | undefined;
}

export interface MessageCardInput {
  readonly title: string;
  /** Plain lines, shown as typed (never Markdown). */
  readonly lines: readonly string[];
}

export interface OverviewCardInput {
  readonly overview: Overview;
  /** Which plan version the quarter reads, and what comes next: "Plan version 1 of 2 …". */
  readonly planLine?: string | undefined;
  /** The quarter as people read it, with the service when there are several. */
  readonly title: string;
  /** The service key the Chase button runs in ('' before services exist). */
  readonly service: string;
}

export interface CardComposer {
  /** The owner's chase card, packed into parts under Teams' message limit. */
  chase(input: ChaseCardInput): CardJson[];
  /** One part of a chase card (a card re-rendered after a button press). */
  chasePart(input: ChaseCardInput, part: number, parts: number): CardJson;
  /** A short information card: a title and plain lines. */
  message(input: MessageCardInput): CardJson;
  /** The SMT digest: a summary card, then one card per outcome. */
  digest(digest: Digest, zone: string, preview?: boolean, service?: string): CardJson[];
  /** The council digest: every service of a quarter, under Teams' limit per card. */
  council(summary: CouncilSummary): CardJson[];
  /** A service manager's status: progress per outcome, who still owes (Chase these now), who is unreachable. */
  overview(input: OverviewCardInput): CardJson;
}

/** An item the review card offers to challenge (see app/digest/review-flags). */
export interface FlaggedItem {
  /** The id people type: LRA-1.1.01, or a KPI's reference. */
  readonly id: string;
  readonly title: string;
  readonly reasons: readonly string[];
  /** "Sent back by … on …: waiting for the answer", when it is. */
  readonly waiting?: string | undefined;
}

export interface ReviewFlags {
  /** By supporting-outcome id. */
  readonly bySupportingOutcome: ReadonlyMap<string, readonly FlaggedItem[]>;
  readonly kpis: readonly FlaggedItem[];
}
