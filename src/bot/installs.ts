/** Install and uninstall: welcome the person (with their card if a quarter is open), or mark them unreachable. */
import type { TurnContext } from 'botbuilder';
import { cardOf } from '../app/returns/card-projection';
import { cardsForItems, outstanding, personItems } from '../app/cycle/cycle-state';
import { messageCard } from '../cards/message-card';
import { isPersonal } from './identity';
import { sendCards } from './replies';
import { quarterIn } from '../domain/service';
import { everyService } from './service-choice';
import type { CardJson } from '../cards/render';
import type { BotDeps, Caller } from './deps';

export async function welcome(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  if (!isPersonal(context)) return;
  const lines = [
    `Hello ${caller.name || caller.upn}. I collect the quarterly RAG ratings and commentary for the service plan.`,
    'Type "help" to see what I can do.',
  ];
  const cards: CardJson[] = [];
  const said: string[] = [];
  for (const s of await everyService(services, caller)) {
    const cycle = await s.services.cycles.current();
    if (!cycle) continue;
    const state = await cardOf(s.services, cycle, caller.upn);
    const { owned } = personItems(state, caller.upn);
    const open = outstanding(state, owned);
    const label = quarterIn(s.services.service, cycle.label);
    said.push(
      open.length
        ? `${label} is open and you have ${open.length} item(s) to answer: your card follows.`
        : `${label} is open; you have nothing to answer.`,
    );
    if (open.length)
      cards.push(
        ...cardsForItems(s.services.cards, state, owned, { now: services.clock(), zone: services.zone }),
      );
  }
  await sendCards(context, [
    messageCard({
      title: 'Welcome to RAG Chaser',
      lines: [
        ...lines,
        ...(said.length ? said : ['No quarter is open right now; I will send you a card when one opens.']),
      ],
    }),
  ]);
  if (cards.length) await sendCards(context, cards);
}

export async function uninstalled(
  services: BotDeps,
  context: TurnContext,
  caller: Caller | undefined,
): Promise<void> {
  if (!caller || !isPersonal(context)) return;
  await services.people.markUnreachable(
    caller.upn,
    { code: 'removed', reason: 'uninstalled the app' },
    services.clock(),
  );
  services.log.info({ upn: caller.upn }, 'app uninstalled: person marked unreachable');
}
