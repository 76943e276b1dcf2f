/**
 * A seeded two-quarter data set for questions: the sample plan (86 activities, KPIs and indicators) with
 * 2016/17 Q1 and Q2 returns drawn from a fixed pattern (ratings, some not returned, some late, KPI values
 * on both sides of their targets); Q1's digest published, Q2's not.
 */
import { planCycle } from '../../src/domain/cycle';
import { parseQuarterKey } from '../../src/domain/quarter';
import { RAGS } from '../../src/domain/rag';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import type { StoredReturn } from '../../src/domain/returns';
import { world } from './world';

export const Q1 = '2016-17-Q1';
export const Q2 = '2016-17-Q2';
export const PUBLISHED_AT = '2016-07-20T09:00:00Z';

/** Rating of activity number `i` (plan order) in quarter 1 or 2; undefined = not returned. */
export function seededRag(i: number, q: 1 | 2): (typeof RAGS)[number] | undefined {
  if (q === 1) return i % 11 === 10 ? undefined : RAGS[(i * 7) % 3];
  if (i % 9 === 4) return undefined;
  return RAGS[(i * 7 + (i % 4 === 0 ? 1 : 0)) % 3];
}
export const seededLate = (i: number, q: 1 | 2) => q === 2 && i % 7 === 3;

export async function askWorld() {
  const w = await world({ installAll: true });
  for (const [key, opened] of [
    [Q1, '2016-07-01T08:00:00Z'],
    [Q2, '2016-10-03T08:00:00Z'],
  ] as const)
    await w.cycles.create(planCycle(parseQuarterKey(key), DEFAULT_SCHEDULE, w.zone, opened, 'test'));
  for (const [q, key, at] of [
    [1, Q1, '2016-07-10T10:00:00Z'],
    [2, Q2, '2016-10-10T10:00:00Z'],
  ] as const) {
    for (const [i, a] of w.plan.activities.entries()) {
      const rag = seededRag(i, q);
      if (!rag) continue;
      const stored: StoredReturn = {
        item: `a:${a.id}`,
        rag,
        commentary: `Q${q} progress on ${a.id}`,
        evidence: '',
        submittedBy: a.owner,
        submittedAt: at,
        late: seededLate(i, q),
        version: 1,
      };
      await w.returns.save(key, stored, undefined);
    }
    for (const [i, m] of w.plan.measures.entries()) {
      if (q === 2 && i === 0) continue; // the first KPI not returned in Q2
      const value =
        m.kind === 'kpi' ? [m.floor - 5, (m.floor + m.target) / 2, m.target + 1][(i + q) % 3] : 50;
      await w.returns.save(
        key,
        {
          item: `m:${m.ref}`,
          value,
          note: `Q${q} note`,
          submittedBy: m.owner,
          submittedAt: at,
          late: false,
          version: 1,
        },
        undefined,
      );
    }
  }
  // An answer that came after Q1's digest was published: channel members do not see it.
  const lateAnswer = w.plan.activities.findIndex((_, i) => seededRag(i, 1) === undefined);
  const late = w.plan.activities[lateAnswer];
  if (late)
    await w.returns.save(
      Q1,
      {
        item: `a:${late.id}`,
        rag: 'red',
        commentary: 'After publication',
        evidence: '',
        submittedBy: late.owner,
        submittedAt: '2016-07-25T10:00:00Z',
        late: true,
        version: 1,
      },
      undefined,
    );
  await w.digests.markPublished(Q1, { by: 'svc@example.org', at: PUBLISHED_AT });
  return { w, lateAfterPublication: late?.id ?? '' };
}
