/** The cards use cases send, behind their port: the templates of this folder. */
import type { CardComposer } from '../app/ports';
import { chaseCardPart, chaseCards } from './chase-card';
import { councilCards } from './council-card';
import { digestCards } from './digest-cards';
import { messageCard } from './message-card';
import { overviewCard } from './overview-card';

export const cardComposer: CardComposer = {
  chase: chaseCards,
  chasePart: chaseCardPart,
  message: messageCard,
  digest: digestCards,
  council: councilCards,
  overview: overviewCard,
};
