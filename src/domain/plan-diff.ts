/** What a re-import changes: activities and measures added, updated or retired (kept for history). */
import type { Activity, Measure, Plan } from './plan';

export interface PlanChange {
  readonly name: string;
  readonly nameChanged: boolean;
  readonly added: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
  readonly updated: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
  readonly retired: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
  /** Only their position in the plan changed (rows inserted or removed above them). */
  readonly moved: { readonly activities: readonly Activity[]; readonly measures: readonly Measure[] };
  readonly unchanged: number;
}

function diff<T extends { order: number }>(before: readonly T[], after: readonly T[], key: (x: T) => string) {
  const old = new Map(before.map((x) => [key(x), x]));
  const content = (x: T) => JSON.stringify({ ...x, order: 0 });
  const added: T[] = [];
  const updated: T[] = [];
  const moved: T[] = [];
  let unchanged = 0;
  for (const item of after) {
    const previous = old.get(key(item));
    old.delete(key(item));
    if (!previous) added.push(item);
    else if (content(previous) !== content(item)) updated.push(item);
    else if (previous.order !== item.order) moved.push(item);
    else unchanged += 1;
  }
  return { added, updated, moved, retired: [...old.values()], unchanged };
}

/** Compares the stored plan with an imported one. Returns already given are keyed by id and so survive. */
export function diffPlans(current: Plan | undefined, next: Plan): PlanChange {
  const a = diff(current?.activities ?? [], next.activities, (x) => x.id);
  const m = diff(current?.measures ?? [], next.measures, (x) => x.ref);
  return {
    name: next.name,
    nameChanged: current?.name !== next.name,
    added: { activities: a.added, measures: m.added },
    updated: { activities: a.updated, measures: m.updated },
    retired: { activities: a.retired, measures: m.retired },
    moved: { activities: a.moved, measures: m.moved },
    unchanged: a.unchanged + m.unchanged,
  };
}

export function changeCount(change: PlanChange): number {
  const n = (g: PlanChange['added']) => g.activities.length + g.measures.length;
  return (
    n(change.added) + n(change.updated) + n(change.retired) + n(change.moved) + (change.nameChanged ? 1 : 0)
  );
}
