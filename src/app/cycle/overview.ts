/**
 * The service manager's overview of an open quarter: progress per outcome, the owners who still owe
 * something grouped by how long ago they were last chased, and who cannot be reached with what to do.
 */
import { outline } from '../../domain/plan';
import { activityKey, measureKey, type ItemKey } from '../../domain/returns';
import { outstanding, owners, type CycleState } from './cycle-state';
import type { OutboxRow, Overview, OutcomeProgress, Person, WaitingOwner } from '../ports';
import { emailedAt } from '../sending/reached';
import { ownerProgress } from './status';

const DAY = 86_400_000;

function progressOf(state: CycleState, keys: readonly ItemKey[]): Omit<OutcomeProgress, 'number' | 'title'> {
  const answers = keys.map((k) => state.returns.get(k)).filter((r) => r !== undefined);
  return {
    answered: answers.length,
    outstanding: keys.length - answers.length,
    late: answers.filter((r) => r.late).length,
  };
}

/** The overview at `now`, from the quarter's state, the people and the quarter's outbox rows. */
export function overview(
  state: CycleState,
  people: ReadonlyMap<string, Person>,
  rows: readonly OutboxRow[],
  now: string,
  zone: string,
): Overview {
  const outcomes = outline(state.plan.activities).map((o) => ({
    number: o.number,
    title: o.title,
    ...progressOf(
      state,
      o.supportingOutcomes.flatMap((so) => so.activities.map((a) => activityKey(a))),
    ),
  }));
  const measures = progressOf(state, state.plan.measures.map(measureKey));
  const lastChase = new Map<string, string>();
  for (const r of rows)
    if (
      r.status === 'sent' &&
      /^(chase|reminder|chase-now)/.test(r.id) &&
      r.updatedAt > (lastChase.get(r.recipient) ?? '')
    )
      lastChase.set(r.recipient, r.updatedAt);
  const waiting: WaitingOwner[] = [];
  for (const [upn, items] of owners(state)) {
    const open = outstanding(state, items).length;
    if (open > 0)
      waiting.push({ upn, outstanding: open, items: items.length, lastChasedAt: lastChase.get(upn) ?? '' });
  }
  const age = (w: WaitingOwner) =>
    w.lastChasedAt ? (Date.parse(now) - Date.parse(w.lastChasedAt)) / DAY : -1;
  const groups: [string, (days: number) => boolean][] = [
    ['Last chased 7 days ago or more', (d) => d >= 7],
    ['Last chased 2 to 6 days ago', (d) => d >= 2 && d < 7],
    ['Chased today or yesterday', (d) => d >= 0 && d < 2],
    ['Not chased yet (not reachable when the quarter opened)', (d) => d < 0],
  ];
  const progress = ownerProgress(state, people, emailedAt(rows), zone);
  const totals = progress.reduce(
    (t, p) => ({ items: t.items + p.items, answered: t.answered + p.answered, late: t.late + p.late }),
    { items: 0, answered: 0, late: 0 },
  );
  return {
    quarter: state.cycle.label,
    deadlineDay: state.cycle.deadlineDay,
    ...totals,
    outcomes,
    measures,
    waiting: groups
      .map(([label, test]) => ({
        label,
        owners: waiting
          .filter((w) => test(age(w)))
          .sort((a, b) => a.lastChasedAt.localeCompare(b.lastChasedAt) || b.outstanding - a.outstanding),
      }))
      .filter((g) => g.owners.length > 0),
    installedForThem: progress.filter((p) => p.reached.how === 'installed').length,
    emailed: progress.filter((p) => p.reached.how === 'emailed').length,
    unreachable: progress.filter((p) => !p.reachable).map((p) => ({ upn: p.upn, reason: p.reached.text })),
  };
}
