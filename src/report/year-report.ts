/** The year-end (or mid-year) report: Markdown, CSV (one row per outcome, supporting outcome, activity, KPI), HTML, JSON. */
import { ragText, type Rag } from '../domain/rag';
import type { YearReport, YearRow } from '../domain/year';
import { csvCell, html } from '../shared/escape';
import { REPORT_STYLE } from './html-report';
import type { ReportFormat } from './report';

const rating = (rag: Rag | undefined, inPlan = true) => (!inPlan ? '–' : rag ? ragText(rag) : 'Not returned');
const TREND: Record<YearRow['trend'], string> = {
  better: '↑ better',
  same: '→ same',
  worse: '↓ worse',
  '': '',
};
const md = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, '\\$1').replace(/\n/g, ' ');
const cells = (r: YearRow) => r.ratings.map((rag, q) => rating(rag, r.inPlan[q]));

function markdown(y: YearReport): string {
  const head = `| | ${y.quarters.map(md).join(' | ')} | Trend |`;
  const rule = `| --- | ${y.quarters.map(() => '---').join(' | ')} | --- |`;
  const row = (title: string, r: YearRow) => `| ${title} | ${cells(r).join(' | ')} | ${TREND[r.trend]} |`;
  const out = [
    `# ${md(y.plan)}: ${md(y.title)}`,
    '',
    '## Activities per quarter',
    '',
    `| | ${y.quarters.map(md).join(' | ')} |`,
    `| --- | ${y.quarters.map(() => '---').join(' | ')} |`,
  ];
  for (const k of ['green', 'amber', 'red', 'notReturned'] as const)
    out.push(
      `| ${k === 'notReturned' ? 'Not returned' : ragText(k)} | ${y.counts.map((c) => c[k]).join(' | ')} |`,
    );
  out.push('', '## Outcomes', '', head, rule, ...y.outcomes.map((o) => row(md(o.title), o)));
  for (const o of y.outcomes) {
    out.push('', `## Outcome ${md(o.title)}`, '', head, rule);
    for (const s of o.supportingOutcomes) {
      out.push(row(`**${md(s.title)}**`, s));
      for (const a of s.items) out.push(row(`${md(a.id)} ${md(a.title)}`, a));
    }
  }
  out.push('', '## KPIs against floor and target', '', head, rule);
  for (const k of y.kpis)
    out.push(
      `| ${md(k.ref)} ${md(k.description)} | ${k.quarters.map((q) => (q ? `${q.value ?? 'not returned'} (${rating(q.rag)}; floor ${q.floor}, target ${q.target})` : '–')).join(' | ')} | ${TREND[k.trend]} |`,
    );
  out.push('', "## The year's Reds", '');
  for (const r of y.reds)
    out.push(`- **${md(r.quarter)}** ${md(r.id)} ${md(r.title)} (${md(r.owner)}): ${md(r.commentary)}`);
  if (!y.reds.length) out.push('None.');
  return `${out.join('\n')}\n`;
}

function csv(y: YearReport): string {
  const rows: string[][] = [['level', 'ref', 'title', ...y.quarters, 'trend']];
  const add = (level: string, ref: string, r: YearRow) =>
    rows.push([level, ref, r.title, ...cells(r), r.trend]);
  for (const o of y.outcomes) {
    add('outcome', o.id, o);
    for (const s of o.supportingOutcomes) {
      add('supporting outcome', s.id, s);
      for (const a of s.items) add('activity', a.id, a);
    }
  }
  for (const k of y.kpis)
    rows.push([
      'kpi',
      k.ref,
      k.description,
      ...k.quarters.map((q) => (q ? `${q.value ?? ''} ${rating(q.rag)}`.trim() : '')),
      k.trend,
    ]);
  // Excel reads UTF-8 (£, accented names) only with a byte-order mark.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function page(y: YearReport): string {
  const head = `<thead><tr><th scope="col">Item</th>${y.quarters.map((q) => `<th scope="col">${html(q)}</th>`).join('')}<th scope="col">Trend</th></tr></thead>`;
  const row = (title: string, r: YearRow, level = 'td') =>
    `<tr><th scope="row">${level === 'strong' ? `<strong>${title}</strong>` : title}</th>${cells(r)
      .map((c) => `<td>${html(c)}</td>`)
      .join('')}<td>${html(TREND[r.trend])}</td></tr>`;
  const parts = [
    `<h1>${html(`${y.plan}: ${y.title}`)}</h1>`,
    `<p>Each quarter is read against the plan version in force when it opened; “–” means the item was not in that quarter's plan.</p>`,
    `<table><caption>Activities per quarter</caption><thead><tr><th scope="col">Rating</th>${y.quarters.map((q) => `<th scope="col">${html(q)}</th>`).join('')}</tr></thead><tbody>${(['green', 'amber', 'red', 'notReturned'] as const).map((k) => `<tr><th scope="row">${k === 'notReturned' ? 'Not returned' : html(ragText(k))}</th>${y.counts.map((c) => `<td>${c[k]}</td>`).join('')}</tr>`).join('')}</tbody></table>`,
    `<table><caption>Outcomes</caption>${head}<tbody>${y.outcomes.map((o) => row(html(o.title), o)).join('')}</tbody></table>`,
    ...y.outcomes.map(
      (o) =>
        `<h2>Outcome ${html(o.title)}</h2><table><caption>${html(o.title)}: supporting outcomes and activities</caption>${head}<tbody>${o.supportingOutcomes.map((s) => [row(html(s.title), s, 'strong'), ...s.items.map((a) => row(`${html(a.id)} ${html(a.title)}`, a))].join('')).join('')}</tbody></table>`,
    ),
    `<h2>KPIs against floor and target</h2><table><caption>KPIs by quarter</caption>${head}<tbody>${y.kpis.map((k) => `<tr><th scope="row">${html(k.ref)} ${html(k.description)}</th>${k.quarters.map((q) => `<td>${q ? `${html(q.value ?? 'not returned')} (${html(rating(q.rag))}; floor ${html(q.floor)}, target ${html(q.target)})` : '–'}</td>`).join('')}<td>${html(TREND[k.trend])}</td></tr>`).join('')}</tbody></table>`,
    `<h2>The year's Reds</h2>${y.reds.length ? `<ul>${y.reds.map((r) => `<li><strong>${html(r.quarter)}</strong> ${html(r.id)} ${html(r.title)} (${html(r.owner)}): ${html(r.commentary)}</li>`).join('')}</ul>` : '<p>None.</p>'}`,
  ];
  return `<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${html(`${y.plan}: ${y.title}`)}</title>\n<style>${REPORT_STYLE}</style>\n</head>\n<body>\n<main>\n${parts.join('\n')}\n</main>\n</body>\n</html>\n`;
}

export function renderYearReport(y: YearReport, format: ReportFormat): string {
  switch (format) {
    case 'md':
      return markdown(y);
    case 'csv':
      return csv(y);
    case 'html':
      return page(y);
    case 'json':
      return `${JSON.stringify(y, null, 2)}\n`;
  }
}
