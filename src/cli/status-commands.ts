/** `rag-chaser status`: the plan, and for a quarter: who was chased, reminded, answered, or cannot be reached. */
import { stepOf } from '../domain/message-id';
import { loadCycleState, owners } from '../app/cycle/cycle-state';
import { emailedAt } from '../app/sending/reached';
import { ownerProgress } from '../app/cycle/status';
import { formatDay, formatLocal } from '../domain/local-time';
import { quarterKey, type Quarter } from '../domain/quarter';
import { quarterArgument } from './arguments';
import type { Runtime } from '../runtime';
import type { OutboxRow } from '../app/ports';
import type { Output } from './output';
import { printPlanSummary } from './plan-commands';

function latest(rows: readonly OutboxRow[], upn: string, prefix: (id: string) => boolean): string {
  const times = rows
    .filter((r) => r.recipient === upn && r.status === 'sent' && prefix(r.id))
    .map((r) => r.updatedAt)
    .sort();
  return times.at(-1) ?? '';
}

export async function statusCommand(
  rt: Runtime,
  out: Output,
  quarter: Quarter | undefined,
  json = false,
): Promise<void> {
  const quarterText = quarter ? quarterArgument(quarter) : undefined;
  const plan = await rt.plans.load();
  if (!plan) {
    if (json) {
      out.line(JSON.stringify({ plan: null, cycle: null }, null, 2));
      return;
    }
    out.line('No plan loaded yet. Import one: rag-chaser plan import <activities.csv> --kpis <kpis.csv>');
    return;
  }
  const cycle = quarter ? await rt.cycles.get(quarterKey(quarter)) : await rt.cycles.current();
  if (!cycle && json) {
    const counts = { activities: plan.activities.length, measures: plan.measures.length };
    out.line(JSON.stringify({ plan: { name: plan.name, ...counts }, cycle: null }, null, 2));
    return;
  }
  if (!cycle) {
    if (quarterText)
      out.line(
        `No cycle for ${quarterText} yet: open it with rag-chaser cycle open --quarter ${quarterText}`,
      );
    printPlanSummary(out, plan);
    return;
  }
  const zone = rt.config.timezone;
  const state = await loadCycleState(rt, cycle);
  const itemsOf = owners(state);
  const people = new Map((await rt.people.all()).map((p) => [p.upn, p]));
  const rows = await rt.outbox.list(cycle.key);
  // One row per owner, shared by the JSON and the text output.
  const ownerRows = ownerProgress(state, people, emailedAt(rows), zone).map((p) => ({
    ...p,
    chasedAt: latest(rows, p.upn, (id) => stepOf(id)?.kind === 'chase'),
    remindedAt: latest(rows, p.upn, (id) => ['reminder', 'chase-now'].includes(stepOf(id)?.kind ?? '')),
    lastAnswerAt:
      (itemsOf.get(p.upn) ?? [])
        .map((item) => state.returns.get(item.key)?.submittedAt ?? '')
        .sort()
        .at(-1) ?? '',
  }));
  const items = ownerRows.reduce((n, p) => n + p.items, 0);
  const answered = ownerRows.reduce((n, p) => n + p.answered, 0);
  const late = ownerRows.reduce((n, p) => n + p.late, 0);
  if (json) {
    const { key, label, status, deadline, steps, completed } = cycle;
    const orNull = (iso: string) => iso || null;
    const body = {
      plan: { name: plan.name },
      cycle: { key, label, status, deadline, steps, completed },
      items,
      answered,
      late,
      owners: ownerRows.map((p) => ({
        ...p,
        chasedAt: orNull(p.chasedAt),
        remindedAt: orNull(p.remindedAt),
        lastAnswerAt: orNull(p.lastAnswerAt),
      })),
    };
    out.line(JSON.stringify(body, null, 2));
    return;
  }
  out.line(
    `${plan.name}: ${cycle.label} (${cycle.status}). Deadline: end of ${formatDay(cycle.deadlineDay)}.`,
  );
  out.line(
    `${answered} of ${items} items answered (${late} late); ${ownerRows.filter((p) => p.answered < p.items).length} of ${ownerRows.length} owners still owe something.`,
  );
  const when = (iso: string) => (iso ? formatLocal(iso, zone).replace(/^\w+ /, '') : '-');
  out.line('');
  out.line(['owner', 'answered', 'chased', 'reminded', 'last answer', 'reachable'].join(' | '));
  for (const p of ownerRows.sort(
    (a, b) => a.answered / a.items - b.answered / b.items || a.upn.localeCompare(b.upn),
  )) {
    out.line(
      [
        p.upn,
        `${p.answered}/${p.items}${p.late ? ` (${p.late} late)` : ''}`,
        when(p.chasedAt),
        when(p.remindedAt),
        when(p.lastAnswerAt),
        p.reachable ? `yes: ${p.reached.text}` : `NO: ${p.reached.text}`,
      ].join(' | '),
    );
  }
  const steps = cycle.steps.map(
    (s) => `${s.id} ${formatLocal(s.at, zone)}${cycle.completed.includes(s.id) ? ' (done)' : ''}`,
  );
  out.line('');
  out.line(`Steps: ${steps.join('; ')}`);
}
