/** Use case: import (or re-import) the plan from activity and KPI files. */
import { ValidationError } from '../../domain/errors';
import { diffPlans, changeCount, type PlanChange } from '../../domain/plan-diff';
import { planFromTables, type Table } from '../../domain/plan-import';
import type { Plan } from '../../domain/plan';
import type { AppDeps, CycleStore, ImportReader, PlanStore } from '../ports';
import { cardsFollow, type CardRowDeps } from '../returns/card-projection';
import { placeVersion, rebindOpenQuarters, type Placement } from './plan-versions';
import type { Quarter } from '../../domain/quarter';

export interface ImportFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

export interface ImportResult {
  readonly change: PlanChange;
  readonly written: boolean;
  readonly activities: number;
  readonly measures: number;
  /** The version it makes, from which quarter, and which open quarters it moves or leaves. */
  readonly placement: Placement;
}

/** Where a version goes: the quarters opened so far (none given: as if none), and an explicit `--from`. */
export interface VersionInput {
  readonly cycles?: CycleStore | undefined;
  readonly from?: Quarter | undefined;
}

/**
 * Validates both files fully before writing anything; a bad file changes nothing. Re-importing the same
 * files writes nothing; a changed file updates in place and keeps returns already given.
 */
export async function importPlan(
  plans: PlanStore,
  input: {
    activities: ImportFile;
    kpis?: ImportFile | undefined;
    name?: string | undefined;
    dryRun?: boolean;
    now: string;
    /** Reads one import file into a table (src/files/read-table.ts: CSV or XLSX within the file limits). */
    read: ImportReader;
  } & VersionInput,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const activities = await input.read(input.activities.bytes, input.activities.name);
  const kpis = input.kpis ? await input.read(input.kpis.bytes, input.kpis.name) : undefined;
  return importTables(
    plans,
    {
      activities: { name: input.activities.name, table: activities },
      kpis: input.kpis && kpis ? { name: input.kpis.name, table: kpis } : undefined,
      name: input.name,
      dryRun: input.dryRun,
      now: input.now,
      cycles: input.cycles,
      from: input.from,
    },
    onProgress,
  );
}

/** The import of tables already read (a CSV file, or a sheet of a workbook), each named for its problems. */
export async function importTables(
  plans: PlanStore,
  input: {
    activities: { readonly name: string; readonly table: Table };
    kpis?: { readonly name: string; readonly table: Table } | undefined;
    name?: string | undefined;
    dryRun?: boolean | undefined;
    now: string;
  } & VersionInput,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult & { plan: Plan }> {
  const current = await plans.load();
  const placement = await placeVersion(plans, input.cycles, input.from);
  const activities = input.activities.table;
  const kpis = input.kpis?.table;
  const name = input.name ?? current?.name ?? 'Service plan';
  let plan;
  try {
    plan = planFromTables(name, activities, kpis);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    const fileName = (f: string | undefined) =>
      f === 'kpis' ? input.kpis?.name : f === 'activities' ? input.activities.name : f;
    throw new ValidationError(
      error.message,
      error.problems.map((p) => ({ ...p, file: fileName(p.file) })),
    );
  }
  // Without a KPI file, a re-import keeps the KPIs already loaded.
  const next = kpis ? plan : { ...plan, measures: current?.measures ?? [] };
  const change = diffPlans(current, next);
  const write = !input.dryRun && changeCount(change) > 0;
  if (write) {
    await plans.apply(change, input.now, onProgress, placement);
    if (input.cycles) await rebindOpenQuarters(input.cycles, placement);
  }
  return {
    change,
    placement,
    written: write,
    activities: next.activities.length,
    measures: next.measures.length,
    plan: next,
  };
}

/**
 * An import from files as people run it (the command line): the plan written as a version, then the open
 * quarters' cards told (the card projection decides who now sees what).
 */
export async function importPlanFiles(
  deps: CardRowDeps & Pick<AppDeps, 'cycles'>,
  input: Omit<Parameters<typeof importPlan>[1], 'cycles'>,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  const result = await importPlan(deps.plans, { ...input, cycles: deps.cycles }, onProgress);
  if (result.written) await cardsFollow(deps, { kind: 'plan-changed' });
  return result;
}
