/**
 * The trial's sample returns: two earlier quarters (2015/16 Q2 and Q3) answered and closed, so the
 * dashboard's trend has a shape while `open 2016/17 Q1` still starts the trial's quarter as before (the
 * quarter just before it, 2015/16 Q4, is left unopened, so its cards show no "last quarter").
 * Made through the use cases (opened as the scheduler would, each answer given as its owner), once: a
 * store with quarters already opened is left as it is. Ratings come from a fixed seed, so every trial
 * shows the same picture.
 */
import { systemActor } from '../app/council/actors';
import { openCycle } from '../app/cycle/open-cycle';
import { planOf } from '../app/cycle/cycle-state';
import type { AppDeps, LeaseStore } from '../app/ports';
import { submitReturn } from '../app/returns/submit-return';
import { closeQuarter } from '../app/digest/published-record';
import { parseQuarter } from '../domain/quarter';
import type { Rag } from '../domain/rag';

export const SAMPLE_QUARTERS = [
  { label: '2015/16 Q2', opens: '2015-10-05T08:00:00Z', answers: '2015-10-09T10:00:00Z', shift: 0 },
  { label: '2015/16 Q3', opens: '2016-01-04T08:00:00Z', answers: '2016-01-08T10:00:00Z', shift: 1 },
] as const;

const COMMENTARY: Record<Rag, string[]> = {
  green: [
    'Delivered as planned this quarter; the figures are in the branch returns.',
    'On track: the work finished on time and within budget.',
  ],
  amber: [
    'Some delay while staff vacancies are filled; the recovery plan has the work finishing next quarter.',
    'Slipped by a few weeks because a supplier was late; new dates agreed and being managed.',
  ],
  red: [
    'Off track: funding was not confirmed, so the project paused. Recovery: a revised bid goes to SMT next month.',
    'Stopped by building works at the branch; recovery plan agreed to restart when the site reopens.',
  ],
};

/** A small fixed-seed generator (mulberry32): the same trial every time. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Opens the two quarters and answers them; false when the store already had a quarter. */
export async function addSampleReturns(deps: AppDeps, leases: LeaseStore): Promise<boolean> {
  if ((await deps.cycles.all()).length > 0) return false;
  for (const q of SAMPLE_QUARTERS) {
    const { cycle } = await openCycle(deps, {
      quarter: parseQuarter(q.label),
      clock: () => q.opens,
      actor: systemActor('scheduler'),
      lease: { leases },
    });
    const plan = await planOf(deps.plans, cycle);
    const next = random(2016 + q.shift);
    for (const a of plan.activities) {
      const roll = next();
      // The second quarter is a little better: some ambers recover, fewer are missing.
      const rag: Rag | undefined =
        roll < 0.08 - q.shift * 0.02
          ? undefined
          : roll < 0.18
            ? 'red'
            : roll < 0.42 - q.shift * 0.06
              ? 'amber'
              : 'green';
      if (!rag) continue;
      const lines = COMMENTARY[rag];
      await submitReturn(deps, {
        cycleKey: cycle.key,
        item: `a:${a.id}`,
        answer: { rag, commentary: lines[Math.floor(next() * lines.length)] ?? '', evidence: '' },
        by: a.owner,
        serviceManager: false,
        now: q.answers,
      });
    }
    for (const m of plan.measures) {
      const [low, high] =
        m.kind === 'kpi'
          ? [Math.min(m.floor, m.target), Math.max(m.floor, m.target)]
          : [m.ranges[cycle.quarter.q].lower, m.ranges[cycle.quarter.q].upper];
      const spread = Math.max(1, high - low);
      const raw = low - spread * 0.3 + next() * spread * 1.6;
      const value = m.unit === 'percent' ? Math.round(raw * 10) / 10 : Math.round(raw);
      await submitReturn(deps, {
        cycleKey: cycle.key,
        item: `m:${m.ref}`,
        answer: { value, note: 'From the quarterly figures.' },
        by: m.owner,
        serviceManager: false,
        now: q.answers,
      });
    }
    // Over: the quarter takes no more answers and no step of its schedule runs any more.
    await closeQuarter(deps, cycle.key);
  }
  return true;
}
