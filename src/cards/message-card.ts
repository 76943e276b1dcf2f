/** A plain information card: a title, lines of text (never Markdown), optional facts. */
import template from './message-card.json';
import { render, type CardJson } from './render';

export interface MessageCardData {
  readonly title: string;
  readonly lines: readonly string[];
  readonly facts?: readonly { readonly title: string; readonly value: string }[];
}

export function messageCard(data: MessageCardData): CardJson {
  return render(template, { facts: [], ...data });
}
