/** The printable, accessible HTML report: headings, captioned tables, RAG in words and symbols. */
import type { ActivityLine, Digest } from '../domain/digest';
import { formatLocal } from '../domain/local-time';
import { RAG_LABEL, TRAVEL_TEXT, type Rag, type Travel } from '../domain/rag';
import { formatValue } from '../domain/returns';
import { html } from '../shared/escape';

const rag = (r: Rag | undefined) =>
  r
    ? `<span class="rag ${r}">${RAG_LABEL[r].symbol} ${RAG_LABEL[r].word}</span>`
    : '<span class="rag none">Not returned</span>';
const travel = (t: Travel | undefined) => (t ? html(TRAVEL_TEXT[t]) : '');

export const REPORT_STYLE = `body{font-family:Segoe UI,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#201f1e;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.3rem;margin-top:2rem;border-bottom:2px solid #0f6cbd}h3{font-size:1.1rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid #8a8886;padding:.3rem .5rem;text-align:left;vertical-align:top}th{background:#f3f2f1}
.rag{font-weight:600;white-space:nowrap;padding:0 .3rem;border-radius:3px}.green{background:#dff6dd}.amber{background:#fff4ce}.red{background:#fde7e9}.none{background:#edebe9}
blockquote{border-left:4px solid #0f6cbd;margin:.5rem 0;padding:.25rem 1rem;font-style:italic}
@media print{body{margin:0;max-width:none}h2{page-break-after:avoid}tr{page-break-inside:avoid}}`;

function activityRows(lines: readonly ActivityLine[]): string {
  return lines
    .map(
      (a) =>
        `<tr><td>${html(a.id)}</td><td>${html(a.text)}<br><small>${html(a.function)}, ${html(a.districts.join(', '))}</small></td><td>${rag(a.rag)}${a.late ? ' <small>(late)</small>' : ''}</td><td>${travel(a.travel)}</td><td>${html(a.commentary)}</td></tr>`,
    )
    .join('\n');
}

export function htmlReport(d: Digest, zone: string): string {
  const title = `${d.plan}: ${d.quarter}`;
  const parts: string[] = [];
  parts.push(`<h1>${html(title)}</h1>`);
  parts.push(
    `<p>${d.approval ? `Approved by ${html(d.approval.by)} on ${html(formatLocal(d.approval.at, zone))}.` : '<strong>Draft: not approved.</strong>'} Ratings roll up by the ${d.rule === 'majority' ? 'majority rule (ties go to the worse colour)' : 'worst-colour rule'}; missing returns are shown as “not returned”, never as a colour.</p>`,
  );
  parts.push(
    `<table><caption>Activities this quarter</caption><thead><tr><th scope="col">${RAG_LABEL.green.symbol} Green</th><th scope="col">${RAG_LABEL.amber.symbol} Amber</th><th scope="col">${RAG_LABEL.red.symbol} Red</th><th scope="col">Not returned</th><th scope="col">Answered late</th></tr></thead><tbody><tr><td>${d.counts.green}</td><td>${d.counts.amber}</td><td>${d.counts.red}</td><td>${d.counts.notReturned}</td><td>${d.lateCount}</td></tr></tbody></table>`,
  );
  parts.push(
    `<table><caption>Outcomes</caption><thead><tr><th scope="col">Outcome</th><th scope="col">Rating</th><th scope="col">Direction of travel</th><th scope="col">Green</th><th scope="col">Amber</th><th scope="col">Red</th><th scope="col">Not returned</th></tr></thead><tbody>${d.outcomes.map((o) => `<tr><th scope="row">${o.number}. ${html(o.title)}</th><td>${rag(o.rag)}</td><td>${travel(o.travel)}</td><td>${o.counts.green}</td><td>${o.counts.amber}</td><td>${o.counts.red}</td><td>${o.counts.notReturned}</td></tr>`).join('')}</tbody></table>`,
  );
  for (const o of d.outcomes) {
    parts.push(`<h2>Outcome ${o.number}: ${html(o.title)}</h2>`);
    for (const s of o.supportingOutcomes) {
      parts.push(`<h3>${html(s.number)} ${html(s.title)}</h3>`);
      parts.push(
        `<p>Rating: ${rag(s.rag)}${s.override ? ` (computed ${rag(s.computed)}; overridden because: ${html(s.override.reason)})` : ''} ${travel(s.travel)}</p>`,
      );
      if (s.commentary)
        parts.push(
          `<p>${s.aiDraft ? '<em>AI draft:</em> ' : ''}${html(s.commentary).replace(/\n/g, '<br>')}</p>`,
        );
      parts.push(
        `<table><caption>${html(s.number)}: activities</caption><thead><tr><th scope="col">Ref</th><th scope="col">Activity</th><th scope="col">Rating</th><th scope="col">Travel</th><th scope="col">Commentary</th></tr></thead><tbody>${activityRows(s.activities)}</tbody></table>`,
      );
    }
  }
  parts.push(
    `<h2>Key performance indicators</h2><table><caption>KPIs against floor and target</caption><thead><tr><th scope="col">KPI</th><th scope="col">Value</th><th scope="col">Rating</th><th scope="col">Floor</th><th scope="col">Target</th><th scope="col">Travel</th></tr></thead><tbody>${d.kpis.map((k) => `<tr><th scope="row">${html(k.ref)} ${html(k.description)}</th><td>${k.value === undefined ? 'not returned' : html(formatValue(k.value, k.unit))}</td><td>${k.value === undefined ? '' : rag(k.rag)}</td><td>${html(formatValue(k.floor, k.unit))}</td><td>${html(formatValue(k.target, k.unit))}</td><td>${travel(k.travel)}</td></tr>`).join('')}</tbody></table>`,
  );
  parts.push(
    `<h2>Activity indicators</h2><table><caption>Indicators against the expected range this quarter</caption><thead><tr><th scope="col">Indicator</th><th scope="col">Value</th><th scope="col">Expected</th><th scope="col">Position</th></tr></thead><tbody>${d.indicators.map((i) => `<tr><th scope="row">${html(i.ref)} ${html(i.description)}</th><td>${i.value === undefined ? 'not returned' : html(formatValue(i.value, i.unit))}</td><td>${html(formatValue(i.lower, i.unit))} to ${html(formatValue(i.upper, i.unit))}</td><td>${html(i.band ?? '')}</td></tr>`).join('')}</tbody></table>`,
  );
  if (d.highlights.length)
    parts.push(
      `<h2>Highlights: evidence of outcome</h2>${d.highlights.map((h) => `<blockquote>${html(h.evidence)}</blockquote><p>${html(h.activity)} <small>(${html(h.owner)})</small></p>`).join('')}`,
    );
  if (d.sendBacks.length)
    parts.push(
      `<h2>Returns sent back</h2><ul>${d.sendBacks.map((s) => `<li>${html(s.id)}: sent back by ${html(s.by)} on ${html(s.at.slice(0, 10))}: “${html(s.note)}” (${s.answeredAgain ? 'answered again' : 'not re-answered'})</li>`).join('')}</ul>`,
    );
  parts.push(
    `<h2>Not returned</h2>${d.outstanding.length ? `<ul>${d.outstanding.map((o) => `<li>${html(o.owner)}${o.reached ? ` <small>(${html(o.reached)})</small>` : ''}: ${html(o.items.join(', '))}</li>`).join('')}</ul>` : '<p>Every item was returned.</p>'}`,
  );
  return `<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>${html(title)}</title>\n<style>${REPORT_STYLE}</style>\n</head>\n<body>\n<main>\n${parts.join('\n')}\n</main>\n</body>\n</html>\n`;
}
