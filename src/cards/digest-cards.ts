/** The digest as Teams cards: a summary (counts, chart, outcomes, KPIs, not returned) and a card per outcome. */
import { PICK_SERVICE } from './service-picker';
import summaryTemplate from './digest-summary.json';
import outcomeTemplate from './digest-outcome.json';
import { barsAltText, ragBars } from './chart';
import { CARD_BUDGET_BYTES, cardBytes, render, type CardJson } from './render';
import type { ActivityLine, Digest, OutcomeDigest, SupportingOutcomeDigest } from '../domain/digest';
import { formatLocal } from '../domain/local-time';
import { ragText, TRAVEL_TEXT, type Rag, type RagCounts, type Travel } from '../domain/rag';
import { formatValue } from '../domain/returns';

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'not returned');
const travel = (t: Travel | undefined) => (t ? ` (${TRAVEL_TEXT[t]})` : '');
export const countsText = (c: RagCounts) =>
  `✔ Green ${c.green} · ▲ Amber ${c.amber} · ✖ Red ${c.red} · not returned ${c.notReturned}`;

function status(digest: Digest, zone: string, preview: boolean): string {
  if (digest.approval)
    return `Approved by ${digest.approval.by} on ${formatLocal(digest.approval.at, zone)}.`;
  return preview
    ? 'DRAFT for review: not yet approved. Write the overall commentary per supporting outcome, then approve.'
    : 'Not approved.';
}

export function digestSummaryCard(digest: Digest, zone: string, preview = false): CardJson {
  return render(summaryTemplate, {
    title: `${digest.plan}: ${digest.quarter} digest`,
    status: status(digest, zone, preview),
    countsText: `${countsText(digest.counts)}${digest.lateCount ? ` · ${digest.lateCount} answered late` : ''}${digest.sentBackCount ? ` · ${digest.sentBackCount} return(s) sent back and not re-answered` : ''}`,
    // One bar per outcome, each with its name beside it (and in its alt text).
    bars: digest.outcomes.map((o) => ({
      label: `Outcome ${o.number}`,
      image: ragBars([o.counts]),
      alt: barsAltText([`Outcome ${o.number}`], [o.counts]),
    })),
    rule: digest.rule === 'majority' ? 'majority, ties to the worse colour' : 'worst colour',
    outcomes: digest.outcomes.map((o) => ({
      title: `Outcome ${o.number}`,
      value: `${rating(o.rag)}${travel(o.travel)} · ✔ ${o.counts.green} ▲ ${o.counts.amber} ✖ ${o.counts.red} · ${o.counts.notReturned} not returned · ${o.title}`,
    })),
    kpis: digest.kpis.map((k) => ({
      title: k.ref,
      value:
        k.value === undefined
          ? `not returned (floor ${formatValue(k.floor, k.unit)}, target ${formatValue(k.target, k.unit)})`
          : `${formatValue(k.value, k.unit)}: ${rating(k.rag)}${travel(k.travel)} (floor ${formatValue(k.floor, k.unit)}, target ${formatValue(k.target, k.unit)})${k.late ? ', late' : ''}`,
    })),
    indicators: digest.indicators.map((i) => ({
      title: i.ref,
      value:
        i.value === undefined
          ? 'not returned'
          : `${formatValue(i.value, i.unit)}: ${i.band ?? ''} the expected ${formatValue(i.lower, i.unit)} to ${formatValue(i.upper, i.unit)}${travel(i.travel)}`,
    })),
    outstanding: digest.outstanding.length
      ? [
          `${digest.outstanding.reduce((n, o) => n + o.items.length, 0)} item(s) from ${digest.outstanding.length} owner(s):`,
          ...digest.outstanding
            .slice(0, 15)
            .map(
              (o) =>
                `${o.owner}${o.reached ? ` (${o.reached.length > 90 ? `${o.reached.slice(0, 89)}…` : o.reached})` : ''}: ${o.items.join(', ')}`,
            ),
          ...(digest.outstanding.length > 15
            ? [`…and ${digest.outstanding.length - 15} more owners (see the committee report).`]
            : []),
        ]
      : ['Every item was returned.'],
    footer:
      'RAG: ✔ Green = on track · ▲ Amber = some risk or delay · ✖ Red = off track. Arrows compare with the previous quarter. Each outcome follows with its Reds and Ambers.',
  });
}

/** Long texts are clipped on cards; the committee report has them in full. */
const clip = (text: string, max: number) =>
  text.length > max ? `${text.slice(0, max - 1)}… (full text in the committee report)` : text;

function notable(a: ActivityLine) {
  return {
    heading: `${rating(a.rag)}${travel(a.travel)} · ${a.text} (${a.function}, ${a.districts.join(', ')})`,
    commentary: clip(a.commentary || '(no commentary)', 600),
  };
}

function soView(s: SupportingOutcomeDigest) {
  const computed = s.override ? ` (computed: ${rating(s.computed)})` : '';
  return {
    heading: `${s.number} ${s.title}`,
    rating: `${rating(s.rag)}${computed}${travel(s.travel)} · ${countsText(s.counts)}`,
    override: s.override ? `${ragText(s.override.rag)}: ${s.override.reason}` : '',
    commentary: clip(s.aiDraft ? `AI draft: ${s.commentary}` : s.commentary, 1500),
    notable: s.activities.filter((a) => a.rag === 'red' || a.rag === 'amber').map(notable),
  };
}

function outcomeCard(
  o: OutcomeDigest,
  quarter: string,
  sos: readonly SupportingOutcomeDigest[],
  part: number,
  parts: number,
): CardJson {
  return render(outcomeTemplate, {
    title: `Outcome ${o.number}: ${o.title}${parts > 1 ? ` (part ${part} of ${parts})` : ''}`,
    summary: `${quarter}: ${rating(o.rag)}${travel(o.travel)} · ${countsText(o.counts)}`,
    supportingOutcomes: sos.map(soView),
  });
}

/** One card per outcome, split by supporting outcome when long, each under the size budget. */
export function digestOutcomeCards(digest: Digest): CardJson[] {
  const cards: CardJson[] = [];
  for (const o of digest.outcomes) {
    const groups: SupportingOutcomeDigest[][] = [];
    let current: SupportingOutcomeDigest[] = [];
    for (const s of o.supportingOutcomes) {
      if (
        current.length &&
        cardBytes(outcomeCard(o, digest.quarter, [...current, s], 1, 2)) > CARD_BUDGET_BYTES
      ) {
        groups.push(current);
        current = [s];
      } else current.push(s);
    }
    if (current.length) groups.push(current);
    groups.forEach((g, i) => cards.push(outcomeCard(o, digest.quarter, g, i + 1, groups.length)));
  }
  return cards;
}

/**
 * The published digest: the summary (with a button that sends the committee report to the presser's 1:1
 * chat, as if they had typed "report <quarter>" there) and one card per outcome.
 */
export function digestCards(digest: Digest, zone: string, preview = false, service = ''): CardJson[] {
  const summary = digestSummaryCard(digest, zone, preview);
  const report: CardJson = preview
    ? summary
    : {
        ...summary,
        actions: [
          {
            type: 'Action.Submit',
            title: 'Committee report (files in your chat)',
            data: { verb: PICK_SERVICE, command: `report ${digest.quarter}`, service },
          },
        ],
      };
  return [report, ...digestOutcomeCards(digest)];
}
