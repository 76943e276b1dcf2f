/**
 * The plan file preview in chat: what an import would do (counts per outcome; added, changed and retired
 * by id and title; owners new to the plan and whether each can be reached), with **Import** and **Cancel**;
 * or every problem by file, row and column. Text from the files is shown in TextRuns (never Markdown).
 */
import type { UploadPreview } from '../app/ports';
import type { Problem } from '../domain/errors';
import { block, runs } from './blocks';
import type { CardJson } from './render';

export const IMPORT_UPLOAD = 'importUpload';
export const CANCEL_UPLOAD = 'cancelUpload';
const MAX_LIST = 12;

const clip = (s: string, n = 110) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const listed = <T>(items: readonly T[], line: (x: T) => string): string[] => [
  ...items.slice(0, MAX_LIST).map((x) => `• ${clip(line(x))}`),
  ...(items.length > MAX_LIST ? [`…and ${items.length - MAX_LIST} more`] : []),
];

export interface PlanPreviewInput {
  readonly preview: UploadPreview;
  /** "Libraries, Registration and Archives" when there are several services, else the plan. */
  readonly title: string;
  readonly service: string;
}

export function planPreviewCard({ preview: p, title, service }: PlanPreviewInput): CardJson {
  const c = p.change;
  const section = (heading: string, lines: string[]) =>
    lines.length ? [block(heading, { weight: 'Bolder', spacing: 'Medium' }), runs(lines)] : [];
  const activity = (a: { id: string; text: string }) => `${a.id}: ${a.text}`;
  const measure = (m: { ref: string; description: string }) => `${m.ref}: ${m.description}`;
  const body = [
    block(`Plan preview: ${title}`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    runs([`From ${p.files.map((f) => f.name).join(' and ')}. Nothing is changed until you press Import.`]),
    block(
      p.changes === 0
        ? 'These files match the plan already loaded: importing would change nothing.'
        : `${c.added.activities.length + c.added.measures.length} to add, ${c.updated.activities.length + c.updated.measures.length} to change, ${c.retired.activities.length + c.retired.measures.length} to retire (kept for past quarters), ${c.unchanged} unchanged.`,
      { weight: 'Bolder' },
    ),
    runs([versionLine(p.version)]),
    block('Activities per outcome', { weight: 'Bolder', spacing: 'Medium' }),
    runs([
      ...p.outcomes.map((o) => `Outcome ${o.number}: ${o.activities} · ${clip(o.title, 70)}`),
      `KPIs and indicators: ${p.measures}`,
    ]),
    ...section('Added', [...listed(c.added.activities, activity), ...listed(c.added.measures, measure)]),
    ...section('Changed', [
      ...listed(c.updated.activities, activity),
      ...listed(c.updated.measures, measure),
    ]),
    ...section('Retired', [
      ...listed(c.retired.activities, activity),
      ...listed(c.retired.measures, measure),
    ]),
    ...section(
      'Owners new to the plan',
      listed(
        p.newOwners,
        (o) =>
          `${o.upn}: ${o.reachable ? 'reachable in Teams' : 'not reachable yet: install the app for them'}`,
      ),
    ),
  ];
  // Import names the preview only: the server fetches the files it kept for it.
  const data = { upload: p.id, service };
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `Plan preview: ${title}. Press Import to apply it.`,
    body,
    actions: [
      { type: 'Action.Submit', title: 'Import', style: 'positive', data: { verb: IMPORT_UPLOAD, ...data } },
      { type: 'Action.Submit', title: 'Cancel', data: { verb: CANCEL_UPLOAD, upload: p.id, service } },
    ],
  };
}

/** A file that is not a plan: every problem, by file, row and column; nothing was changed. */
export function planProblemsCard(problems: readonly Problem[], intro: string): CardJson {
  const where = (p: Problem) =>
    [p.file ?? '', p.row !== undefined ? `row ${p.row}` : '', p.column ? `column ${p.column}` : '']
      .filter(Boolean)
      .join(', ');
  const lines = problems
    .slice(0, 30)
    .map((p) => `• ${where(p) ? `${where(p)}: ` : ''}${clip(p.message, 300)}`);
  if (problems.length > 30) lines.push(`…and ${problems.length - 30} more`);
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `${intro} Nothing was changed.`,
    body: [
      block('⚠ Plan not loaded', { size: 'Large', weight: 'Bolder', style: 'heading' }),
      block(`${intro} Nothing was changed; fix these and send the files again.`),
      runs(lines),
    ],
  };
}

/** "Version 2, in force from 2017/18 Q1: 4 added, 2 retired … Not touched: 2016/17 Q4 (open)." */
function versionLine(v: UploadPreview['version']): string {
  const from = v.from
    ? `from ${v.from.replace(/^(\d{4})-(\d{2})-Q(\d)$/, '$1/$2 Q$3')}`
    : 'from the first quarter';
  const kept = v.untouched.length
    ? ` Not touched: ${v.untouched.join(', ')} (open: keeps its version and its answers).`
    : '';
  return `Version ${v.number}${v.replaces ? ' (replacing the version not yet in force)' : ''}, in force ${from}: ${v.summary}.${kept}`;
}
