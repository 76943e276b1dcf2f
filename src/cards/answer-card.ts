/**
 * The answer to a question (app/ask/ask.ts): the query it ran written out with its count, then the items
 * (rating, id and title, owner, commentary excerpt), ten at first with **Show all** for the rest, which
 * come as cards of 30. Everything people wrote is in TextRuns (never read as Markdown).
 */
import type { AskRow } from '../domain/ask';
import { RAG_LABEL, type Rag } from '../domain/rag';
import type { CardJson } from '../app/ports';
import { block, runs } from './blocks';

export const ASK_ALL = 'askAll';
const FIRST = 10;
const PER_CARD = 30;

const COLOUR: Record<Rag, string> = { red: 'Attention', amber: 'Warning', green: 'Good' };

export interface AnswerCardInput {
  readonly title: string;
  readonly rows: readonly AskRow[];
  readonly countOnly: boolean;
  /** Name each item's service (the answer covers several). */
  readonly several: boolean;
  /** The question, carried by Show all so the same query runs again. */
  readonly question: string;
  /** The AI assistant read the wording (the items still come from the stored returns). */
  readonly viaAi?: boolean;
  /** A service manager asking about current returns: each answered item offers Send back. */
  readonly canSendBack?: boolean;
}

const ORDER: Record<Rag, number> = { red: 0, amber: 1, green: 2 };
/** Reds first, then ambers, greens, and items without a rating; plan order within each. */
const bySeverity = (rows: readonly AskRow[]) =>
  [...rows].sort((a, b) => (a.rating ? ORDER[a.rating] : 3) - (b.rating ? ORDER[b.rating] : 3));

const clip = (text: string, n: number) => (text.length > n ? `${text.slice(0, n - 1)}…` : text);

/** Send back with a note, from the answer (verb sendBack, from: ask; the use case decides). */
function sendBackAction(row: AskRow, n: number): Record<string, unknown> {
  const data = {
    verb: 'sendBack',
    from: 'ask',
    outcome: '0',
    item: row.id,
    n: String(n),
    quarter: row.quarter,
    service: row.serviceKey,
  };
  const { verb: _verb, ...executeData } = data;
  return {
    type: 'ActionSet',
    spacing: 'Small',
    actions: [
      {
        type: 'Action.ShowCard',
        title: 'Send back',
        card: {
          type: 'AdaptiveCard',
          body: [
            {
              type: 'Input.Text',
              id: `note_${n}`,
              label: 'Note to the owner: what to look at again',
              isMultiline: true,
              maxLength: 2000,
              isRequired: true,
              errorMessage: 'Say what the owner should look at again.',
            },
          ],
          actions: [
            {
              type: 'Action.Execute',
              title: 'Send back',
              verb: 'sendBack',
              data: executeData,
              fallback: { type: 'Action.Submit', title: 'Send back', data },
            },
          ],
        },
      },
    ],
  };
}

function item(row: AskRow, several: boolean, sendBackN?: number): Record<string, unknown> {
  const rating = row.rating
    ? {
        type: 'TextRun',
        text: `${RAG_LABEL[row.rating].symbol} ${RAG_LABEL[row.rating].word}`,
        weight: 'Bolder',
        color: COLOUR[row.rating],
      }
    : {
        type: 'TextRun',
        text: row.answered ? '• Returned' : '○ Not returned',
        weight: 'Bolder',
        isSubtle: true,
      };
  const detail = [
    row.owner,
    several ? row.service : '',
    row.late ? 'late' : '',
    row.kind === 'kpi' ? 'KPI' : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return {
    type: 'Container',
    separator: true,
    spacing: 'Small',
    items: [
      {
        type: 'RichTextBlock',
        inlines: [
          rating,
          { type: 'TextRun', text: `  ${row.id}  ` },
          { type: 'TextRun', text: clip(row.title, 140) },
        ],
      },
      {
        type: 'RichTextBlock',
        spacing: 'None',
        inlines: [
          { type: 'TextRun', text: detail, size: 'Small', isSubtle: true },
          ...(row.commentary.trim()
            ? [{ type: 'TextRun', text: `\n${clip(row.commentary.trim(), 180)}`, size: 'Small' }]
            : []),
        ],
      },
      ...(sendBackN !== undefined && row.answered ? [sendBackAction(row, sendBackN)] : []),
    ],
  };
}

function card(
  title: string,
  body: Record<string, unknown>[],
  actions: Record<string, unknown>[] = [],
): CardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    msteams: { width: 'Full' },
    body: [runs([title], { weight: 'Bolder', size: 'Medium' }), ...body],
    ...(actions.length ? { actions } : {}),
  };
}

/** The first answer: the count and up to ten items, with Show all when there are more. */
export function answerCard(input: AnswerCardInput): CardJson {
  const shown = input.countOnly ? [] : bySeverity(input.rows).slice(0, FIRST);
  const more = input.rows.length - shown.length;
  const body = [
    ...(input.viaAi
      ? [
          block('Read with AI; the items come from the stored returns.', {
            size: 'Small',
            isSubtle: true,
            spacing: 'None',
          }),
        ]
      : []),
    ...(shown.length
      ? shown.map((r, i) => item(r, input.several, input.canSendBack ? i + 1 : undefined))
      : input.rows.length === 0
        ? [block('Nothing matches.', { isSubtle: true })]
        : []),
  ];
  return card(
    input.title,
    body,
    more > 0
      ? [
          {
            type: 'Action.Submit',
            title: `Show all ${input.rows.length}`,
            data: { verb: ASK_ALL, question: input.question },
          },
        ]
      : [],
  );
}

/** Show all: every item, in cards of 30. */
export function answerCardsAll(input: AnswerCardInput): CardJson[] {
  const parts = Math.max(1, Math.ceil(input.rows.length / PER_CARD));
  return Array.from({ length: parts }, (_, i) =>
    card(
      parts > 1 ? `${input.title} (part ${i + 1} of ${parts})` : input.title,
      bySeverity(input.rows)
        .slice(i * PER_CARD, (i + 1) * PER_CARD)
        .map((r) => item(r, input.several)),
    ),
  );
}

/** "I can't answer that yet; try ...": why, and forms that work. */
export function cannotAnswerCard(message: string, examples: readonly string[]): CardJson {
  return card("I can't answer that yet", [
    runs([message]),
    block('Try, for example:', { spacing: 'Medium', weight: 'Bolder', size: 'Small' }),
    runs(
      examples.map((e) => `• ${e}`),
      { size: 'Small' },
    ),
    block('Type "help" for everything else RAG Chaser does.', { size: 'Small', isSubtle: true }),
  ]);
}
