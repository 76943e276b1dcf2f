/**
 * Use case: a plan sent as files in chat. The preview is the import's dry run (counts per outcome, what is
 * added, changed and retired, owners new to the plan and whether each can be reached, or every problem by
 * file, row and column). Import applies exactly the previewed files: their hashes must match, the plan
 * must not have changed since, and no newer preview may have been made.
 */
import { createHash, randomUUID } from 'node:crypto';
import { ConflictError, ValidationError, type Problem } from '../../domain/errors';
import { outline, type Plan } from '../../domain/plan';
import { changeCount, type PlanChange } from '../../domain/plan-diff';
import { describeChange } from '../../domain/plan-version';
import { ACTIVITY_COLUMNS, MEASURE_COLUMNS, type Table } from '../../domain/plan-import';
import { cardsFollow, type CardRowDeps } from '../returns/card-projection';
import { importTables } from './import-plan';
import type { Actor, AppDeps, TableReader, UploadPreview } from '../ports';
import { requireManager } from '../council/actors';

export interface UploadFile {
  readonly name: string;
  readonly bytes: Uint8Array;
}

type Deps = Pick<AppDeps, 'plans' | 'people' | 'cycles'>;
type ApplyDeps = Deps & CardRowDeps & Pick<AppDeps, 'cycles'>;

export const sha256 = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** A short fingerprint of the plan's content (undefined plan = before the first import). */
export function planFingerprint(plan: Plan | undefined): string {
  return plan
    ? sha256(Buffer.from(JSON.stringify([plan.name, plan.activities, plan.measures]))).slice(0, 16)
    : 'none';
}

const isActivities = (t: Table) => t.header.includes('activity_id');
const isKpis = (t: Table) => t.header.includes('ref') && t.header.includes('kind');

/** The activities and KPI tables among the files; every other table is a problem that says what to send. */
async function planTables(files: readonly UploadFile[], read: TableReader) {
  const tables = (await Promise.all(files.map((f) => read(f.bytes, f.name)))).flat();
  const problems: Problem[] = [];
  const activities = tables.filter((t) => isActivities(t.table));
  const kpis = tables.filter((t) => !isActivities(t.table) && isKpis(t.table));
  for (const t of tables)
    if (!isActivities(t.table) && !isKpis(t.table))
      problems.push({
        file: t.name,
        row: 1,
        message: `The header row is not a plan's. Activities need the columns ${ACTIVITY_COLUMNS.join(', ')}; KPIs need ${MEASURE_COLUMNS.join(', ')}.`,
      });
  if (activities.length !== 1)
    problems.push({
      message:
        activities.length === 0
          ? 'No activities found: send the activities file (or a workbook with an activities sheet).'
          : `Send one activities table, not ${activities.length} (${activities.map((a) => a.name).join(', ')}).`,
    });
  if (kpis.length > 1) problems.push({ message: `Send one KPIs table, not ${kpis.length}.` });
  const [first] = activities;
  if (problems.length || !first) throw new ValidationError('These files are not a plan yet.', problems);
  return { activities: first, kpis: kpis[0] };
}

/** A file attached in chat: its name and where Teams serves it. */
export interface UploadSource {
  readonly name: string;
  readonly url: string;
}

/** Fetches the files of an upload from where Teams serves them (the bot's download adapter). */
export type Download = (sources: readonly UploadSource[]) => Promise<UploadFile[]>;

/** The preview of files attached in chat; the server keeps where they came from for Import. */
export async function previewUpload(
  deps: Deps,
  input: { readonly sources: readonly UploadSource[]; readonly actor: Actor; readonly now: string },
  download: Download,
  read: TableReader,
): Promise<UploadPreview> {
  requireManager(input.actor, 'load a plan');
  const { now } = input;
  const files = await download(input.sources);
  const current = await deps.plans.load();
  const tables = await planTables(files, read);
  const result = await importTables(deps.plans, { ...tables, dryRun: true, now, cycles: deps.cycles });
  const before = new Set([
    ...(current?.activities ?? []).map((a) => a.owner),
    ...(current?.measures ?? []).map((m) => m.owner),
  ]);
  const owners = [
    ...new Set([...result.plan.activities.map((a) => a.owner), ...result.plan.measures.map((m) => m.owner)]),
  ]
    .filter((upn) => !before.has(upn))
    .sort();
  const people = await deps.people.many(owners);
  const id = `up-${now.replace(/\D/g, '').slice(0, 14)}-${randomUUID().slice(0, 8)}`;
  const hashed = files.map((f, i) => ({
    name: f.name,
    url: input.sources[i]?.url ?? '',
    sha256: sha256(f.bytes),
  }));
  await deps.plans.setLatestUpload({
    id,
    by: input.actor.upn,
    planFingerprint: planFingerprint(current),
    files: hashed,
  });
  return {
    id,
    files: hashed.map(({ name, sha256: hash }) => ({ name, sha256: hash })),
    planFingerprint: planFingerprint(current),
    planName: current?.name ?? result.plan.name,
    change: result.change,
    changes: changeCount(result.change),
    version: {
      number: result.placement.version,
      from: result.placement.from,
      replaces: result.placement.kind === 'replace' && (await deps.plans.versions()).length > 0,
      summary: describeChange(result.change),
      untouched: result.placement.untouched.map((c) => c.label),
    },
    outcomes: outline(result.plan.activities).map((o) => ({
      number: o.number,
      title: o.title,
      activities: o.supportingOutcomes.reduce((n, so) => n + so.activities.length, 0),
    })),
    measures: result.plan.measures.length,
    newOwners: owners.map((upn) => ({
      upn,
      reachable: Boolean(people.get(upn)?.reachable && people.get(upn)?.conversation),
    })),
  };
}

const STALE = 'send the plan file again for a fresh preview';

/**
 * Applies the previewed files, only if this is the newest preview, the files at the addresses the server
 * kept are the ones previewed, and the plan has not changed in between.
 */
export async function applyUpload(
  deps: ApplyDeps,
  input: { readonly actor: Actor; readonly id: string; readonly now: string },
  download: Download,
  read: TableReader,
): Promise<{ change: PlanChange; written: boolean }> {
  requireManager(input.actor, 'load a plan');
  const stored = await deps.plans.latestUpload();
  if (!stored || stored.done)
    throw new ConflictError(`This preview was already used or is out of date: ${STALE}.`);
  if (stored.id !== input.id)
    throw new ConflictError(
      `A newer plan file was sent after this preview, so this one was not imported: ${STALE}.`,
    );
  const files = await download(stored.files);
  const hashes = files.map((f) => sha256(f.bytes)).sort();
  if (
    hashes.join() !==
    stored.files
      .map((f) => f.sha256)
      .sort()
      .join()
  )
    throw new ConflictError(`The file changed since it was previewed, so nothing was imported: ${STALE}.`);
  if (planFingerprint(await deps.plans.load()) !== stored.planFingerprint)
    throw new ConflictError(
      `The plan was changed since this preview (another import), so nothing was imported: ${STALE}.`,
    );
  const tables = await planTables(files, read);
  const result = await importTables(deps.plans, { ...tables, now: input.now, cycles: deps.cycles });
  // A preview is used once; an open quarter's cards follow the new plan at once.
  await deps.plans.setLatestUpload({ ...stored, done: true });
  if (result.written) await cardsFollow(deps, { kind: 'plan-changed' });
  return { change: result.change, written: result.written };
}
