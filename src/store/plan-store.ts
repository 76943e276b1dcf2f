/**
 * The plan table. Keys: PartitionKey `activity` / `measure` / `meta`; RowKey = activity_id, KPI ref, or `plan`.
 * Retired items stay (flag `retired`) so past quarters' returns still have their activity.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { Activity, Measure, Plan } from '../domain/plan';
import type { PlanChange } from '../domain/plan-diff';
import { DEFAULT_SCHEDULE, scheduleSchema, type Schedule } from '../domain/schedule';
import { rollUpRuleSchema, type RollUpRule } from '../domain/rag';
import { isNotFound } from './errors';
import { submitInBatches } from './batch';
import type { PlanSnapshot, PlanStore, StoredUpload } from '../app/ports';
import type { Tables } from './tables';

interface ActivityEntity {
  partitionKey: 'activity';
  rowKey: string;
  outcome: string;
  supportingOutcome: string;
  function: string;
  text: string;
  justification: string;
  districts: string;
  priorityRefs: string;
  owner: string;
  deputy: string;
  manager: string;
  order: number;
  retired: boolean;
}

interface MeasureEntity {
  partitionKey: 'measure';
  rowKey: string;
  body: string;
  retired: boolean;
}

function toActivityEntity(a: Activity, retired = false): ActivityEntity {
  return {
    partitionKey: 'activity',
    rowKey: a.id,
    outcome: a.outcome,
    supportingOutcome: a.supportingOutcome,
    function: a.function,
    text: a.text,
    justification: a.justification,
    districts: JSON.stringify(a.districts),
    priorityRefs: JSON.stringify(a.priorityRefs),
    owner: a.owner,
    deputy: a.deputy ?? '',
    manager: a.manager ?? '',
    order: a.order,
    retired,
  };
}

function fromActivityEntity(e: ActivityEntity): Activity {
  return {
    id: e.rowKey,
    outcome: e.outcome,
    supportingOutcome: e.supportingOutcome,
    function: e.function,
    text: e.text,
    justification: e.justification,
    districts: JSON.parse(e.districts) as string[],
    priorityRefs: JSON.parse(e.priorityRefs) as string[],
    owner: e.owner,
    deputy: e.deputy || undefined,
    manager: e.manager || undefined,
    order: e.order,
  };
}

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

  async snapshot(): Promise<PlanSnapshot | undefined> {
    let etag: string;
    try {
      etag = (await this.client.getEntity('meta', 'plan')).etag;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (this.cached?.etag === etag) return this.cached.snapshot;
    const snapshot = await this.scan();
    if (snapshot) this.cached = { etag, snapshot };
    return snapshot;
  }

  private async scan(): Promise<PlanSnapshot | undefined> {
    let name: string | undefined;
    const activities: { a: Activity; retired: boolean }[] = [];
    const measures: { m: Measure; retired: boolean }[] = [];
    for await (const e of this.client.listEntities()) {
      if (e.partitionKey === 'meta' && e.rowKey === 'plan') name = String(e.name);
      else if (e.partitionKey === 'activity') {
        const entity = e as unknown as ActivityEntity;
        activities.push({ a: fromActivityEntity(entity), retired: entity.retired });
      } else if (e.partitionKey === 'measure') {
        const entity = e as unknown as MeasureEntity;
        measures.push({ m: JSON.parse(entity.body) as Measure, retired: entity.retired });
      }
    }
    if (name === undefined) return undefined;
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

  /** Writes a change in entity-group transactions of up to 100; the meta row goes last. */
  async apply(
    change: PlanChange,
    importedAt: string,
    onProgress?: (done: number, total: number) => void,
  ): Promise<void> {
    const upsert = (entity: ActivityEntity | MeasureEntity): TransactionAction => [
      'upsert',
      { ...entity },
      'Replace',
    ];
    const measure = (m: Measure, retired = false): MeasureEntity => ({
      partitionKey: 'measure',
      rowKey: m.ref,
      body: JSON.stringify(m),
      retired,
    });
    const actions: TransactionAction[] = [
      ...[...change.added.activities, ...change.updated.activities, ...change.moved.activities].map((a) =>
        upsert(toActivityEntity(a)),
      ),
      ...change.retired.activities.map((a) => upsert(toActivityEntity(a, true))),
      ...[...change.added.measures, ...change.updated.measures, ...change.moved.measures].map((m) =>
        upsert(measure(m)),
      ),
      ...change.retired.measures.map((m) => upsert(measure(m, true))),
    ];
    await submitInBatches(this.client, actions, onProgress);
    await this.client.upsertEntity(
      { partitionKey: 'meta', rowKey: 'plan', name: change.name, importedAt },
      'Replace',
    );
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
