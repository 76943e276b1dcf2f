/** Port: the plan of the deployment (activities, KPIs and indicators), its schedule and roll-up rule. */
import type { Activity, Measure, Plan } from '../../domain/plan';
import type { PlanChange } from '../../domain/plan-diff';
import type { RollUpRule } from '../../domain/rag';
import type { Schedule } from '../../domain/schedule';

export interface PlanSnapshot {
  readonly plan: Plan;
  /** Items no longer in the plan, kept so that older quarters still read. */
  readonly retired: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
}

export interface PlanStore {
  /** The current plan, or undefined before the first import. */
  load(): Promise<Plan | undefined>;
  snapshot(): Promise<PlanSnapshot | undefined>;
  /** Writes an import's change (retired items are kept, flagged); reports progress as it goes. */
  apply(
    change: PlanChange,
    importedAt: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<void>;
  /** The reminder schedule: the default until a service manager sets one. */
  schedule(): Promise<Schedule>;
  setSchedule(schedule: Schedule, by: string, at: string): Promise<void>;
  /** How supporting outcomes and outcomes roll up: `majority` (default) or `worst`. */
  rollUpRule(): Promise<RollUpRule>;
  setRollUpRule(rule: RollUpRule): Promise<void>;
  /** The newest plan file previewed in chat (its id): an older preview's Import is refused as stale. */
  latestUpload(): Promise<string | undefined>;
  setLatestUpload(id: string): Promise<void>;
}
