/** Sending within a turn: cards, plain text, and the card shown when something went wrong. */
import type { TurnContext } from 'botbuilder';
import type { CardJson } from '../cards/render';
import { messageCard } from '../cards/message-card';
import {
  describeProblems,
  NotAuthorisedError,
  NotFoundError,
  RagChaserError,
  ValidationError,
} from '../domain/errors';
import { toActivity } from '../teams/messenger';

export async function sendCards(context: TurnContext, cards: readonly CardJson[]): Promise<void> {
  for (const card of cards) await context.sendActivity(toActivity({ card }));
}

/** A short information card: a title and plain lines (never Markdown). */
export async function say(context: TurnContext, title: string, lines: readonly string[]): Promise<void> {
  await sendCards(context, [messageCard({ title, lines })]);
}

/** A person-facing explanation for an error; unexpected errors get a generic apology (and are logged). */
export function explain(error: unknown): { title: string; message: string; expected: boolean } {
  if (error instanceof ValidationError)
    return { title: 'Not saved', message: describeProblems(error.problems), expected: true };
  if (error instanceof NotAuthorisedError)
    return { title: 'Not allowed', message: error.message, expected: true };
  if (error instanceof NotFoundError) return { title: 'Not found', message: error.message, expected: true };
  if (error instanceof RagChaserError) return { title: 'Not saved', message: error.message, expected: true };
  return {
    title: 'Something went wrong',
    message: 'Sorry, that did not work and nothing was saved. Please try again in a minute.',
    expected: false,
  };
}

export function errorCard(error: unknown): CardJson {
  const { title, message } = explain(error);
  return messageCard({ title: `⚠ ${title}`, lines: [message] });
}
