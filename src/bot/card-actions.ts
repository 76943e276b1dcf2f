/**
 * Chase-card verbs. `submitReturn` stores an answer and returns the card updated to a receipt;
 * `amendReturn` returns the card with that item's inputs pre-filled. Each verb works as Action.Execute
 * (card in the invoke response) and as the Action.Submit fallback (original message updated in place).
 */
import type { TurnContext } from 'botbuilder';
import { cardPart, mayAnswerIn, type CycleState } from '../app/cycle/cycle-state';
import type { ItemError } from '../app/ports';
import { findItem, submitReturn } from '../app/returns/submit-return';
import { CARD_ACTIONS, inputValue, type CardActionData } from '../cards/actions';
import type { CardJson } from '../cards/render';
import { COMMENTARY_MAX, EVIDENCE_MAX, type ItemKey } from '../domain/returns';
import { NotAuthorisedError } from '../domain/errors';
import { errorCard, explain } from './replies';
import type { BotDeps, Caller } from './deps';
import { toActivity } from '../teams/messenger';

type ActionData = CardActionData<'submitReturn'>;

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
  for (const input of CARD_ACTIONS.submitReturn.inputs) {
    const v = inputValue(data, input, data.n);
    if (typeof v === 'string' || typeof v === 'number')
      typed[`${input}_${data.n}`] = String(v).slice(0, ECHO_LIMIT[input]);
  }
  return typed;
}

function answerFrom(data: ActionData): Record<string, unknown> {
  const pick = (name: (typeof CARD_ACTIONS.submitReturn.inputs)[number]) => inputValue(data, name, data.n);
  return {
    rag: pick('rag'),
    commentary: pick('commentary') ?? '',
    evidence: pick('evidence') ?? '',
    value: pick('value'),
    note: pick('note') ?? '',
  };
}

function rerender(
  services: BotDeps,
  state: CycleState,
  data: ActionData,
  caller: Caller,
  extra: { errors?: Map<ItemKey, ItemError>; editing?: ItemKey; notice?: string },
): CardJson {
  const keys = data.items ? data.items.split(',') : [data.item];
  return cardPart(services.cards, state, keys, data.part, data.parts, caller, {
    now: services.clock(),
    zone: services.zone,
    canAlwaysAmend: caller.serviceManager,
    ...extra,
  });
}

/** `submitReturn`: stores the answer; the card part comes back with the item as a receipt. */
export async function submit(services: BotDeps, caller: Caller, data: ActionData): Promise<CardJson> {
  try {
    const result = await submitReturn(services, {
      cycleKey: data.cycle,
      item: data.item,
      answer: answerFrom(data),
      by: caller.upn,
      serviceManager: caller.serviceManager,
      now: services.clock(),
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
      const { state, item } = await findItem(services, data.cycle, data.item, caller);
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

/** `amendReturn`: the card part with that item's inputs pre-filled. */
export async function amend(
  services: BotDeps,
  caller: Caller,
  data: CardActionData<'amendReturn'>,
): Promise<CardJson> {
  const { state, item } = await findItem(services, data.cycle, data.item, caller);
  if (!mayAnswerIn(state, item, caller.upn, caller.serviceManager))
    throw new NotAuthorisedError('Only the owner, the deputy or a service manager can change this answer.');
  return rerender(services, state, data, caller, { editing: item.key });
}

/** Action.Submit fallback: replace the card the button was on (or send a new one if that fails). */
export async function updateInPlace(context: TurnContext, card: CardJson): Promise<void> {
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
