/**
 * The card contract: every verb a card can send, the data its actions carry (zod) and the ids of its
 * inputs. Templates, handlers and tests share it: `test/cards/card-contract.test.ts` fails when a
 * template's verb has no handler, a handler's verb is in no template, or an action's data or input ids
 * drift from what is declared here.
 */
import { z } from 'zod';
import { CYCLE_KEY } from '../domain/quarter';

const cycle = z.string().regex(CYCLE_KEY);
const smallNumber = (max: number) => z.coerce.number().int().min(1).max(max);
/** The delivery reference a sent card carries in every action (shared/card-ref.ts). */
const ref = z.string().max(20).optional();
/** The service the card is for (bot/service-choice.ts reads it); empty on a single-service deployment. */
const service = z.string().max(40).optional();

/** What a chase-card button carries: the item, and which part of which card it sits on. */
const chaseData = z
  .object({
    cycle,
    item: z.string().min(1).max(80),
    n: z
      .string()
      .regex(/^\d{1,3}$/)
      .default('1'),
    part: smallNumber(100).default(1),
    parts: smallNumber(100).default(1),
    items: z.string().max(8000).default(''),
    ref,
    service,
  })
  .passthrough();

/** What a review-card button carries: the supporting outcome, its place on the card, the outcome. */
const supportingOutcomeData = z.object({
  cycle,
  so: z.string().max(20),
  n: z.string().regex(/^\d{1,2}$/),
  outcome: smallNumber(50),
  ref,
  service,
});

export const CARD_ACTIONS = {
  /** Store an answer; the card comes back as a receipt. */
  submitReturn: {
    template: 'chase-card',
    data: chaseData,
    /** Per item: the ids are `<input>_<n>`. */
    inputs: ['rag', 'commentary', 'evidence', 'value', 'note'],
    perItem: true,
    stale: 'This card is out of date or damaged. Type "chase me" for a fresh card.',
  },
  /** Show an answered item's inputs again, pre-filled. */
  amendReturn: {
    template: 'chase-card',
    data: chaseData,
    inputs: [],
    perItem: false,
    stale: 'This card is out of date or damaged. Type "chase me" for a fresh card.',
  },
  /** A supporting outcome's overall commentary and any override, on the digest review card. */
  saveReview: {
    template: 'digest-review',
    data: supportingOutcomeData
      .extend({
        /** The AI draft the card offered (Draft with AI); saved unchanged, the commentary is labelled so. */
        aiDraft: z.string().max(4000).optional(),
      })
      .passthrough(),
    inputs: ['commentary', 'override', 'reason'],
    perItem: true,
    stale: 'This card is out of date. Type "digest preview" for a fresh one.',
  },
  /** An AI draft of a supporting outcome's overall commentary (AI_ENDPOINT), into the review card. */
  draftReview: {
    template: 'digest-review',
    data: supportingOutcomeData.passthrough(),
    inputs: [],
    perItem: false,
    stale: 'This card is out of date. Type "digest preview" for a fresh one.',
  },
  approveDigest: {
    template: 'digest-review',
    data: z
      .object({ cycle, outcome: smallNumber(50), ref, service, confirm: z.enum(['yes', '']).default('') })
      .passthrough(),
    inputs: [],
    perItem: false,
    stale: 'This card is out of date. Type "digest preview" for a fresh one.',
  },
  /** Check with AI (AI_ENDPOINT): one supporting outcome's returns read by the assistant, flags labelled AI. */
  checkReview: {
    template: 'digest-review',
    data: supportingOutcomeData.passthrough(),
    inputs: [],
    perItem: false,
    stale: 'This card is out of date. Type "digest preview" for a fresh one.',
  },
  /** A return sent back to its owner with a note, from the review card. */
  sendBack: {
    template: 'digest-review',
    data: z
      .object({
        cycle: z.string().max(40).default(''),
        /** 0 from an Ask answer (no outcome card to return to). */
        outcome: z.coerce.number().int().min(0).max(50),
        item: z.string().min(1).max(40),
        n: z.string().regex(/^\d{1,3}$/),
        /** The quarter the Ask answer showed: refused unless it is the open one. */
        quarter: z.string().max(20).default(''),
        from: z.enum(['review', 'ask']).default('review'),
        ref,
        service,
      })
      .passthrough(),
    inputs: ['note'],
    perItem: true,
    stale: 'This card is out of date. Type "digest preview" for a fresh one.',
  },
  saveSchedule: {
    template: 'schedule-card',
    data: z.object({ form: z.literal('schedule').optional(), ref, service }).passthrough(),
    inputs: [
      'opensAfterQuarterEnd',
      'deadlineAfterQuarterEnd',
      'remindersBeforeDeadline',
      'escalationEnabled',
      'escalateAfterDeadline',
      'digestEnabled',
      'digestAfterDeadline',
      'timeOfDay',
    ],
    perItem: false,
    stale: 'This card is out of date. Type "schedule" for a fresh one.',
  },
} as const;

export type CardVerb = keyof typeof CARD_ACTIONS;
export type CardActionData<V extends CardVerb> = z.infer<(typeof CARD_ACTIONS)[V]['data']>;
export const CARD_VERBS = Object.keys(CARD_ACTIONS) as CardVerb[];

/** An input's value from an action's data: `inputValue(data, 'rag', '3')` reads `rag_3`. */
export function inputValue(data: Readonly<Record<string, unknown>>, input: string, n?: string): unknown {
  return data[n === undefined ? input : `${input}_${n}`];
}
