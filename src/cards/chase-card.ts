/** The chase card: one card (or a few parts) per owner listing every due item with its own inputs. */
import template from './chase-card.json';
import { CARD_BUDGET_BYTES, cardBytes, render, type CardJson } from './render';
import { isLate, mayAmend, type Cycle } from '../domain/cycle';
import { formatDay, formatLocal } from '../domain/local-time';
import { ownNumber, supportingOutcomeNumbers } from '../domain/plan';
import { RAG_LABEL, ragText } from '../domain/rag';
import { formatValue, rateMeasure, type DueItem, type ItemKey, type StoredReturn } from '../domain/returns';
import type { ChaseCardInput, ItemError } from '../app/ports';

function measureText(r: StoredReturn, item: DueItem, cycle: Cycle): string {
  if (item.kind !== 'measure' || r.value === undefined) return '';
  const m = item.measure;
  const result = rateMeasure(m, r.value, cycle.quarter.q);
  const value = formatValue(r.value, m.unit);
  return result.kind === 'kpi'
    ? `${value}: ${ragText(result.rag)}`
    : `${value}: ${result.band} the expected range`;
}

function context(item: DueItem, cycle: Cycle, soNumbers: ReadonlyMap<string, string>): string {
  if (item.kind === 'activity') {
    const a = item.activity;
    const refs = a.priorityRefs.length ? ` · Priority ${a.priorityRefs.join(', ')}` : '';
    return `Supporting outcome ${soNumbers.get(a.id) ?? ''}: ${ownNumber(a.supportingOutcome)?.title ?? a.supportingOutcome} · ${a.function} · ${a.districts.join(', ')}${refs}`;
  }
  const m = item.measure;
  const better = m.direction === 'higher' ? 'higher is better' : 'lower is better';
  if (m.kind === 'kpi')
    return `KPI · floor ${formatValue(m.floor, m.unit)}, target ${formatValue(m.target, m.unit)} (${better})`;
  const r = m.ranges[cycle.quarter.q];
  return `Activity indicator · expected in Q${cycle.quarter.q}: ${formatValue(r.lower, m.unit)} to ${formatValue(r.upper, m.unit)}`;
}

function itemView(input: ChaseCardInput, item: DueItem, n: number, soNumbers: ReadonlyMap<string, string>) {
  const { cycle, zone, now } = input;
  const answer = input.returns.get(item.key);
  // Sent back: unanswered again, the earlier answer filled in, the manager's note shown as typed.
  const sentBack = answer ? undefined : input.sentBack?.get(item.key);
  const last = input.previous.get(item.key);
  const error = input.errors?.get(item.key);
  const typed = error?.typed ?? {};
  const editing = input.editing === item.key || error !== undefined;
  const prior = editing ? answer : (sentBack?.answer ?? undefined);
  const lastQuarter = !last
    ? ''
    : item.kind === 'activity' && last.rag
      ? `${ragText(last.rag)}: ${clip(last.commentary ?? '', 300)}`
      : measureText(last, item, cycle);
  const submitted = answer ? `by ${answer.submittedBy} on ${formatLocal(answer.submittedAt, zone)}` : '';
  const canAmend = input.canAlwaysAmend === true || mayAmend(cycle, now);
  return {
    n: String(n),
    key: item.key,
    kind: item.kind,
    heading:
      item.kind === 'activity'
        ? `${soNumbers.get(item.activity.id) ?? ''} · ${item.activity.id}`
        : `${item.measure.kind === 'kpi' ? 'KPI' : 'Indicator'} ${item.measure.ref}`,
    text: item.kind === 'activity' ? item.activity.text || '(no activity text)' : item.measure.description,
    context: context(item, cycle, soNumbers),
    lastQuarter,
    error: error?.message ?? '',
    sentBack: sentBack
      ? `Sent back by ${sentBack.by} on ${formatLocal(sentBack.at, zone)}: ${clip(sentBack.note, RECEIPT_CLIP)} Your earlier answer is filled in: change what is needed and submit it again.`
      : '',
    answered: answer !== undefined,
    canAnswer: answer === undefined || (editing && canAmend),
    canAmend: answer !== undefined && !editing && canAmend,
    answerLabel: answer ? 'Change your answer' : sentBack ? 'Answer again' : 'Answer',
    valueLabel: item.kind === 'measure' ? `Value for ${cycle.label} (${item.measure.unit})` : '',
    receipt: {
      status: answer ? (answer.late ? 'Answered late (after the deadline)' : 'Answered') : '',
      rating: answer
        ? item.kind === 'activity' && answer.rag
          ? `${ragText(answer.rag)} (${RAG_LABEL[answer.rag].meaning})`
          : measureText(answer, item, cycle)
        : '',
      submitted,
      commentaryLabel: item.kind === 'activity' ? 'Commentary' : 'Note',
      commentary: clip(
        (item.kind === 'activity' ? answer?.commentary : answer?.note) || '(none)',
        RECEIPT_CLIP,
      ),
      evidence: clip(answer?.evidence ?? '', EVIDENCE_CLIP),
    },
    prefill: {
      rag: typed[`rag_${n}`] ?? prior?.rag ?? '',
      commentary: typed[`commentary_${n}`] ?? prior?.commentary ?? '',
      evidence: typed[`evidence_${n}`] ?? prior?.evidence ?? '',
      value: typed[`value_${n}`] ?? (prior?.value !== undefined ? String(prior.value) : ''),
      note: typed[`note_${n}`] ?? prior?.note ?? '',
    },
  };
}

/** Receipts show this much of a long answer; the full text is stored and in the report. */
const RECEIPT_CLIP = 600;
const EVIDENCE_CLIP = 300;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The numbers given (a card built from one person's rows), else the plan's own. */
function numbersOf(input: ChaseCardInput): ReadonlyMap<string, string> {
  return input.numbers ?? supportingOutcomeNumbers(input.plan.activities);
}

function deadlineText(cycle: Cycle): string {
  return formatDay(cycle.deadlineDay);
}

function renderPart(
  input: ChaseCardInput,
  items: readonly DueItem[],
  part: number,
  parts: number,
  soNumbers: ReadonlyMap<string, string>,
): CardJson {
  const { cycle, now } = input;
  const views = items.map((item, i) => itemView(input, item, i + 1, soNumbers));
  const open = views.filter((v) => !v.answered).length;
  const late = isLate(cycle, now);
  const intro =
    open === 0
      ? `Thank you: all ${views.length} item(s) on this card are answered.${mayAmend(cycle, now) ? ` You can amend them until the end of ${deadlineText(cycle)}.` : ''}`
      : late
        ? `${open} item(s) still need an answer. The deadline (${deadlineText(cycle)}) has passed: answers are still taken and marked late.`
        : `Please give a RAG rating and a commentary for each item below by the end of ${deadlineText(cycle)}. ${open} of ${views.length} still to answer.`;
  return render(template, {
    quarter: cycle.label,
    title: `Quarterly return: ${input.service?.shown ? `${input.service.name}, ` : ''}${cycle.label}${parts > 1 ? ` (part ${part} of ${parts})` : ''}`,
    intro,
    notice: input.notice ?? '',
    cycle: cycle.key,
    service: input.service?.key ?? '',
    part: String(part),
    parts: String(parts),
    itemKeys: items.map((i) => i.key).join(','),
    items: views,
    footer:
      "RAG: ✔ Green = on track · ▲ Amber = some risk or delay, being managed · ✖ Red = off track. Type 'status' for what you still owe, 'help' for commands.",
  });
}

/**
 * Packs items into parts by the size of a worst case (every item answered, receipts at their clipped
 * length), so a part keeps its items as answers come in and always fits once compacted.
 */
function pack(input: ChaseCardInput, soNumbers: ReadonlyMap<string, string>): DueItem[][] {
  const worst = new Map<ItemKey, StoredReturn>(
    input.items.map((i) => [
      i.key,
      {
        item: i.key,
        rag: 'amber',
        commentary: 'x'.repeat(RECEIPT_CLIP),
        evidence: 'x'.repeat(EVIDENCE_CLIP),
        note: 'x'.repeat(RECEIPT_CLIP),
        value: 1_000_000,
        submittedBy: 'someone.with.a.long.name@example.org',
        submittedAt: input.now,
        late: true,
        version: 1,
      },
    ]),
  );
  const blank = { ...input, returns: worst, errors: new Map<ItemKey, ItemError>() };
  const groups: DueItem[][] = [];
  let current: DueItem[] = [];
  for (const item of input.items) {
    const trial = [...current, item];
    if (current.length > 0 && cardBytes(renderPart(blank, trial, 1, 2, soNumbers)) > CARD_BUDGET_BYTES) {
      groups.push(current);
      current = [item];
    } else current = trial;
  }
  if (current.length) groups.push(current);
  return groups;
}

/**
 * Renders the chase card(s) for one person's items. Items are packed into parts that stay under Teams'
 * message limit; each part is independent (its own inputs and submit buttons).
 */
export function chaseCards(input: ChaseCardInput): CardJson[] {
  const soNumbers = numbersOf(input);
  const groups = pack(input, soNumbers);
  return groups.map((g, i) => renderPart(input, g, i + 1, groups.length, soNumbers));
}

/** Re-renders one part (after a submit or an amend) with the items it was sent with. */
export function chaseCardPart(input: ChaseCardInput, part: number, parts: number): CardJson {
  return renderPart(input, input.items, part, parts, numbersOf(input));
}
