/**
 * Card verbs: one handler per verb of the card contract (cards/actions.ts), registered as Action.Execute
 * (the card comes back in the invoke response) and as the Action.Submit fallback (the original message is
 * updated in place). The one boundary of card verbs: unknown caller, damaged data and unexpected errors are
 * answered with a card here, and the card that replaces the old one keeps its delivery reference.
 */
import type { TurnContext } from 'botbuilder';
import type { AdaptiveCard, Application } from '@microsoft/teams-ai';
import { CARD_ACTIONS, CARD_VERBS, type CardActionData, type CardVerb } from '../cards/actions';
import { messageCard } from '../cards/message-card';
import { refOf, withRef } from '../shared/card-ref';
import type { CardJson } from '../cards/render';
import { NotAuthorisedError, ValidationError } from '../domain/errors';
import { amend, submit, updateInPlace } from './card-actions';
import { approveFromCard, checkReview, draftReview, saveReview, sendBackFromCard } from './digest-commands';
import { boundaryCard, errorCard } from './replies';
import { cardService } from './service-choice';
import { saveSchedule } from './schedule-actions';
import type { BotDeps, Caller } from './deps';

type VerbHandler<V extends CardVerb> = (
  services: BotDeps,
  caller: Caller,
  data: CardActionData<V>,
) => Promise<CardJson>;

/** Every verb of the contract has its handler (the type refuses a missing one). */
export const CARD_HANDLERS: { readonly [V in CardVerb]: VerbHandler<V> } = {
  submitReturn: submit,
  amendReturn: amend,
  saveReview,
  draftReview,
  approveDigest: approveFromCard,
  sendBack: sendBackFromCard,
  checkReview,
  saveSchedule,
};

const UNKNOWN_CALLER = new NotAuthorisedError(
  'We could not tell who you are. Open RAG Chaser in a 1:1 chat and try again.',
);

const asCard = (card: CardJson): AdaptiveCard => ({ ...card, type: 'AdaptiveCard' });

async function answer(
  services: BotDeps,
  verb: CardVerb,
  caller: Caller | undefined,
  raw: unknown,
): Promise<CardJson> {
  if (!caller) return errorCard(UNKNOWN_CALLER);
  const parsed = CARD_ACTIONS[verb].data.safeParse(raw);
  // Damaged data: what to type for a fresh card of that kind.
  if (!parsed.success) return errorCard(new ValidationError(CARD_ACTIONS[verb].stale));
  const handler = CARD_HANDLERS[verb] as VerbHandler<CardVerb>;
  try {
    // The card names its service (cards sent before there were services are the first service's).
    const scoped = await cardService(services, caller, raw);
    return await handler(scoped.services, scoped.caller, parsed.data);
  } catch (error) {
    return boundaryCard(services.log, error, { verb });
  }
}

export function registerCardVerbs(
  app: Application,
  services: BotDeps,
  callerOf: (context: TurnContext) => Caller | undefined,
): void {
  for (const verb of CARD_VERBS) {
    const reply = async (context: TurnContext, data: unknown) =>
      withRef(await answer(services, verb, callerOf(context), data), refOf(data));
    app.adaptiveCards.actionExecute(verb, async (context, _state, data) =>
      asCard(await reply(context, data)),
    );
    app.adaptiveCards.actionSubmit(verb, async (context, _state, data) => {
      await updateInPlace(context, await reply(context, data));
    });
  }
  // Any other verb: say so on the card rather than failing silently.
  app.adaptiveCards.actionExecute(/.*/, () =>
    Promise.resolve(
      asCard(
        messageCard({
          title: '⚠ Unknown action',
          lines: ['This card is out of date. Type "chase me" for a fresh one.'],
        }),
      ),
    ),
  );
}
