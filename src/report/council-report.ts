/** The council committee report: every service of a quarter side by side (md, csv, html, json). */
import type { CouncilServiceLine, CouncilSummary } from '../domain/council';
import { RAG_LABEL, TRAVEL_TEXT, type Rag, type RagCounts, type Travel } from '../domain/rag';
import { formatValue } from '../domain/units';
import { csvCell, html } from '../shared/escape';
import type { ReportFormat } from './report';

const word = (r: Rag | undefined) => (r ? `${RAG_LABEL[r].symbol} ${RAG_LABEL[r].word}` : 'Not returned');
const travel = (t: Travel | undefined) => (t ? ` (${TRAVEL_TEXT[t]})` : '');
const counts = (c: RagCounts) =>
  `Green ${c.green}, Amber ${c.amber}, Red ${c.red}, not returned ${c.notReturned}`;
const kpi = (k: CouncilServiceLine['kpisOffTarget'][number]) =>
  `${k.ref} ${k.description}: ${formatValue(k.value, k.unit)} (${RAG_LABEL[k.rag].word}; target ${formatValue(k.target, k.unit)})`;

function markdown(c: CouncilSummary): string {
  const out = [`# Council performance: ${c.quarter}`, '', `All services: ${counts(c.totals)}.`, ''];
  if (c.missing.length) out.push(`No ${c.quarter} for: ${c.missing.join(', ')}.`, '');
  for (const s of c.services) {
    out.push(
      `## ${s.name}`,
      '',
      `${counts(s.counts)}${s.lateCount ? `; ${s.lateCount} answered late` : ''}${s.published ? '' : ' (digest not published yet)'}.`,
      '',
    );
    out.push('| Outcome | Rating | Activities |', '| --- | --- | --- |');
    for (const o of s.outcomes)
      out.push(
        `| ${o.number}. ${o.title.replace(/\|/g, '\\|')} | ${word(o.rag)}${travel(o.travel)} | ${counts(o.counts)} |`,
      );
    out.push('', `Reds: ${s.reds.length ? '' : 'none'}`);
    for (const r of s.reds) out.push(`- ${r.id} ${r.text} (${r.owner}): ${r.commentary || 'no commentary'}`);
    out.push('', `KPIs off target: ${s.kpisOffTarget.length ? '' : 'none'}`);
    for (const k of s.kpisOffTarget) out.push(`- ${kpi(k)}`);
    out.push('', `Late: ${s.late.length ? '' : 'every item was returned'}`);
    for (const l of s.late) out.push(`- ${l.owner}: ${l.items.join(', ')}`);
    out.push('');
  }
  return `${out.join('\n')}\n`;
}

function csv(c: CouncilSummary): string {
  const rows: (string | number)[][] = [
    [
      'service',
      'kind',
      'ref',
      'title',
      'rating',
      'travel',
      'green',
      'amber',
      'red',
      'not_returned',
      'owner',
      'detail',
    ],
  ];
  for (const s of c.services) {
    rows.push([
      s.key,
      'service',
      '',
      s.name,
      '',
      '',
      s.counts.green,
      s.counts.amber,
      s.counts.red,
      s.counts.notReturned,
      '',
      s.published ? 'published' : 'not published',
    ]);
    for (const o of s.outcomes)
      rows.push([
        s.key,
        'outcome',
        String(o.number),
        o.title,
        o.rag ?? 'not returned',
        o.travel ?? '',
        o.counts.green,
        o.counts.amber,
        o.counts.red,
        o.counts.notReturned,
        '',
        '',
      ]);
    for (const r of s.reds)
      rows.push([s.key, 'red', r.id, r.text, 'red', '', '', '', '', '', r.owner, r.commentary]);
    for (const k of s.kpisOffTarget)
      rows.push([
        s.key,
        'kpi',
        k.ref,
        k.description,
        k.rag,
        '',
        '',
        '',
        '',
        '',
        '',
        `${formatValue(k.value, k.unit)} (target ${formatValue(k.target, k.unit)})`,
      ]);
    for (const l of s.late)
      rows.push([s.key, 'late', '', '', '', '', '', '', '', '', l.owner, l.items.join('; ')]);
  }
  // A byte-order mark so Excel reads UTF-8 (£, accented names) correctly.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function htmlPage(c: CouncilSummary): string {
  const sections = c.services.map((s) => {
    const outcomes = s.outcomes
      .map(
        (o) =>
          `<tr><td>${o.number}. ${html(o.title)}</td><td>${html(word(o.rag))}${html(travel(o.travel))}</td><td>${html(counts(o.counts))}</td></tr>`,
      )
      .join('\n');
    const list = (items: readonly string[], none: string) =>
      items.length ? `<ul>${items.map((i) => `<li>${html(i)}</li>`).join('')}</ul>` : `<p>${html(none)}</p>`;
    return `<section><h2>${html(s.name)}</h2>
<p>${html(counts(s.counts))}${s.lateCount ? `; ${s.lateCount} answered late` : ''}${s.published ? '' : ' (digest not published yet)'}.</p>
<table><caption>Outcomes of ${html(s.name)}</caption><thead><tr><th scope="col">Outcome</th><th scope="col">Rating</th><th scope="col">Activities</th></tr></thead><tbody>
${outcomes}</tbody></table>
<h3>Reds</h3>${list(
      s.reds.map((r) => `${r.id} ${r.text} (${r.owner}): ${r.commentary || 'no commentary'}`),
      'None.',
    )}
<h3>KPIs off target</h3>${list(s.kpisOffTarget.map(kpi), 'None.')}
<h3>Late</h3>${list(
      s.late.map((l) => `${l.owner}: ${l.items.join(', ')}`),
      'Every item was returned.',
    )}
</section>`;
  });
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Council performance: ${html(c.quarter)}</title>
<style>body{font-family:Segoe UI,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#201f1e;line-height:1.45}table{border-collapse:collapse;width:100%}caption{text-align:left;font-weight:600}th,td{border:1px solid #8a8886;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f2f1}h2{border-bottom:2px solid #0f6cbd}</style>
</head><body><main><h1>Council performance: ${html(c.quarter)}</h1>
<p>All services: ${html(counts(c.totals))}.</p>
${c.missing.length ? `<p>No ${html(c.quarter)} for: ${html(c.missing.join(', '))}.</p>` : ''}
${sections.join('\n')}
</main></body></html>
`;
}

export function renderCouncilReport(c: CouncilSummary, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return markdown(c);
    case 'csv':
      return csv(c);
    case 'html':
      return htmlPage(c);
    case 'json':
      return `${JSON.stringify(c, null, 2)}\n`;
  }
}
