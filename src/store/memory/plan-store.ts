/** In-memory PlanStore: the same behaviour as the Table adapter, for use-case tests. */
import type { PlanSnapshot, PlanStore, StoredUpload } from '../../app/ports';
import type { Activity, Measure, Plan } from '../../domain/plan';
import type { PlanChange } from '../../domain/plan-diff';
import type { RollUpRule } from '../../domain/rag';
import { DEFAULT_SCHEDULE, type Schedule } from '../../domain/schedule';
import { byKey, copy } from './versions';

interface Kept<T> {
  readonly item: T;
  readonly retired: boolean;
}

export class MemoryPlanStore implements PlanStore {
  private name: string | undefined;
  private readonly activities = new Map<string, Kept<Activity>>();
  private readonly measures = new Map<string, Kept<Measure>>();
  private savedSchedule: Schedule | undefined;
  private rule: RollUpRule | undefined;

  load(): Promise<Plan | undefined> {
    return this.snapshot().then((s) => s?.plan);
  }

  snapshot(): Promise<PlanSnapshot | undefined> {
    if (this.name === undefined) return Promise.resolve(undefined);
    const order = <T extends { order: number }>(x: T, y: T) => x.order - y.order;
    const live = <T>(rows: Map<string, Kept<T>>, retired: boolean) =>
      byKey(rows.entries())
        .filter((k) => k.retired === retired)
        .map((k) => copy(k.item));
    return Promise.resolve({
      plan: {
        name: this.name,
        activities: live(this.activities, false).sort(order),
        measures: live(this.measures, false).sort(order),
      },
      retired: { activities: live(this.activities, true), measures: live(this.measures, true) },
    });
  }

  apply(
    change: PlanChange,
    _importedAt: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const activities = [...change.added.activities, ...change.updated.activities, ...change.moved.activities];
    const measures = [...change.added.measures, ...change.updated.measures, ...change.moved.measures];
    for (const a of activities) this.activities.set(a.id, { item: copy(a), retired: false });
    for (const a of change.retired.activities) this.activities.set(a.id, { item: copy(a), retired: true });
    for (const m of measures) this.measures.set(m.ref, { item: copy(m), retired: false });
    for (const m of change.retired.measures) this.measures.set(m.ref, { item: copy(m), retired: true });
    const total =
      activities.length + measures.length + change.retired.activities.length + change.retired.measures.length;
    if (total) onProgress?.(total, total);
    this.name = change.name;
    return Promise.resolve();
  }

  schedule(): Promise<Schedule> {
    return Promise.resolve(copy(this.savedSchedule ?? DEFAULT_SCHEDULE));
  }

  setSchedule(schedule: Schedule): Promise<void> {
    this.savedSchedule = copy(schedule);
    return Promise.resolve();
  }

  rollUpRule(): Promise<RollUpRule> {
    return Promise.resolve(this.rule ?? 'majority');
  }

  setRollUpRule(rule: RollUpRule): Promise<void> {
    this.rule = rule;
    return Promise.resolve();
  }

  private upload: StoredUpload | undefined;

  latestUpload(): Promise<StoredUpload | undefined> {
    return Promise.resolve(this.upload && copy(this.upload));
  }

  setLatestUpload(upload: StoredUpload): Promise<void> {
    this.upload = copy(upload);
    return Promise.resolve();
  }
}
