/** The committee report from a digest: Markdown, CSV (one row per activity/KPI), HTML (printable), JSON. */
import type { Digest } from '../domain/digest';
import { formatLocal } from '../domain/local-time';
import { ragText, TRAVEL_TEXT, type Rag, type Travel } from '../domain/rag';
import { formatValue } from '../domain/returns';
import { csvCell } from '../shared/escape';
import { htmlReport } from './html-report';

export type ReportFormat = 'md' | 'csv' | 'html' | 'json';

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'Not returned');
const travel = (t: Travel | undefined) => (t ? TRAVEL_TEXT[t] : '');
/** Markdown special characters in people's text are escaped so that it reads as typed. */
const md = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1').replace(/\n/g, ' ');

export function markdownReport(d: Digest, zone: string): string {
  const out: string[] = [`# ${md(d.plan)}: ${md(d.quarter)}`, ''];
  out.push(
    d.approval
      ? `Approved by ${md(d.approval.by)} on ${formatLocal(d.approval.at, zone)}.`
      : 'Draft: not approved.',
    '',
  );
  out.push(
    `**Activities:** Green ${d.counts.green}, Amber ${d.counts.amber}, Red ${d.counts.red}, not returned ${d.counts.notReturned}${d.lateCount ? `; ${d.lateCount} answered late` : ''}.`,
    '',
  );
  out.push(
    '## Outcomes',
    '',
    '| Outcome | Rating | Travel | Green | Amber | Red | Not returned |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  );
  for (const o of d.outcomes)
    out.push(
      `| ${o.number}. ${md(o.title)} | ${rating(o.rag)} | ${travel(o.travel)} | ${o.counts.green} | ${o.counts.amber} | ${o.counts.red} | ${o.counts.notReturned} |`,
    );
  for (const o of d.outcomes) {
    out.push('', `## Outcome ${o.number}: ${md(o.title)}`);
    for (const s of o.supportingOutcomes) {
      out.push(
        '',
        `### ${s.number} ${md(s.title)}`,
        '',
        `Rating: ${rating(s.rag)}${s.override ? ` (computed ${rating(s.computed)}; override: ${md(s.override.reason)})` : ''}${s.travel ? `, ${travel(s.travel)}` : ''}.`,
      );
      if (s.commentary) out.push('', `${s.aiDraft ? '_AI draft:_ ' : ''}${md(s.commentary)}`);
      for (const a of s.activities.filter((x) => x.rag === 'red' || x.rag === 'amber'))
        out.push(
          '',
          `- **${rating(a.rag)}** ${md(a.text)} (${md(a.function)}, ${md(a.districts.join(', '))}): ${md(a.commentary)}`,
        );
    }
  }
  out.push(
    '',
    '## Key performance indicators',
    '',
    '| KPI | Value | Rating | Floor | Target | Travel |',
    '| --- | --- | --- | --- | --- | --- |',
  );
  for (const k of d.kpis)
    out.push(
      `| ${k.ref} ${md(k.description)} | ${k.value === undefined ? 'not returned' : formatValue(k.value, k.unit)} | ${k.value === undefined ? '' : rating(k.rag)} | ${formatValue(k.floor, k.unit)} | ${formatValue(k.target, k.unit)} | ${travel(k.travel)} |`,
    );
  out.push(
    '',
    '## Activity indicators',
    '',
    '| Indicator | Value | Expected range | Position |',
    '| --- | --- | --- | --- |',
  );
  for (const i of d.indicators)
    out.push(
      `| ${i.ref} ${md(i.description)} | ${i.value === undefined ? 'not returned' : formatValue(i.value, i.unit)} | ${formatValue(i.lower, i.unit)} to ${formatValue(i.upper, i.unit)} | ${i.band ?? ''} |`,
    );
  if (d.highlights.length) {
    out.push('', '## Highlights: evidence of outcome');
    for (const h of d.highlights)
      out.push('', `> ${md(h.evidence)}`, '', `${md(h.activity)} (${md(h.owner)})`);
  }
  if (d.sendBacks.length) {
    out.push('', '## Returns sent back', '');
    for (const s of d.sendBacks)
      out.push(
        `- ${md(s.id)}: sent back by ${md(s.by)} on ${s.at.slice(0, 10)}: "${md(s.note)}" (${s.answeredAgain ? 'answered again' : 'not re-answered'})`,
      );
  }
  out.push('', '## Not returned', '');
  out.push(
    ...(d.outstanding.length
      ? d.outstanding.map(
          (o) => `- ${md(o.owner)}${o.reached ? ` (${md(o.reached)})` : ''}: ${o.items.join(', ')}`,
        )
      : ['Every item was returned.']),
  );
  return `${out.join('\n')}\n`;
}

export function csvReport(d: Digest): string {
  const header = [
    'type',
    'ref',
    'outcome',
    'supporting_outcome',
    'function',
    'district',
    'text',
    'owner',
    'rag',
    'value',
    'floor',
    'target',
    'expected_lower',
    'expected_upper',
    'band',
    'travel',
    'late',
    'commentary',
    'evidence',
  ];
  const rows: (string | number | undefined)[][] = [];
  for (const o of d.outcomes)
    for (const s of o.supportingOutcomes)
      for (const a of s.activities)
        rows.push([
          'activity',
          a.id,
          o.title,
          `${s.number} ${s.title}`,
          a.function,
          a.districts.join('; '),
          a.text,
          a.owner,
          a.rag ? rating(a.rag) : 'Not returned',
          '',
          '',
          '',
          '',
          '',
          '',
          a.travel ?? '',
          a.late ? 'yes' : '',
          a.commentary,
          a.evidence,
        ]);
  for (const k of d.kpis)
    rows.push([
      'kpi',
      k.ref,
      '',
      '',
      '',
      '',
      k.description,
      '',
      k.value === undefined ? 'Not returned' : rating(k.rag),
      k.value,
      k.floor,
      k.target,
      '',
      '',
      '',
      k.travel ?? '',
      k.late ? 'yes' : '',
      k.note,
      '',
    ]);
  for (const i of d.indicators)
    rows.push([
      'indicator',
      i.ref,
      '',
      '',
      '',
      '',
      i.description,
      '',
      '',
      i.value,
      '',
      '',
      i.lower,
      i.upper,
      i.band ?? (i.value === undefined ? 'not returned' : ''),
      i.travel ?? '',
      '',
      i.note,
      '',
    ]);
  return `${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

export function renderReport(d: Digest, format: ReportFormat, zone: string): string {
  switch (format) {
    case 'md':
      return markdownReport(d, zone);
    case 'csv':
      return csvReport(d);
    case 'html':
      return htmlReport(d, zone);
    case 'json':
      return `${JSON.stringify(d, null, 2)}\n`;
  }
}
