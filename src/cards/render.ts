/** Binds a card template to its data with adaptivecards-templating, and measures it against Teams' limit. */
import { Template } from 'adaptivecards-templating';

import type { CardJson } from '../app/ports';

export type { CardJson };

/** Teams refuses a bot message over 40 KB; the size counts UTF-16 code units, 2 bytes each. */
export const TEAMS_MESSAGE_LIMIT_BYTES = 40 * 1024;
/** Parts are packed to this size (worst case, compacted), leaving room for the activity envelope. */
export const CARD_BUDGET_BYTES = 34 * 1024;

/** Parsed templates: parsing a template's expressions costs far more than binding it, so it is done once. */
const prepared = new WeakMap<object, Template>();

export function render(template: object, data: object): CardJson {
  let bound = prepared.get(template);
  if (!bound) {
    bound = new Template(template);
    prepared.set(template, bound);
  }
  return bound.expand({ $root: data }) as CardJson;
}

export function cardBytes(card: CardJson): number {
  return JSON.stringify(card).length * 2;
}
