/** What the service manager's status card shows (computed by app/cycle/overview.ts, drawn by cards/overview-card.ts). */
import type { CalendarDate } from '../../domain/quarter';

export interface OutcomeProgress {
  readonly number: number;
  readonly title: string;
  readonly answered: number;
  readonly outstanding: number;
  readonly late: number;
}

export interface WaitingOwner {
  readonly upn: string;
  readonly outstanding: number;
  readonly items: number;
  /** The last chase, reminder or chase-now they were sent ('' = never). */
  readonly lastChasedAt: string;
}

export interface Overview {
  readonly quarter: string;
  readonly deadlineDay: CalendarDate;
  readonly items: number;
  readonly answered: number;
  readonly late: number;
  readonly outcomes: readonly OutcomeProgress[];
  /** KPIs and indicators together. */
  readonly measures: Omit<OutcomeProgress, 'number' | 'title'>;
  /** Oldest chase first: "7 days or more", "2 to 6 days", "today or yesterday", "not chased yet". */
  readonly waiting: readonly { readonly label: string; readonly owners: readonly WaitingOwner[] }[];
  /** Owners not reachable in Teams; `reason` says how they were reached instead (emailed) or the fix. */
  readonly unreachable: readonly { readonly upn: string; readonly reason: string }[];
  /** Of those, how many were emailed (EMAIL_FALLBACK_FROM). */
  readonly emailed: number;
  /** Owners reached because RAG Chaser installed the app for them (PROACTIVE_INSTALL). */
  readonly installedForThem: number;
}
