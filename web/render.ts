/** The page's tables: every figure a chart shows is here too, as text a screen reader reads. */
import type { CompareData, DashboardData, HistoryData } from './api';

type Rating = 'red' | 'amber' | 'green' | 'none' | undefined;
const WORD: Record<string, [string, string]> = {
  green: ['✔', 'Green'],
  amber: ['▲', 'Amber'],
  red: ['✖', 'Red'],
  none: ['–', 'Not returned'],
};

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A rating in symbol and word, never colour alone. */
export function rag(rating: Rating): string {
  if (!rating) return '<span class="muted">not in plan</span>';
  const [symbol, word] = WORD[rating] ?? ['', rating];
  return `<span class="rag rag-${rating}">${symbol} ${word}</span>`;
}

/** A count that opens the items behind it (a real button: reached by Tab, pressed by Enter or Space). */
const countButton = (n: number, quarter: string, what: string, label: string, kind: string) =>
  n === 0
    ? '0'
    : `<button type="button" class="link" data-in="${esc(quarter)}" data-what="${what}" data-kind="${kind}" aria-label="${n} ${esc(label)}: show them">${n}</button>`;

export function countsTable(d: DashboardData): string {
  const rows = d.quarters
    .map(
      (
        q,
      ) => `<tr><th scope="row">${esc(q.label)}${q.state === 'published' ? '' : ' <span class="muted">(current)</span>'}</th>
<td>${countButton(q.counts.red, q.key, 'red', `red in ${q.label}`, q.counted)}</td>
<td>${countButton(q.counts.amber, q.key, 'amber', `amber in ${q.label}`, q.counted)}</td>
<td>${countButton(q.counts.green, q.key, 'green', `green in ${q.label}`, q.counted)}</td>
<td>${countButton(q.counts.notReturned, q.key, 'outstanding', `not returned in ${q.label}`, q.counted)}</td>
<td>${countButton(q.late, q.key, 'late', `late in ${q.label}`, q.counted)}</td></tr>`,
    )
    .join('');
  const what = d.quarters[0]?.counted === 'kpi' ? 'KPIs' : 'Activities';
  return `<table><caption>${what} per quarter, by rating</caption><thead><tr><th scope="col">Quarter</th><th scope="col">✖ Red</th><th scope="col">▲ Amber</th><th scope="col">✔ Green</th><th scope="col">Not returned</th><th scope="col">Late</th></tr></thead><tbody>${rows || '<tr><td colspan="6">No quarter to show.</td></tr>'}</tbody></table>`;
}

const quarterHeads = (d: DashboardData) =>
  d.quarters.map((q) => `<th scope="col">${esc(q.label)}</th>`).join('');

export function outcomesTable(d: DashboardData): string {
  const rows = d.outcomes
    .map(
      (o) =>
        `<tr><th scope="row">${o.number}. ${esc(o.title)}</th>${o.ratings.map((r) => `<td>${rag(r)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>Each outcome's roll-up per quarter</caption><thead><tr><th scope="col">Outcome</th>${quarterHeads(d)}</tr></thead><tbody>${rows || `<tr><td colspan="${d.quarters.length + 1}">No outcome to show.</td></tr>`}</tbody></table>`;
}

const num = (n: number | undefined) => (n === undefined ? '–' : n.toLocaleString('en-GB'));

export function measuresTable(d: DashboardData): string {
  const rows = d.measures
    .map((m) => {
      const against =
        m.kind === 'kpi'
          ? (p: (typeof m.points)[number]) =>
              p
                ? `${num(p.value)} ${p.rag ? rag(p.rag) : ''}<br><span class="muted">floor ${num(p.floor)}, target ${num(p.target)}</span>`
                : '–'
          : (p: (typeof m.points)[number]) =>
              p ? `${num(p.value)}<br><span class="muted">range ${num(p.lower)}–${num(p.upper)}</span>` : '–';
      return `<tr><th scope="row">${esc(m.ref)} ${esc(m.description)}<br><span class="muted">${m.kind === 'kpi' ? 'KPI' : 'Indicator'}, ${esc(m.unit)}</span></th>${m.points.map((p) => `<td>${against(p)}</td>`).join('')}</tr>`;
    })
    .join('');
  return `<table><caption>Values per quarter, against floor and target (indicators: their range)</caption><thead><tr><th scope="col">Measure</th>${quarterHeads(d)}</tr></thead><tbody>${rows || `<tr><td colspan="${d.quarters.length + 1}">No KPI to show.</td></tr>`}</tbody></table>`;
}

export function itemsTable(d: DashboardData): string {
  const rows = d.items.rows
    .map(
      (i) =>
        `<tr><th scope="row"><button type="button" class="link" data-item="${esc(i.id)}" aria-label="${esc(i.id)}: show its history">${esc(i.id)}</button></th><td>${esc(i.title)}</td><td>${esc(i.owner)}</td>${i.ratings.map((r) => `<td>${rag(r)}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>Items, with their rating per quarter</caption><thead><tr><th scope="col">Id</th><th scope="col">Item</th><th scope="col">Owner</th>${quarterHeads(d)}</tr></thead><tbody>${rows || `<tr><td colspan="${d.quarters.length + 3}">No item matches.</td></tr>`}</tbody></table>`;
}

export function historyTable(h: HistoryData): string {
  const rows = h.quarters
    .map(
      (q) =>
        `<tr><th scope="row">${esc(q.quarter)}</th><td>${h.kind === 'kpi' ? `${num(q.value)} ` : ''}${rag(q.rating ?? (q.by ? undefined : 'none'))}${q.late ? ' <span class="muted">late</span>' : ''}</td><td>${esc(q.commentary) || '–'}</td><td>${esc(q.evidence) || '–'}</td><td>${esc(q.by || '–')}</td><td>${q.at ? esc(new Date(q.at).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' })) : '–'}</td></tr>`,
    )
    .join('');
  return `<table><caption>${esc(h.id)} ${esc(h.title)}</caption><thead><tr><th scope="col">Quarter</th><th scope="col">Rating</th><th scope="col">Commentary</th><th scope="col">Evidence</th><th scope="col">Answered by</th><th scope="col">When</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A lead's view: each service's activities per quarter by rating, in words. */
export function compareTable(c: CompareData): string {
  const labels = [...new Set(c.compare.flatMap((s) => s.quarters.map((q) => q.label)))].sort();
  const cell = (q: DashboardData['quarters'][number] | undefined) =>
    q
      ? `✖ Red ${q.counts.red}, ▲ Amber ${q.counts.amber}, ✔ Green ${q.counts.green}, not returned ${q.counts.notReturned}`
      : '–';
  const rows = c.compare
    .map(
      (s) =>
        `<tr><th scope="row">${esc(s.name)}</th>${labels.map((l) => `<td>${cell(s.quarters.find((q) => q.label === l))}</td>`).join('')}</tr>`,
    )
    .join('');
  return `<table><caption>Activities per quarter by rating, every service</caption><thead><tr><th scope="col">Service</th>${labels.map((l) => `<th scope="col">${esc(l)}</th>`).join('')}</tr></thead><tbody>${rows}</tbody></table>`;
}
