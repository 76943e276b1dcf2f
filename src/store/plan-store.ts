/**
 * The plan table. Each import writes the whole plan as a new generation (PartitionKey `g<n>|activity` /
 * `g<n>|measure`, RowKey = activity_id or KPI ref), then switches the `meta`/`plan` row to it in one
 * ETag-conditional write: an import that fails half-way leaves the plan exactly as it was (readers follow
 * the meta row), and a retry writes its generation again. Retired items stay (flag `retired`) so past
 * quarters' returns still have their activity. Tables written before generations (PartitionKey
 * `activity` / `measure`) are read as they are until the next import moves them into generation 1.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import { ConflictError } from '../domain/errors';
import type { Activity, Measure, Plan } from '../domain/plan';
import {
  fromActivityEntity,
  merged,
  partitionOf,
  toActivityEntity,
  type ActivityEntity,
  type MeasureEntity,
  type MetaEntity,
  type StoredVersion,
} from './plan-entities';
import type { PlanChange } from '../domain/plan-diff';
import { DEFAULT_SCHEDULE, scheduleSchema, type Schedule } from '../domain/schedule';
import { rollUpRuleSchema, type RollUpRule } from '../domain/rag';
import { isConflict, isNotFound } from './errors';
import { submitInBatches } from './batch';
import type { PlanSnapshot, PlanStore, StoredUpload } from '../app/ports';
import type { PlanVersion, VersionPlacement } from '../domain/plan-version';
import type { Tables } from './tables';

export class TablePlanStore implements PlanStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('plan');
  }

  /** The current plan, or undefined before the first import. */
  async load(): Promise<Plan | undefined> {
    return (await this.snapshot())?.plan;
  }

  /**
   * The plan as last read, with the version (ETag) of its meta row. An import writes the meta row last, so
   * an unchanged ETag means an unchanged plan: a request then costs one point read instead of a scan of
   * every activity, whichever instance imported it.
   */
  private cached: { readonly etag: string; readonly snapshot: PlanSnapshot } | undefined;

  private async meta(): Promise<(MetaEntity & { etag: string }) | undefined> {
    try {
      return await this.client.getEntity<MetaEntity>('meta', 'plan');
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async snapshot(): Promise<PlanSnapshot | undefined> {
    const meta = await this.meta();
    if (!meta) return undefined;
    if (this.cached?.etag === meta.etag) return this.cached.snapshot;
    const snapshot = await this.scan(meta.name, meta.generation ?? 0);
    this.cached = { etag: meta.etag, snapshot };
    return snapshot;
  }

  async versions(): Promise<PlanVersion[]> {
    const meta = await this.meta();
    return meta ? storedVersions(meta).map(({ generation: _g, ...v }) => v) : [];
  }

  /** A generation's rows never change once written: versions are kept in memory by generation. */
  private readonly generations = new Map<number, PlanSnapshot>();

  async versionSnapshot(version: number): Promise<PlanSnapshot | undefined> {
    const meta = await this.meta();
    const found = meta && storedVersions(meta).find((v) => v.version === version);
    if (!found) return undefined;
    const kept = this.generations.get(found.generation);
    if (kept) return kept;
    const snapshot = await this.scan(found.name, found.generation);
    if (this.generations.size >= 8) this.generations.delete(this.generations.keys().next().value ?? 0);
    this.generations.set(found.generation, snapshot);
    return snapshot;
  }

  /** Every item of one generation. */
  private async scan(name: string, generation: number): Promise<PlanSnapshot> {
    const activities: { a: Activity; retired: boolean }[] = [];
    const measures: { m: Measure; retired: boolean }[] = [];
    const [activity, measure] = [partitionOf(generation, 'activity'), partitionOf(generation, 'measure')];
    for await (const e of this.client.listEntities({
      queryOptions: { filter: odata`PartitionKey eq ${activity} or PartitionKey eq ${measure}` },
    })) {
      if (e.partitionKey === activity) {
        const entity = e as unknown as ActivityEntity;
        activities.push({ a: fromActivityEntity(entity), retired: entity.retired });
      } else {
        const entity = e as unknown as MeasureEntity;
        measures.push({ m: JSON.parse(entity.body) as Measure, retired: entity.retired });
      }
    }
    const byOrder = <T extends { order: number }>(x: T, y: T) => x.order - y.order;
    return {
      plan: {
        name,
        activities: activities
          .filter((x) => !x.retired)
          .map((x) => x.a)
          .sort(byOrder),
        measures: measures
          .filter((x) => !x.retired)
          .map((x) => x.m)
          .sort(byOrder),
      },
      retired: {
        activities: activities.filter((x) => x.retired).map((x) => x.a),
        measures: measures.filter((x) => x.retired).map((x) => x.m),
      },
    };
  }

  /**
   * Writes the plan after the change as a new generation, then switches the meta row to it (ETag: refused
   * if another import switched first), then removes the generation it replaced.
   */
  async apply(
    change: PlanChange,
    importedAt: string,
    onProgress?: (done: number, total: number) => void,
    placement?: VersionPlacement,
  ): Promise<void> {
    const meta = await this.meta();
    const before = meta ? await this.scan(meta.name, meta.generation ?? 0) : undefined;
    const stored = meta ? storedVersions(meta) : [];
    const latest = stored.at(-1);
    const previous = meta?.generation ?? 0;
    // Generations only grow: a replaced version's rows are never reused, so a reader never sees a mix.
    const generation = Math.max(previous, ...stored.map((v) => v.generation)) + 1;
    const activities = merged(
      before
        ? [
            ...before.plan.activities.map((item) => ({ item, retired: false })),
            ...before.retired.activities.map((item) => ({ item, retired: true })),
          ]
        : [],
      [...change.added.activities, ...change.updated.activities, ...change.moved.activities],
      change.retired.activities,
      (a) => a.id,
    );
    const measures = merged(
      before
        ? [
            ...before.plan.measures.map((item) => ({ item, retired: false })),
            ...before.retired.measures.map((item) => ({ item, retired: true })),
          ]
        : [],
      [...change.added.measures, ...change.updated.measures, ...change.moved.measures],
      change.retired.measures,
      (m) => m.ref,
    );
    const upsert = (entity: ActivityEntity | MeasureEntity): TransactionAction => [
      'upsert',
      { ...entity },
      'Replace',
    ];
    const actions: TransactionAction[] = [
      ...activities.map((x) => upsert(toActivityEntity(x.item, generation, x.retired))),
      ...measures.map((x) =>
        upsert({
          partitionKey: partitionOf(generation, 'measure'),
          rowKey: x.item.ref,
          body: JSON.stringify(x.item),
          retired: x.retired,
        }),
      ),
    ];
    await submitInBatches(this.client, actions, onProgress);
    const kind = placement?.kind ?? 'replace';
    const version: StoredVersion = {
      version: kind === 'new' || !latest ? (latest?.version ?? 0) + 1 : latest.version,
      from: placement?.from ?? latest?.from ?? '',
      name: change.name,
      importedAt,
      activities: activities.filter((x) => !x.retired).length,
      measures: measures.filter((x) => !x.retired).length,
      generation,
    };
    const versions = kind === 'new' || !latest ? [...stored, version] : [...stored.slice(0, -1), version];
    const next = {
      partitionKey: 'meta',
      rowKey: 'plan',
      name: change.name,
      importedAt,
      generation,
      versions: JSON.stringify(versions),
    };
    try {
      if (meta) await this.client.updateEntity(next, 'Replace', { etag: meta.etag });
      else await this.client.createEntity(next);
    } catch (error) {
      if (isConflict(error))
        throw new ConflictError(
          'The plan was changed by another import at the same time: nothing was changed. Import again.',
        );
      throw error;
    }
    // The replaced version's rows are read by nobody now (a kept version's rows stay for its quarters).
    if (meta && kind === 'replace' && latest) await this.removeGeneration(latest.generation);
  }

  /** Removes a generation no reader follows any more (a failure leaves rows nobody reads). */
  private async removeGeneration(generation: number): Promise<void> {
    const actions: TransactionAction[] = [];
    const [activity, measure] = [partitionOf(generation, 'activity'), partitionOf(generation, 'measure')];
    for await (const e of this.client.listEntities({
      queryOptions: {
        filter: odata`PartitionKey eq ${activity} or PartitionKey eq ${measure}`,
        select: ['PartitionKey', 'RowKey'],
      },
    }))
      actions.push(['delete', { partitionKey: e.partitionKey ?? '', rowKey: e.rowKey ?? '' }]);
    await submitInBatches(this.client, actions).catch(() => undefined);
  }

  /** The plan's reminder schedule (the default until a service manager sets one). */
  async schedule(): Promise<Schedule> {
    try {
      const e = await this.client.getEntity<{ body: string }>('meta', 'schedule');
      return scheduleSchema.parse(JSON.parse(e.body));
    } catch (error) {
      if (isNotFound(error)) return DEFAULT_SCHEDULE;
      throw error;
    }
  }

  async setSchedule(schedule: Schedule, by: string, at: string): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: 'meta', rowKey: 'schedule', body: JSON.stringify(schedule), by, at },
      'Replace',
    );
  }

  /** How supporting outcomes and outcomes roll up: `majority` (default) or `worst`. */
  async rollUpRule(): Promise<RollUpRule> {
    try {
      const e = await this.client.getEntity<{ rule: string }>('meta', 'rollup');
      return rollUpRuleSchema.parse(e.rule);
    } catch (error) {
      if (isNotFound(error)) return 'majority';
      throw error;
    }
  }

  async setRollUpRule(rule: RollUpRule): Promise<void> {
    await this.client.upsertEntity({ partitionKey: 'meta', rowKey: 'rollup', rule }, 'Replace');
  }

  async latestUpload(): Promise<StoredUpload | undefined> {
    try {
      const e = await this.client.getEntity<{ id: string; upload?: string }>('meta', 'upload');
      // A row written before uploads were kept whole holds the id only: its Import is stale.
      return e.upload ? (JSON.parse(e.upload) as StoredUpload) : undefined;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async setLatestUpload(upload: StoredUpload): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: 'meta', rowKey: 'upload', id: upload.id, upload: JSON.stringify(upload) },
      'Replace',
    );
  }
}

/** The versions a meta row names; a plan written before versions is version 1, from the first quarter. */
function storedVersions(meta: MetaEntity): StoredVersion[] {
  if (meta.versions) return JSON.parse(meta.versions) as StoredVersion[];
  return [
    {
      version: 1,
      from: '',
      name: meta.name,
      importedAt: meta.importedAt ?? '',
      activities: 0,
      measures: 0,
      generation: meta.generation ?? 0,
    },
  ];
}
