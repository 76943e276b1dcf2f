/** The plan table's rows: activities and measures of one generation, and the meta row. */
import type { Activity } from '../domain/plan';
import type { PlanVersion } from '../domain/plan-version';

export interface ActivityEntity {
  partitionKey: string;
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
  previousId?: string;
  order: number;
  retired: boolean;
}

export interface MeasureEntity {
  partitionKey: string;
  rowKey: string;
  body: string;
  retired: boolean;
}

export interface MetaEntity {
  name: string;
  importedAt?: string;
  /** The latest version's generation; absent in tables written before generations. */
  generation?: number;
  /** Every version (JSON of StoredVersion[]); absent before versions: the plan is version 1. */
  versions?: string;
}

/** A version as the meta row keeps it: with the generation its rows are written under. */
export interface StoredVersion extends PlanVersion {
  readonly generation: number;
}

/** The partitions of one generation (0 = the layout before generations). */
export const partitionOf = (generation: number, kind: 'activity' | 'measure') =>
  generation === 0 ? kind : `g${generation}|${kind}`;

export function toActivityEntity(a: Activity, generation: number, retired = false): ActivityEntity {
  return {
    partitionKey: partitionOf(generation, 'activity'),
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
    previousId: a.previousId ?? '',
    order: a.order,
    retired,
  };
}

export function fromActivityEntity(e: ActivityEntity): Activity {
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
    ...(e.previousId ? { previousId: e.previousId } : {}),
    order: e.order,
  };
}

/** The items after a change: those before, replaced or added by `current`, and `retired` flagged. */
export function merged<T>(
  before: readonly { item: T; retired: boolean }[],
  current: readonly T[],
  retired: readonly T[],
  key: (x: T) => string,
): { item: T; retired: boolean }[] {
  const out = new Map<string, { item: T; retired: boolean }>();
  for (const x of before) out.set(key(x.item), x);
  for (const item of current) out.set(key(item), { item, retired: false });
  for (const item of retired) out.set(key(item), { item, retired: true });
  return [...out.values()];
}
