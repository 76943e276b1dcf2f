/**
 * Chase-card verbs. `submitReturn` stores an answer and returns the card updated to a receipt;
 * `amendReturn` returns the card with that item's inputs pre-filled. Each verb works as Action.Execute
 * (card in the invoke response) and as the Action.Submit fallback (original message updated in place).
 */
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { cardPart, mayAnswerIn, type CycleState } from '../app/owed';
import { findItem, submitReturn } from '../app/submit-return';
import type { ItemError } from '../cards/chase-card';
import type { CardJson } from '../cards/render';
import { CYCLE_KEY } from '../domain/quarter';
import { COMMENTARY_MAX, EVIDENCE_MAX, type ItemKey } from '../domain/returns';
import { ValidationError, NotAuthorisedError } from '../domain/errors';
import { errorCard, explain } from './replies';
import type { BotServices, Caller } from './services';
import { toActivity } from '../teams/messenger';

const actionData = z
  .object({
    cycle: z.string().regex(CYCLE_KEY),
    item: z.string().min(1).max(80),
    n: z
      .string()
      .regex(/^\d{1,3}$/)
      .default('1'),
    part: z.coerce.number().int().min(1).max(100).default(1),
    parts: z.coerce.number().int().min(1).max(100).default(1),
    items: z.string().max(8000).default(''),
  })
  .passthrough();

type ActionData = z.infer<typeof actionData>;

const STALE = new ValidationError('This card is out of date or damaged. Type "chase me" for a fresh card.');

/** The longest each typed field is shown back: the card's own input limits. */
const ECHO_LIMIT: Readonly<Record<string, number>> = {
  rag: 10,
  commentary: COMMENTARY_MAX,
  evidence: EVIDENCE_MAX,
  value: 40,
  note: COMMENTARY_MAX,
};

/** What the person typed, kept on the card after a refusal, each field cut to its input's limit. */
function typedValues(data: ActionData): Record<string, string> {
  const typed: Record<string, string> = {};
  for (const [k, v] of Object.entries(data)) {
    const field = /^(rag|commentary|evidence|value|note)_\d{1,3}$/.exec(k)?.[1];
    if (field && (typeof v === 'string' || typeof v === 'number'))
      typed[k] = String(v).slice(0, ECHO_LIMIT[field]);
  }
  return typed;
}

function answerFrom(data: ActionData): Record<string, unknown> {
  const n = data.n;
  const pick = (name: string) => (data as Record<string, unknown>)[`${name}_${n}`];
  return {
    rag: pick('rag'),
    commentary: pick('commentary') ?? '',
    evidence: pick('evidence') ?? '',
    value: pick('value'),
    note: pick('note') ?? '',
  };
}

function rerender(
  services: BotServices,
  state: CycleState,
  data: ActionData,
  caller: Caller,
  extra: { errors?: Map<ItemKey, ItemError>; editing?: ItemKey; notice?: string },
): CardJson {
  const keys = data.items ? data.items.split(',') : [data.item];
  return cardPart(state, keys, data.part, data.parts, caller, {
    now: services.now(),
    zone: services.zone,
    canAlwaysAmend: caller.serviceManager,
    ...extra,
  });
}

async function submit(services: BotServices, caller: Caller, data: ActionData): Promise<CardJson> {
  try {
    const result = await submitReturn(services, {
      cycleKey: data.cycle,
      item: data.item,
      answer: answerFrom(data),
      by: caller.upn,
      serviceManager: caller.serviceManager,
      now: services.now(),
    });
    const notice = result.stored.late
      ? 'Saved, after the deadline: your answer is marked late.'
      : result.amended
        ? 'Your change is saved.'
        : '';
    services.log.info(
      { cycle: data.cycle, item: data.item, by: caller.upn, version: result.stored.version },
      'return stored',
    );
    return rerender(services, result.state, data, caller, notice ? { notice } : {});
  } catch (error) {
    const { expected, message } = explain(error);
    if (!expected) services.log.error({ err: error, cycle: data.cycle, item: data.item }, 'submit failed');
    try {
      const { state, item } = await findItem(services, data.cycle, data.item);
      // Someone who may not answer for the item sees only why, never the card around it.
      if (!mayAnswerIn(state, item, caller.upn, caller.serviceManager)) return errorCard(error);
      return rerender(services, state, data, caller, {
        errors: new Map<ItemKey, ItemError>([[item.key, { message, typed: typedValues(data) }]]),
      });
    } catch {
      return errorCard(error);
    }
  }
}

async function amend(services: BotServices, caller: Caller, data: ActionData): Promise<CardJson> {
  try {
    const { state, item } = await findItem(services, data.cycle, data.item);
    if (!mayAnswerIn(state, item, caller.upn, caller.serviceManager))
      throw new NotAuthorisedError('Only the owner, the deputy or a service manager can change this answer.');
    return rerender(services, state, data, caller, { editing: item.key });
  } catch (error) {
    return errorCard(error);
  }
}

type Verb = (services: BotServices, caller: Caller, data: ActionData) => Promise<CardJson>;

/** Wraps a verb: the caller must be known and the card's data well-formed, else an explanatory card. */
function verb(handler: Verb) {
  return (services: BotServices, caller: Caller | undefined, raw: unknown): Promise<CardJson> => {
    if (!caller)
      return Promise.resolve(
        errorCard(
          new NotAuthorisedError(
            'We could not tell who you are. Open RAG Chaser in a 1:1 chat and try again.',
          ),
        ),
      );
    const parsed = actionData.safeParse(raw);
    return parsed.success ? handler(services, caller, parsed.data) : Promise.resolve(errorCard(STALE));
  };
}

/** Action.Submit fallback: replace the card the button was on (or send a new one if that fails). */
async function updateInPlace(context: TurnContext, card: CardJson): Promise<void> {
  const replyToId = context.activity.replyToId;
  if (replyToId) {
    try {
      await context.updateActivity({ ...toActivity({ card }), id: replyToId });
      return;
    } catch {
      // Some clients cannot update: fall through and send the receipt as a new message.
    }
  }
  await context.sendActivity(toActivity({ card }));
}

export const VERBS = {
  submitReturn: verb(submit),
  amendReturn: verb(amend),
} as const;

export { updateInPlace };
