/** In-memory PlanStore: the same behaviour as the Table adapter, for use-case tests. */
import type { PlanSnapshot, PlanStore, StoredUpload } from '../../app/ports';
import type { Activity, Measure, Plan } from '../../domain/plan';
import type { PlanChange } from '../../domain/plan-diff';
import type { RollUpRule } from '../../domain/rag';
import type { PlanVersion, VersionPlacement } from '../../domain/plan-version';
import { DEFAULT_SCHEDULE, type Schedule } from '../../domain/schedule';
import { byKey, copy } from './versions';

interface Kept<T> {
  readonly item: T;
  readonly retired: boolean;
}

interface Version {
  readonly info: PlanVersion;
  readonly name: string;
  readonly activities: Map<string, Kept<Activity>>;
  readonly measures: Map<string, Kept<Measure>>;
}

export class MemoryPlanStore implements PlanStore {
  private readonly kept: Version[] = [];
  private savedSchedule: Schedule | undefined;
  private rule: RollUpRule | undefined;

  load(): Promise<Plan | undefined> {
    return this.snapshot().then((s) => s?.plan);
  }

  snapshot(): Promise<PlanSnapshot | undefined> {
    const latest = this.kept.at(-1);
    return Promise.resolve(latest && snapshotOf(latest));
  }

  versions(): Promise<PlanVersion[]> {
    return Promise.resolve(this.kept.map((v) => copy(v.info)));
  }

  versionSnapshot(version: number): Promise<PlanSnapshot | undefined> {
    const found = this.kept.find((v) => v.info.version === version);
    return Promise.resolve(found && snapshotOf(found));
  }

  apply(
    change: PlanChange,
    importedAt: string,
    onProgress?: (done: number, total: number) => void,
    placement?: VersionPlacement,
  ): Promise<void> {
    const latest = this.kept.at(-1);
    const activities = new Map(latest ? [...latest.activities].map(([k, v]) => [k, copy(v)]) : []);
    const measures = new Map(latest ? [...latest.measures].map(([k, v]) => [k, copy(v)]) : []);
    const current = [...change.added.activities, ...change.updated.activities, ...change.moved.activities];
    const currentMeasures = [...change.added.measures, ...change.updated.measures, ...change.moved.measures];
    for (const a of current) activities.set(a.id, { item: copy(a), retired: false });
    for (const a of change.retired.activities) activities.set(a.id, { item: copy(a), retired: true });
    for (const m of currentMeasures) measures.set(m.ref, { item: copy(m), retired: false });
    for (const m of change.retired.measures) measures.set(m.ref, { item: copy(m), retired: true });
    const total =
      current.length +
      currentMeasures.length +
      change.retired.activities.length +
      change.retired.measures.length;
    if (total) onProgress?.(total, total);
    const kind = placement?.kind ?? 'replace';
    const live = (rows: Map<string, Kept<unknown>>) => [...rows.values()].filter((k) => !k.retired).length;
    const info: PlanVersion = {
      version: kind === 'new' || !latest ? (latest?.info.version ?? 0) + 1 : latest.info.version,
      from: placement?.from ?? latest?.info.from ?? '',
      name: change.name,
      importedAt,
      activities: live(activities),
      measures: live(measures),
    };
    if (kind === 'replace' && latest) this.kept.pop();
    this.kept.push({ info, name: change.name, activities, measures });
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

function snapshotOf(v: Version): PlanSnapshot {
  const order = <T extends { order: number }>(x: T, y: T) => x.order - y.order;
  const live = <T>(rows: Map<string, Kept<T>>, retired: boolean) =>
    byKey(rows.entries())
      .filter((k) => k.retired === retired)
      .map((k) => copy(k.item));
  return {
    plan: {
      name: v.name,
      activities: live(v.activities, false).sort(order),
      measures: live(v.measures, false).sort(order),
    },
    retired: { activities: live(v.activities, true), measures: live(v.measures, true) },
  };
}
