/** The dashboard tab: reads the API for the choices made, draws the charts and tables, drills down. */
import { ApiError, fetchJson, type CompareData, type DashboardData, type HistoryData } from './api';
import { countsChart, measureChart } from './charts';
import {
  compareTable,
  countsTable,
  esc,
  historyTable,
  itemsTable,
  measuresTable,
  outcomesTable,
} from './render';
import { runConfig } from './config';
import { connect, type Host, type Theme } from './teams';

// eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the element's kind, as the page has it
const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const FILTERS = ['rating', 'outcome', 'so', 'district', 'function', 'owner'] as const;

let host: Host;
let data: DashboardData | undefined;
/** What is asked of the API now, besides the form: page, one quarter's items, a question. */
const extra = { page: 1, in: '', what: '', kind: '', q: '' };

function setTheme(theme: Theme): void {
  document.documentElement.dataset['theme'] = theme;
  if (data) draw(data);
}

function say(text: string, error = false): void {
  const status = $('status');
  status.hidden = !text;
  status.className = `notice${error ? ' error' : ''}`;
  status.textContent = text;
}

function params(): URLSearchParams {
  const p = new URLSearchParams();
  const value = (id: string) => $<HTMLSelectElement | HTMLInputElement>(id).value;
  for (const id of ['service', 'from', 'to', ...FILTERS]) if (value(id)) p.set(id, value(id));
  if (extra.what === 'outstanding' || extra.what === 'late') p.set(extra.what, 'true');
  else if (extra.what) p.set('rating', extra.what);
  if (extra.in) p.set('in', extra.in);
  if (extra.kind) p.set('kind', extra.kind);
  if (extra.q) p.set('q', extra.q);
  if (extra.page > 1) p.set('page', String(extra.page));
  return p;
}

function fill(
  id: string,
  options: readonly { value: string; label: string }[],
  chosen: string,
  any = 'Any',
): void {
  const select = $<HTMLSelectElement>(id);
  select.innerHTML =
    (any ? `<option value="">${any}</option>` : '') +
    options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join('');
  select.value = options.some((o) => o.value === chosen) ? chosen : '';
}

function draw(d: DashboardData): void {
  $('title').textContent = `Performance dashboard${d.service.name ? `: ${d.service.name}` : ''}`;
  $('subtitle').textContent = !d.available.length
    ? d.view === 'published'
      ? 'No quarter has been published here yet: the dashboard shows published quarters.'
      : 'No quarter has been opened here yet: the dashboard fills in as returns come in.'
    : d.view === 'published'
      ? 'Published quarters, as SMT saw them.'
      : 'Current returns (quarters not yet published show the answers as they stand).';
  const keep = (id: string) => $<HTMLSelectElement>(id).value;
  const byLabel = d.available.map((q) => ({ value: q.key, label: q.label }));
  fill(
    'service',
    d.services.map((s) => ({ value: s.key, label: s.name })),
    d.service.key,
    '',
  );
  fill('from', byLabel, d.quarters[0]?.key ?? keep('from'), '');
  fill('to', byLabel, d.quarters.at(-1)?.key ?? keep('to'), '');
  fill(
    'outcome',
    d.outcomes.map((o) => ({ value: String(o.number), label: `${o.number}. ${o.title}` })),
    keep('outcome'),
  );
  for (const [id, list] of [
    ['district', d.choices.districts],
    ['function', d.choices.functions],
    ['owner', d.choices.owners],
  ] as const)
    fill(
      id,
      list.map((v) => ({ value: v, label: v })),
      keep(id),
    );
  $('compare').hidden = !d.viewer.lead;
  $('counts-table').innerHTML = countsTable(d);
  $('outcomes-table').innerHTML = outcomesTable(d);
  $('kpi-table').innerHTML = measuresTable(d);
  const chosen = $<HTMLSelectElement>('kpi').value;
  fill(
    'kpi',
    d.measures.map((m) => ({ value: m.ref, label: `${m.ref} ${m.description}` })),
    chosen,
    '',
  );
  $<HTMLSelectElement>('kpi').value ||= d.measures[0]?.ref ?? '';
  $('items-table').innerHTML = itemsTable(d);
  const { total, page, pageSize } = d.items;
  const quarter = d.quarters.find((q) => q.key === extra.in)?.label;
  $('items-caption').textContent =
    `${total} item(s)${quarter ? ` in ${quarter}` : ''}${extra.what ? `: ${extra.what === 'outstanding' ? 'not returned' : extra.what}` : ''}. Page ${page} of ${Math.max(1, Math.ceil(total / pageSize))}.`;
  $('pager').innerHTML =
    (page > 1 ? `<button type="button" data-page="${page - 1}">Previous page</button>` : '') +
    (page * pageSize < total ? `<button type="button" data-page="${page + 1}">Next page</button>` : '');
  countsChart(d);
  measureChart(d, $<HTMLSelectElement>('kpi').value);
}

async function load(focus?: string): Promise<void> {
  say('Loading…');
  try {
    data = await fetchJson<DashboardData>(host, params());
    draw(data);
    say(data.question ? data.question.message : '', data.question?.ok === false);
    if (focus) $(focus).focus();
  } catch (error) {
    say(
      error instanceof ApiError ? error.message : 'The dashboard could not be read. Try again in a minute.',
      true,
    );
  }
}

async function showHistory(id: string): Promise<void> {
  const p = params();
  for (const k of ['page', 'in', 'rating', 'late', 'outstanding', 'q']) p.delete(k);
  p.set('item', id);
  try {
    const h = await fetchJson<HistoryData>(host, p);
    $('history-table').innerHTML = historyTable(h);
    $('history').hidden = false;
    $('h-history').focus();
  } catch (error) {
    say(error instanceof ApiError ? error.message : 'That item could not be read.', true);
  }
}

function wire(): void {
  $('controls').addEventListener('submit', (e) => {
    e.preventDefault();
    Object.assign(extra, { page: 1, in: '', what: '', kind: '', q: '' });
    void load();
  });
  $('clear').addEventListener('click', () => {
    for (const id of FILTERS) $<HTMLSelectElement>(id).value = '';
    Object.assign(extra, { page: 1, in: '', what: '', kind: '', q: '' });
    $<HTMLInputElement>('question').value = '';
    void load();
  });
  $('ask').addEventListener('submit', (e) => {
    e.preventDefault();
    for (const id of FILTERS) $<HTMLSelectElement>(id).value = '';
    Object.assign(extra, {
      page: 1,
      in: '',
      what: '',
      kind: '',
      q: $<HTMLInputElement>('question').value.trim(),
    });
    void load('h-items');
  });
  $('compare-show').addEventListener('click', () => {
    const p = new URLSearchParams({ compare: 'services' });
    for (const id of ['from', 'to'])
      if ($<HTMLSelectElement>(id).value) p.set(id, $<HTMLSelectElement>(id).value);
    fetchJson<CompareData>(host, p).then(
      (c) => {
        $('compare-table').innerHTML = compareTable(c);
        $('compare-table').hidden = false;
      },
      (error: unknown) =>
        say(error instanceof ApiError ? error.message : 'The services could not be read.', true),
    );
  });
  $('kpi').addEventListener('change', () => data && measureChart(data, $<HTMLSelectElement>('kpi').value));
  $('history-close').addEventListener('click', () => {
    $('history').hidden = true;
    $('h-items').focus();
  });
  document.body.addEventListener('click', (e) => {
    const button = (e.target as HTMLElement).closest('button');
    if (!button) return;
    const { in: quarter, what, kind, item, page } = button.dataset;
    if (quarter && what) {
      Object.assign(extra, { page: 1, in: quarter, what, kind: kind ?? '' });
      void load('h-items');
    } else if (item) void showHistory(item);
    else if (page) {
      extra.page = Number(page);
      void load('h-items');
    }
  });
}

void (async () => {
  host = await connect();
  setTheme(host.theme);
  host.onTheme(setTheme);
  if (document.body.dataset['page'] === 'config') {
    await runConfig(host);
    return;
  }
  $('h-items').tabIndex = -1;
  wire();
  const from = new URLSearchParams(location.search);
  if (from.get('service'))
    fill('service', [{ value: from.get('service') ?? '', label: '' }], from.get('service') ?? '', '');
  await load();
})();
