/**
 * Plan versions: each import makes a version of a service's plan in force from a quarter. A quarter is
 * read against the version in force when it opened, so a new year's plan never rewrites last year.
 */
import type { PlanChange } from './plan-diff';

export interface PlanVersion {
  readonly version: number;
  /** The first quarter it is in force for (a quarter key, `2017-18-Q1`); '' = from the first quarter. */
  readonly from: string;
  readonly name: string;
  readonly importedAt: string;
  readonly activities: number;
  readonly measures: number;
}

/** Where an import's version goes: a new version, or in place of the latest (not yet in force). */
export interface VersionPlacement {
  readonly kind: 'new' | 'replace';
  readonly from: string;
}

/** The version in force for a quarter (key): the last whose `from` is at or before it. */
export function versionFor(versions: readonly PlanVersion[], quarterKey: string): PlanVersion | undefined {
  let found: PlanVersion | undefined;
  for (const v of versions) if (v.from <= quarterKey) found = v;
  return found ?? versions[0];
}

/** "4 added, 2 retired, 3 reworded, 1 target moved": what a version changes, in a manager's words. */
export function describeChange(change: PlanChange): string {
  const reworded = change.updated.activities.length;
  const measures = change.updated.measures.length;
  const parts = [
    [change.added.activities.length + change.added.measures.length, 'added'],
    [change.retired.activities.length + change.retired.measures.length, 'retired'],
    [reworded, 'reworded or reassigned'],
    [measures, measures === 1 ? 'KPI target, floor or range moved' : 'KPI targets, floors or ranges moved'],
  ] as const;
  const said = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return said.length ? said.join(', ') : 'no change';
}
