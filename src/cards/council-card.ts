/**
 * The council digest as Teams cards: per service its counts (with a labelled bar), its outcomes with
 * direction of travel, its Reds in one line each, KPIs off target, and who is late. Built as JSON (no
 * template), packed so that each card stays under Teams' message limit; one card for a few services.
 */
import type { CouncilServiceLine, CouncilSummary } from '../domain/council';
import { formatValue } from '../domain/units';
import { ragText, TRAVEL_TEXT, type Rag, type Travel } from '../domain/rag';
import { barsAltText, ragBars } from './chart';
import { countsText } from './digest-cards';
import { CARD_BUDGET_BYTES, cardBytes, type CardJson } from './render';

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'not returned');
const travel = (t: Travel | undefined) => (t ? ` (${TRAVEL_TEXT[t]})` : '');
const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const text = (t: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text: t,
  wrap: true,
  ...extra,
});

/** The lines of one service; lists are capped so one service never outgrows a card. */
function serviceBlock(s: CouncilServiceLine): object {
  const reds = s.reds.slice(0, 12);
  const lateItems = s.late.reduce((n, l) => n + l.items.length, 0);
  return {
    type: 'Container',
    separator: true,
    spacing: 'Large',
    items: [
      text(s.name, { weight: 'Bolder', size: 'Medium', style: 'heading' }),
      text(
        `${countsText(s.counts)}${s.lateCount ? ` · ${s.lateCount} answered late` : ''}${s.published ? '' : ' · digest not published'}`,
        {
          spacing: 'Small',
        },
      ),
      {
        type: 'ColumnSet',
        spacing: 'Small',
        columns: [
          {
            type: 'Column',
            width: '80px',
            verticalContentAlignment: 'Center',
            items: [text('Activities', { size: 'Small' })],
          },
          {
            type: 'Column',
            width: 'stretch',
            verticalContentAlignment: 'Center',
            items: [
              {
                type: 'Image',
                url: ragBars([s.counts]),
                altText: barsAltText([s.name], [s.counts]),
                size: 'Stretch',
              },
            ],
          },
        ],
      },
      {
        type: 'FactSet',
        facts: s.outcomes.map((o) => ({
          title: `Outcome ${o.number}`,
          value: `${rating(o.rag)}${travel(o.travel)} · ${o.title}`,
        })),
      },
      text(reds.length ? `Reds (${s.reds.length})` : 'Reds: none', { weight: 'Bolder', spacing: 'Small' }),
      ...reds.map((r) =>
        text(`✖ ${r.id} ${clip(r.text, 70)} (${r.owner}): ${clip(r.commentary || 'no commentary', 110)}`, {
          spacing: 'None',
          size: 'Small',
        }),
      ),
      ...(s.reds.length > reds.length
        ? [
            text(`…and ${s.reds.length - reds.length} more in the committee report.`, {
              size: 'Small',
              isSubtle: true,
            }),
          ]
        : []),
      text(
        s.kpisOffTarget.length
          ? `KPIs off target: ${s.kpisOffTarget.map((k) => `${k.ref} ${formatValue(k.value, k.unit)} (${ragText(k.rag)}, target ${formatValue(k.target, k.unit)})`).join('; ')}`
          : 'KPIs off target: none',
        { spacing: 'Small' },
      ),
      text(
        s.late.length
          ? `Late: ${lateItems} item(s) from ${s.late.length} owner(s): ${s.late
              .slice(0, 8)
              .map((l) => `${l.owner} (${l.items.length})`)
              .join(', ')}${s.late.length > 8 ? `, and ${s.late.length - 8} more` : ''}`
          : 'Late: every item was returned.',
        { spacing: 'Small' },
      ),
    ],
  };
}

function card(summary: CouncilSummary, blocks: readonly object[], part: number, parts: number): CardJson {
  const title = `Council performance: ${summary.quarter}${parts > 1 ? ` (part ${part} of ${parts})` : ''}`;
  const totals = `All services: ${countsText(summary.totals)}`;
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `${title}. ${totals}`,
    speak: `${title}. ${totals}`,
    body: [
      text(title, { size: 'Large', weight: 'Bolder', style: 'heading' }),
      text(totals, { weight: 'Bolder' }),
      ...(summary.missing.length
        ? [text(`No ${summary.quarter} for: ${summary.missing.join(', ')}.`, { isSubtle: true })]
        : []),
      ...blocks,
      text(
        'RAG: ✔ Green = on track · ▲ Amber = some risk or delay · ✖ Red = off track. Arrows compare with the previous quarter. Each service’s own digest is in its SMT channel; the committee version is "rag-chaser report --council".',
        {
          size: 'Small',
          isSubtle: true,
          spacing: 'Large',
        },
      ),
    ],
  };
}

export function councilCards(summary: CouncilSummary): CardJson[] {
  const groups: object[][] = [];
  let current: object[] = [];
  for (const s of summary.services) {
    const block = serviceBlock(s);
    if (current.length && cardBytes(card(summary, [...current, block], 1, 2)) > CARD_BUDGET_BYTES) {
      groups.push(current);
      current = [block];
    } else current.push(block);
  }
  groups.push(current);
  return groups.map((g, i) => card(summary, g, i + 1, groups.length));
}
