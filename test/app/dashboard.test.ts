/**
 * The dashboard use case over two seeded quarters (Q1 published, an answer given after publication; Q2
 * open). Expected figures come from the seed pattern (test/support/ask-seed.ts), not from the code.
 */
import {
  compareServices,
  loadDashboard,
  PublishedCache,
  type DashboardViewer,
} from '../../src/app/dashboard/dashboard';
import { itemHistory } from '../../src/app/dashboard/item-history';
import { loadDigest } from '../../src/app/digest/digest';
import { EMPTY_QUERY } from '../../src/domain/ask';
import { NotAuthorisedError, ValidationError } from '../../src/domain/errors';
import { parseQuarter } from '../../src/domain/quarter';
import { askWorld, Q1, Q2, seededLate, seededRag } from '../support/ask-seed';

type World = Awaited<ReturnType<typeof askWorld>>['w'];

const viewer = (over: Partial<DashboardViewer> = {}): DashboardViewer => ({
  upn: 'someone@example.org',
  lead: false,
  managerOf: [],
  smtMember: () => Promise.resolve(false),
  ...over,
});
const MANAGER = viewer({ upn: 'service-manager@example.org', managerOf: ['lra'] });
const SMT = viewer({ upn: 'smt@example.org', smtMember: () => Promise.resolve(true) });

function reference(w: World, q: 1 | 2, keep: (i: number) => boolean = () => true) {
  const counts = { green: 0, amber: 0, red: 0, notReturned: 0 };
  let late = 0;
  w.plan.activities.forEach((_a, i) => {
    if (!keep(i)) return;
    const rag = seededRag(i, q);
    if (rag) counts[rag] += 1;
    else counts.notReturned += 1;
    if (rag && seededLate(i, q)) late += 1;
  });
  return { counts, late };
}

async function seeded() {
  const { w, lateAfterPublication } = await askWorld();
  const service = { key: 'lra', name: 'Libraries, Registration and Archives', deps: w.deps };
  const cache = new PublishedCache();
  return { w, lateAfterPublication, service, cache };
}

describe('dashboard: who sees what', () => {
  it('a manager sees both quarters, Q1 as published (the late answer left out), Q2 as it stands', async () => {
    const { w, service, cache } = await seeded();
    const d = await loadDashboard({ viewer: MANAGER, service }, cache);
    expect(d.view).toBe('current');
    expect(d.quarters.map((q) => [q.key, q.state])).toEqual([
      [Q1, 'published'],
      [Q2, 'current'],
    ]);
    expect(d.quarters[0]).toMatchObject(reference(w, 1));
    expect(d.quarters[1]).toMatchObject(reference(w, 2));
    // Each outcome's roll-up is the one the quarter's digest shows.
    const q2 = await loadDigest(w.deps, (await w.cycles.get(Q2))!);
    expect(d.outcomes.map((o) => o.ratings[1])).toEqual(q2.outcomes.map((o) => o.rag));
    expect(d.outcomes.length).toBeGreaterThan(0);
    // KPIs against floor and target, per quarter; the first KPI was not returned in Q2.
    const first = w.plan.measures[0]!;
    const line = d.measures.find((m) => m.ref === first.ref)!;
    expect(line.points[1]?.value).toBeUndefined();
    expect(line.points[0]).toMatchObject(
      first.kind === 'kpi' ? { floor: first.floor, target: first.target } : {},
    );
    await w.drop();
  });

  it('an SMT member sees published quarters only; a lead sees everything; anyone else is refused', async () => {
    const { w, service, cache } = await seeded();
    const smt = await loadDashboard({ viewer: SMT, service }, cache);
    expect(smt.view).toBe('published');
    expect(smt.quarters.map((q) => q.key)).toEqual([Q1]);
    expect(smt.available.map((q) => q.key)).toEqual([Q1]);
    expect(smt.quarters[0]).toMatchObject(reference(w, 1));
    const lead = await loadDashboard({ viewer: viewer({ lead: true }), service }, cache);
    expect(lead.quarters.map((q) => q.key)).toEqual([Q1, Q2]);
    await expect(loadDashboard({ viewer: viewer(), service }, cache)).rejects.toThrow(NotAuthorisedError);
    await expect(itemHistory({ viewer: viewer(), service, item: 'x' }, cache)).rejects.toThrow(
      /Only managers of Libraries, Registration and Archives, performance leads and members of its SMT team/,
    );
    await w.drop();
  });
});

describe('dashboard: a lead compares services', () => {
  it('a lead sees every service side by side; a manager of one is refused', async () => {
    const { w, service, cache } = await seeded();
    const other = await askWorld();
    const second = { key: 'cs', name: 'Customer Services', deps: other.w.deps };
    const side = await compareServices(
      { viewer: viewer({ lead: true }), services: [service, second] },
      cache,
    );
    expect(side.map((s) => [s.key, s.quarters.map((q) => q.key)])).toEqual([
      ['lra', [Q1, Q2]],
      ['cs', [Q1, Q2]],
    ]);
    expect(side[0]?.quarters[1]).toMatchObject(reference(w, 2));
    await expect(compareServices({ viewer: MANAGER, services: [service, second] }, cache)).rejects.toThrow(
      /Only performance leads/,
    );
    await w.drop();
    await other.w.drop();
  });
});

describe('dashboard: filters and drill-down', () => {
  it('a district and a rating filter every quarter alike; a count opens exactly its items, paged', async () => {
    const { w, service, cache } = await seeded();
    const district = w.plan.activities.flatMap((a) => a.districts).find(Boolean)!;
    const inDistrict = (i: number) => w.plan.activities[i]!.districts.includes(district);
    const filter = { ...EMPTY_QUERY, district };
    const d = await loadDashboard({ viewer: MANAGER, service, filter }, cache);
    expect(d.quarters[1]).toMatchObject(reference(w, 2, inDistrict));
    // The red count of Q2 in that district, clicked: its items and nothing else.
    const reds = w.plan.activities
      .filter((a, i) => inDistrict(i) && seededRag(i, 2) === 'red')
      .map((a) => a.id);
    const clicked = await loadDashboard(
      { viewer: MANAGER, service, filter: { ...filter, kind: 'activity', ratings: ['red'] }, itemsIn: Q2 },
      cache,
    );
    expect(clicked.items.total).toBe(d.quarters[1]!.counts.red);
    expect(clicked.items.rows.map((r) => r.id).sort()).toEqual(reds.sort());
    expect(clicked.items.rows.every((r) => r.ratings[1] === 'red')).toBe(true);
    // Every item over pages of 50, each once.
    const all = await loadDashboard({ viewer: MANAGER, service }, cache);
    const pages = Math.ceil(all.items.total / all.items.pageSize);
    const ids: string[] = [];
    for (let page = 1; page <= pages; page += 1)
      ids.push(
        ...(await loadDashboard({ viewer: MANAGER, service, page }, cache)).items.rows.map((r) => r.id),
      );
    expect(ids.length).toBe(w.plan.activities.length + w.plan.measures.length);
    expect(new Set(ids).size).toBe(ids.length);
    await w.drop();
  });

  it('a question becomes the filter, answered about the latest quarter as Ask answers it', async () => {
    const { w, service, cache } = await seeded();
    const district = w.plan.activities.flatMap((a) => a.districts).find(Boolean)!;
    const d = await loadDashboard(
      { viewer: MANAGER, service, question: `which reds are in ${district}?` },
      cache,
    );
    expect(d.question).toMatchObject({ ok: true });
    expect(d.filter).toMatchObject({
      district: expect.stringMatching(new RegExp(district, 'i')),
      ratings: ['red'],
    });
    const expected = w.plan.activities
      .filter((a, i) => a.districts.includes(district) && seededRag(i, 2) === 'red')
      .map((a) => a.id);
    expect(d.items.rows.map((r) => r.id).sort()).toEqual(expected.sort());
    const unknown = await loadDashboard({ viewer: MANAGER, service, question: 'zorblax frobnicate' }, cache);
    expect(unknown.question).toMatchObject({
      ok: false,
      message: expect.stringMatching(/did not understand/),
    });
    expect(unknown.items.total).toBe(w.plan.activities.length + w.plan.measures.length);
    await w.drop();
  });

  it('an item’s history: each quarter as its report reads it, with who answered and when', async () => {
    const { w, service, cache, lateAfterPublication } = await seeded();
    const h = await itemHistory({ viewer: MANAGER, service, item: lateAfterPublication }, cache);
    // Not returned by publication: the answer given afterwards is not the record.
    expect(h.quarters[0]).toMatchObject({ quarter: '2016/17 Q1', state: 'published', by: '', at: '' });
    expect(h.quarters[0]?.rating).toBeUndefined();
    const i = w.plan.activities.findIndex((a) => a.id === lateAfterPublication);
    const a = w.plan.activities[i]!;
    expect(h.quarters[1]).toMatchObject({
      quarter: '2016/17 Q2',
      state: 'current',
      rating: seededRag(i, 2),
      by: seededRag(i, 2) ? a.owner : '',
    });
    await expect(itemHistory({ viewer: MANAGER, service, item: 'NOPE-9' }, cache)).rejects.toThrow(
      /no item "NOPE-9"/,
    );
    await w.drop();
  });

  it('a range: from and to choose the quarters; from after to is refused', async () => {
    const { w, service, cache } = await seeded();
    const one = await loadDashboard(
      { viewer: MANAGER, service, from: parseQuarter('2016/17 Q2'), to: parseQuarter('2016/17 Q2') },
      cache,
    );
    expect(one.quarters.map((q) => q.key)).toEqual([Q2]);
    await expect(
      loadDashboard(
        { viewer: MANAGER, service, from: parseQuarter('2016/17 Q2'), to: parseQuarter('2016/17 Q1') },
        cache,
      ),
    ).rejects.toThrow(ValidationError);
    await w.drop();
  });
});
