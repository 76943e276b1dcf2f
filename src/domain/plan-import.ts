/**
 * Validates plan import rows (already split into cells) into a Plan, or lists every problem by
 * row and column. Pure: file reading and CSV/XLSX decoding happen in app/.
 */
import { ValidationError, type Problem } from './errors';
import { UNIT_MAX, unitKind, unitProblem } from './units';
import type { Activity, Measure, Plan, Range } from './plan';
import type { QuarterNumber } from './quarter';
import { echo } from './echo';
import { KEY, RowReader } from './row-reader';

export interface Table {
  readonly header: readonly string[];
  /** Cells by normalised column name; `row` is the 1-based line in the file (header = 1). */
  readonly rows: readonly { readonly row: number; readonly cells: Readonly<Record<string, string>> }[];
}

export const ACTIVITY_COLUMNS = [
  'activity_id',
  'outcome',
  'supporting_outcome',
  'function',
  'activity',
  'justification',
  'district',
  'priority_refs',
  'owner',
  'deputy',
] as const;
export const ACTIVITY_OPTIONAL_COLUMNS = ['manager', 'previous_id'] as const;
export const MEASURE_COLUMNS = [
  'ref',
  'description',
  'kind',
  'unit',
  'direction',
  'floor',
  'target',
  'q1_lower',
  'q1_upper',
  'q2_lower',
  'q2_upper',
  'q3_lower',
  'q3_upper',
  'q4_lower',
  'q4_upper',
  'owner',
] as const;

const PRIORITY_REF = /^[A-Z]{1,2}\d{1,2}$/;

/** `Activity ID ` -> `activity_id`; strips a UTF-8 byte-order mark. */
export function normaliseColumn(name: string): string {
  return name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function checkHeader(
  table: Table,
  required: readonly string[],
  optional: readonly string[],
  file: string,
): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set(table.header);
  for (const col of required) {
    if (!seen.has(col))
      problems.push({
        row: 1,
        column: col,
        message: `The ${file} header has no "${echo(col)}" column. Expected columns: ${required.join(', ')}.`,
      });
  }
  const counted = new Set<string>();
  for (const col of table.header) {
    if (col && counted.has(col))
      problems.push({
        row: 1,
        column: col,
        message: `The ${file} header has the "${echo(col)}" column twice: keep one.`,
      });
    counted.add(col);
    if (!required.includes(col) && !optional.includes(col)) {
      problems.push({
        row: 1,
        column: col || '(blank)',
        message: `Unknown column "${echo(col)}" in the ${file} header: check its spelling or remove it.`,
      });
    }
  }
  return problems;
}

function readActivities(table: Table, problems: Problem[]): Activity[] {
  const activities: Activity[] = [];
  const ids = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const r = new RowReader(row, cells, problems);
    const id = r.key('activity_id', true);
    const firstRow = ids.get(id.toLowerCase());
    if (id && firstRow !== undefined)
      r.problem(
        'activity_id',
        `Duplicate activity_id "${echo(id)}" (first used on row ${firstRow}); each activity needs its own.`,
      );
    else if (id) ids.set(id.toLowerCase(), row);
    const priorityRefs = r.list('priority_refs', false).map((p) => p.toUpperCase());
    for (const ref of priorityRefs) {
      if (!PRIORITY_REF.test(ref))
        r.problem('priority_refs', `"${echo(ref)}" is not a priority reference like A1, B4 or BT2.`);
    }
    const owner = r.email('owner', true);
    const deputy = r.email('deputy', false);
    const manager = r.email('manager', false);
    if (owner && deputy && owner === deputy)
      r.problem('deputy', 'The deputy is the owner; name someone else or leave it empty.');
    // The id the activity had in the previous version: renumbered, it keeps its history.
    const previousId = r.key('previous_id', false);
    if (previousId && KEY.test(previousId) && previousId.toLowerCase() === id.toLowerCase())
      r.problem(
        'previous_id',
        'previous_id is the id the activity had before: leave it empty when it was not renumbered.',
      );
    const activity = {
      ...(previousId ? { previousId } : {}),
      id,
      outcome: r.text('outcome', true, 500),
      supportingOutcome: r.text('supporting_outcome', true, 500),
      function: r.text('function', true, 200),
      text: r.text('activity', true),
      justification: r.text('justification', false),
      districts: r.list('district', true),
      priorityRefs,
      owner: owner ?? '',
      deputy,
      manager,
      order: activities.length,
    };
    activities.push(activity);
  }
  if (table.rows.length === 0)
    problems.push({ row: 2, message: 'The activities file has a header but no activities.' });
  return activities;
}

function readMeasures(table: Table, problems: Problem[]): Measure[] {
  const measures: Measure[] = [];
  const refs = new Map<string, number>();
  for (const { row, cells } of table.rows) {
    const r = new RowReader(row, cells, problems);
    const ref = r.text('ref', true, 20);
    if (ref && !KEY.test(ref))
      r.problem('ref', `"${echo(ref)}" may only use letters, digits, ".", "-" and "_".`);
    const firstRow = refs.get(ref.toLowerCase());
    if (ref && firstRow !== undefined)
      r.problem('ref', `Duplicate ref "${echo(ref)}" (first used on row ${firstRow}).`);
    else if (ref) refs.set(ref.toLowerCase(), row);
    const kind = r.choice('kind', ['kpi', 'indicator'] as const);
    const unit = r.text('unit', false, UNIT_MAX) || 'count';
    const direction = r.choice('direction', ['higher', 'lower'] as const);
    const base = {
      ref,
      description: r.text('description', true, 1000),
      unit,
      direction: direction ?? 'higher',
      owner: r.email('owner', true) ?? '',
      order: measures.length,
    };
    const inRange = (column: string, v: number | undefined) => {
      const problem = v === undefined ? undefined : unitProblem(v, unit);
      if (v !== undefined && problem)
        r.problem(
          column,
          unitKind(unit) === 'percent'
            ? `${v} is not a percentage between 0 and 100.`
            : `${v} is negative; a value in ${unit} cannot be.`,
        );
    };
    if (kind === 'kpi') {
      const floor = r.number('floor', true);
      const target = r.number('target', true);
      inRange('floor', floor);
      inRange('target', target);
      if (floor !== undefined && target !== undefined && direction) {
        const wrongSide = direction === 'higher' ? floor > target : floor < target;
        if (wrongSide)
          r.problem(
            'floor',
            `The floor ${floor} is on the wrong side of the target ${target}: when ${direction} is better the floor must be ${direction === 'higher' ? 'at or below' : 'at or above'} the target.`,
          );
      }
      measures.push({ ...base, kind: 'kpi', floor: floor ?? 0, target: target ?? 0 });
    } else if (kind === 'indicator') {
      const ranges = {} as Record<QuarterNumber, Range>;
      for (const q of [1, 2, 3, 4] as const) {
        const lower = r.number(`q${q}_lower`, true);
        const upper = r.number(`q${q}_upper`, true);
        inRange(`q${q}_lower`, lower);
        inRange(`q${q}_upper`, upper);
        if (lower !== undefined && upper !== undefined && lower > upper)
          r.problem(`q${q}_lower`, `The Q${q} lower bound ${lower} is above the upper bound ${upper}.`);
        ranges[q] = { lower: lower ?? 0, upper: upper ?? 0 };
      }
      measures.push({ ...base, kind: 'indicator', ranges });
    }
  }
  return measures;
}

/** Builds a plan from import tables; throws ValidationError with every problem, so nothing is half-imported. */
export function planFromTables(name: string, activities: Table, measures?: Table): Plan {
  const problems: Problem[] = checkHeader(
    activities,
    ACTIVITY_COLUMNS,
    ACTIVITY_OPTIONAL_COLUMNS,
    'activities',
  );
  const measureProblems: Problem[] = measures ? checkHeader(measures, MEASURE_COLUMNS, [], 'KPIs') : [];
  const planActivities = problems.length ? [] : readActivities(activities, problems);
  const planMeasures = measures && !measureProblems.length ? readMeasures(measures, measureProblems) : [];
  const all = [
    ...problems.map((p) => ({ file: 'activities', ...p })),
    ...measureProblems.map((p) => ({ file: 'kpis', ...p })),
  ];
  if (all.length)
    throw new ValidationError(`The plan was not imported: ${all.length} problem(s) to fix.`, all);
  return { name, activities: planActivities, measures: planMeasures };
}
