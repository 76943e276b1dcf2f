/** `rag-chaser plan import` and the plan part of `status`. */
import { refreshOpenCardRows } from '../app/card-rows';
import { importPlan } from '../app/import-plan';
import { outline, planPeople, type Plan } from '../domain/plan';
import type { Runtime } from '../runtime';
import type { Output } from './output';
import type { InputFile } from './arguments';
import type { RollUpRule } from '../domain/rag';

export interface PlanImportOptions {
  readonly activities: InputFile;
  readonly kpis?: InputFile | undefined;
  readonly dryRun?: boolean | undefined;
  readonly name?: string | undefined;
  /** Applied only when the files import cleanly (and not on a dry run). */
  readonly rollup?: RollUpRule | undefined;
}

export async function planImportCommand(
  rt: Runtime,
  out: Output,
  options: PlanImportOptions,
  now: string,
): Promise<void> {
  const result = await importPlan(
    rt.plans,
    {
      activities: options.activities,
      kpis: options.kpis,
      name: options.name,
      dryRun: options.dryRun ?? false,
      now,
    },
    (done, total) => out.progress('Writing plan', done, total),
  );
  if (options.rollup && !options.dryRun) await rt.plans.setRollUpRule(options.rollup);
  // An open quarter's cards follow the new plan (new owners, changed texts) at once.
  if (result.written) await refreshOpenCardRows(rt);
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
