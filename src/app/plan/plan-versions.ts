/**
 * Use cases of plan versions: which version a quarter is bound to when it opens, and where an import's
 * version goes. Without `--from`, a version is in force from the first quarter not yet opened (replacing
 * a version not yet in force for any quarter); `--from` a quarter already open is an explicit change of
 * that quarter (and of later open ones), which keeps every answer already given; a closed quarter's
 * version never changes.
 */
import type { Cycle } from '../../domain/cycle';
import { ValidationError } from '../../domain/errors';
import { versionFor, type PlanVersion, type VersionPlacement } from '../../domain/plan-version';
import { formatQuarter, nextQuarter, quarterKey, type Quarter } from '../../domain/quarter';
import type { CycleStore, PlanStore } from '../ports';

/** The cycle with the version and roll-up rule in force for its quarter (set when it is created). */
export async function bindVersion(plans: PlanStore, cycle: Cycle): Promise<Cycle> {
  const [versions, rollUpRule] = await Promise.all([plans.versions(), plans.rollUpRule()]);
  const version = versionFor(versions, cycle.key);
  return { ...cycle, rollUpRule, ...(version ? { planVersion: version.version } : {}) };
}

export interface Placement extends VersionPlacement {
  /** The version number it will have. */
  readonly version: number;
  /** Open quarters moved onto it (only with `--from` an open quarter). */
  readonly rebinds: readonly Cycle[];
  /** Open quarters it does not touch (they keep their version). */
  readonly untouched: readonly Cycle[];
}

/** Where an import's version goes, given the quarters opened so far. */
export async function placeVersion(
  plans: PlanStore,
  cycles: CycleStore | undefined,
  from: Quarter | undefined,
): Promise<Placement> {
  const [versions, all] = await Promise.all([plans.versions(), cycles ? cycles.all() : Promise.resolve([])]);
  const latest = versions.at(-1);
  const bound = (c: Cycle) => c.planVersion ?? versionFor(versions, c.key)?.version;
  const opened = all.at(-1);
  const fromKey = from
    ? quarterKey(from)
    : opened
      ? quarterKey(nextQuarter(opened.quarter))
      : (latest?.from ?? '');
  const closed = all.find((c) => c.status === 'closed' && c.key >= fromKey && fromKey !== '');
  if (closed)
    throw new ValidationError(
      `${formatQuarter(closed.quarter)} is closed: its record never changes, so a plan cannot be in force from ${from ? formatQuarter(from) : 'there'}. Give --from the first quarter it should apply to that is still open or not yet opened.`,
    );
  const rebinds = all.filter((c) => c.status === 'open' && c.key >= fromKey);
  const untouched = all.filter((c) => c.status === 'open' && c.key < fromKey);
  // The latest version is replaced while no quarter reads it and it starts where this one would.
  const pending = latest && !all.some((c) => bound(c) === latest.version) && latest.from >= fromKey;
  const kind = !latest || pending ? 'replace' : 'new';
  return {
    kind,
    from: fromKey,
    version: kind === 'replace' ? (latest?.version ?? 1) : (latest?.version ?? 0) + 1,
    rebinds,
    untouched,
  };
}

/** Moves the open quarters an explicit `--from` names onto the new version (answers are kept as given). */
export async function rebindOpenQuarters(cycles: CycleStore, placement: Placement): Promise<void> {
  for (const c of placement.rebinds)
    await cycles.update(c.key, (cycle) =>
      cycle.status === 'open' ? { ...cycle, planVersion: placement.version } : undefined,
    );
}

/** Every version with the quarters that read it (counted from the version itself, for older ones too). */
export async function listVersions(
  plans: PlanStore,
  cycles: CycleStore,
): Promise<(PlanVersion & { quarters: string[] })[]> {
  const [versions, all] = await Promise.all([plans.versions(), cycles.all()]);
  return Promise.all(
    versions.map(async (v) => {
      const snapshot = v.activities || v.measures ? undefined : await plans.versionSnapshot(v.version);
      return {
        ...v,
        activities: snapshot?.plan.activities.length ?? v.activities,
        measures: snapshot?.plan.measures.length ?? v.measures,
        quarters: all
          .filter((c) => (c.planVersion ?? versionFor(versions, c.key)?.version) === v.version)
          .map((c) => c.label),
      };
    }),
  );
}
