/** `rag-chaser plan import` and the plan part of `status`. */
import { readImportFile } from '../files/read-table';
import { importPlanFiles } from '../app/plan/import-plan';
import { outline, planPeople, type Plan } from '../domain/plan';
import type { Runtime } from '../runtime';
import type { Output } from './output';
import type { InputFile } from './arguments';
import type { RollUpRule } from '../domain/rag';
import { describeChange } from '../domain/plan-version';
import { formatQuarter, parseQuarterKey, type Quarter } from '../domain/quarter';
import type { Placement } from '../app/plan/plan-versions';
import { listVersions } from '../app/plan/plan-versions';

export interface PlanImportOptions {
  readonly activities: InputFile;
  readonly kpis?: InputFile | undefined;
  readonly dryRun?: boolean | undefined;
  readonly name?: string | undefined;
  /** Applied only when the files import cleanly (and not on a dry run). */
  readonly rollup?: RollUpRule | undefined;
  /** The first quarter the version is in force for (default: the first not yet opened). */
  readonly from?: Quarter | undefined;
}

export async function planImportCommand(
  rt: Runtime,
  out: Output,
  options: PlanImportOptions,
  now: string,
): Promise<void> {
  const result = await importPlanFiles(
    rt,
    {
      activities: options.activities,
      kpis: options.kpis,
      name: options.name,
      dryRun: options.dryRun ?? false,
      now,
      read: readImportFile,
      from: options.from,
    },
    (done, total) => out.progress('Writing plan', done, total),
  );
  if (options.rollup && !options.dryRun) await rt.plans.setRollUpRule(options.rollup);
  const c = result.change;
  const n = (g: typeof c.added) => `${g.activities.length} activities, ${g.measures.length} KPIs/indicators`;
  out.line(
    `${options.dryRun ? 'Dry run: nothing written. ' : ''}Plan "${c.name}": ${result.activities} activities, ${result.measures} KPIs and indicators.`,
  );
  out.line(`  added:     ${n(c.added)}`);
  out.line(`  updated:   ${n(c.updated)}`);
  out.line(`  retired:   ${n(c.retired)} (kept for past quarters)`);
  out.line(`  moved:     ${n(c.moved)} (position in the plan only)`);
  out.line(`  unchanged: ${c.unchanged}`);
  out.line(`  ${placementLine(result.placement, describeChange(c))}`);
  if (!options.dryRun && !result.written) out.line('Nothing changed: the plan already matches these files.');
}

export function printPlanSummary(out: Output, plan: Plan): void {
  const tree = outline(plan.activities);
  const people = planPeople(plan);
  out.line(`Plan: ${plan.name}`);
  out.line(
    `${tree.length} outcomes, ${tree.reduce((n, o) => n + o.supportingOutcomes.length, 0)} supporting outcomes, ${plan.activities.length} activities, ${plan.measures.filter((m) => m.kind === 'kpi').length} KPIs, ${plan.measures.filter((m) => m.kind === 'indicator').length} activity indicators, ${people.length} owners`,
  );
  for (const o of tree) {
    const count = o.supportingOutcomes.reduce((n, s) => n + s.activities.length, 0);
    out.line();
    out.line(`Outcome ${o.number}: ${o.title} (${count} activities)`);
    for (const s of o.supportingOutcomes) {
      out.line(`  ${s.number} ${s.title} (${s.activities.length})`);
      for (const a of s.activities)
        out.line(
          `    ${a.id}  ${a.function} | ${a.districts.join(', ')} | ${a.owner}  ${truncate(a.text, 70)}`,
        );
    }
  }
  out.line();
  out.line('KPIs and indicators:');
  for (const m of plan.measures) {
    const range =
      m.kind === 'kpi'
        ? `floor ${m.floor}, target ${m.target}`
        : `expected Q1 ${m.ranges[1].lower}-${m.ranges[1].upper} ...`;
    out.line(
      `  ${m.ref.padEnd(6)} ${m.kind.padEnd(9)} ${range} | ${m.owner}  ${truncate(m.description, 60)}`,
    );
  }
  out.line();
  out.line(`Owners (${people.length}): ${people.join(', ')}`);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** "Version 2, in force from 2017/18 Q1: 4 added, 2 retired …; 2016/17 Q4 (open) keeps version 1." */
export function placementLine(p: Placement, what: string): string {
  const from = p.from ? `from ${formatQuarter(parseQuarterKey(p.from))}` : 'from the first quarter';
  const kind = p.kind === 'replace' ? ' (replacing the version not yet in force)' : '';
  const moved = p.rebinds.length
    ? ` ${p.rebinds.map((c) => c.label).join(', ')} (open) now read${p.rebinds.length === 1 ? 's' : ''} this version; answers already given are kept.`
    : '';
  const kept = p.untouched.length
    ? ` Not touched: ${p.untouched.map((c) => `${c.label} (open, keeps its version)`).join(', ')}.`
    : '';
  return `Version ${p.version}${kind}, in force ${from}: ${what}.${moved}${kept}`;
}

/** `rag-chaser plan versions`: each version with its first quarter, counts and the quarters that read it. */
export async function planVersionsCommand(rt: Runtime, out: Output, json = false): Promise<void> {
  const versions = await listVersions(rt.plans, rt.cycles);
  if (json) {
    out.line(JSON.stringify(versions, null, 2));
    return;
  }
  if (!versions.length) {
    out.line('No plan yet: import one with rag-chaser plan import <activities.csv> --kpis <kpis.csv>.');
    return;
  }
  for (const v of versions)
    out.line(
      `Version ${v.version}: "${v.name}", in force ${v.from ? `from ${formatQuarter(parseQuarterKey(v.from))}` : 'from the first quarter'}, imported ${v.importedAt.slice(0, 10) || 'before versions were kept'}; ${v.activities} activities, ${v.measures} KPIs and indicators; quarters: ${v.quarters.length ? v.quarters.join(', ') : 'none yet'}`,
    );
}
