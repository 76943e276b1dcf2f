/** Port: the plan of the deployment (activities, KPIs and indicators), its schedule and roll-up rule. */
import type { Activity, Measure, Plan } from '../../domain/plan';
import type { PlanChange } from '../../domain/plan-diff';
import type { RollUpRule } from '../../domain/rag';
import type { Schedule } from '../../domain/schedule';
import type { PlanVersion, VersionPlacement } from '../../domain/plan-version';

export interface PlanSnapshot {
  readonly plan: Plan;
  /** Items no longer in the plan, kept so that older quarters still read. */
  readonly retired: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
}

export interface PlanStore {
  /** The current plan, or undefined before the first import. */
  load(): Promise<Plan | undefined>;
  snapshot(): Promise<PlanSnapshot | undefined>;
  /**
   * Writes an import's change as a version (retired items are kept, flagged): a new version in force from
   * a quarter, or in place of the latest one (not yet in force for any quarter). Default: in place of the
   * latest, from the quarter it had (the first import: from the first quarter). The whole version is
   * written before it is switched to, in one write; reports progress as it goes.
   */
  apply(
    change: PlanChange,
    importedAt: string,
    onProgress?: (done: number, total: number) => void,
    placement?: VersionPlacement,
  ): Promise<void>;
  /** Every version, oldest first (an earlier release's plan is version 1, from the first quarter). */
  versions(): Promise<PlanVersion[]>;
  /** One version as it was written (versions never change once a quarter is bound to them). */
  versionSnapshot(version: number): Promise<PlanSnapshot | undefined>;
  /** The reminder schedule: the default until a service manager sets one. */
  schedule(): Promise<Schedule>;
  setSchedule(schedule: Schedule, by: string, at: string): Promise<void>;
  /** How supporting outcomes and outcomes roll up: `majority` (default) or `worst`. */
  rollUpRule(): Promise<RollUpRule>;
  setRollUpRule(rule: RollUpRule): Promise<void>;
  /**
   * The newest plan file previewed in chat: an older preview's Import is refused as stale, and Import
   * fetches the files from the addresses kept here (never from the card, which a person can forge).
   */
  latestUpload(): Promise<StoredUpload | undefined>;
  setLatestUpload(upload: StoredUpload): Promise<void>;
}

/** A previewed upload as the server keeps it until Import. */
export interface StoredUpload {
  readonly id: string;
  /** Who previewed it. */
  readonly by: string;
  /** The plan as it was when previewed: Import is refused if it has changed since. */
  readonly planFingerprint: string;
  /** Each file: its name, where Teams serves it, and the hash of what was previewed. */
  readonly files: readonly { readonly name: string; readonly url: string; readonly sha256: string }[];
  /** Set once the upload was imported: a preview is used once. */
  readonly done?: boolean;
}
