/**
 * What the review cards offer to challenge: per supporting outcome, the answered items whose rating and
 * commentary (or KPI value) look wrong by the plain rules of domain/review-flags, and every item sent
 * back and waiting; the KPIs apart. Computed from the whole cycle; nothing is changed.
 */
import { activityFlags, measureFlags } from '../../domain/review-flags';
import { supportingOutcomeId } from '../../domain/plan';
import { formatDay, localDate } from '../../domain/local-time';
import { planItems } from '../../domain/returns';
import type { CycleState } from '../cycle/cycle-state';
import type { FlaggedItem, ReviewFlags } from '../ports';

export function reviewFlags(state: CycleState, zone: string): ReviewFlags {
  const bySo = new Map<string, FlaggedItem[]>();
  const kpis: FlaggedItem[] = [];
  for (const item of planItems(state.plan)) {
    const answer = state.returns.get(item.key);
    const back = state.sentBack?.get(item.key);
    const waiting = back
      ? `Sent back by ${back.by} on ${formatDay(localDate(back.at, zone))}: waiting for the answer`
      : undefined;
    const reasons = !answer
      ? []
      : item.kind === 'activity'
        ? activityFlags(answer).map((f) => f.reason)
        : measureFlags(item.measure, answer, state.previous.get(item.key)).map((f) => f.reason);
    if (!reasons.length && !waiting) continue;
    if (item.kind === 'activity') {
      const a = item.activity;
      const so = supportingOutcomeId(a.outcome, a.supportingOutcome);
      bySo.set(so, [...(bySo.get(so) ?? []), { id: a.id, title: a.text, reasons, waiting }]);
    } else kpis.push({ id: item.measure.ref, title: item.measure.description, reasons, waiting });
  }
  return { bySupportingOutcome: bySo, kpis };
}
