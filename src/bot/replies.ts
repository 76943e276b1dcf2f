/** Sending within a turn: cards, plain text, and the card shown when something went wrong. */
import { randomBytes } from 'node:crypto';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
import type { Logger } from '../logger';
import type { CardJson } from '../cards/render';
import { messageCard } from '../cards/message-card';
import {
  describeProblems,
  NotAuthorisedError,
  NotFoundError,
  RagChaserError,
  StorageUnavailableError,
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

/** A person-facing explanation for an error; unexpected errors get a generic apology with a reference. */
export function explain(
  error: unknown,
  reference = '',
): { title: string; message: string; expected: boolean } {
  if (error instanceof ValidationError)
    return { title: 'Not saved', message: describeProblems(error.problems), expected: true };
  if (error instanceof NotAuthorisedError)
    return { title: 'Not allowed', message: error.message, expected: true };
  if (error instanceof NotFoundError) return { title: 'Not found', message: error.message, expected: true };
  if (error instanceof StorageUnavailableError)
    return {
      title: 'Could not save',
      message:
        'Could not save: RAG Chaser cannot reach its storage just now. Nothing was saved; please try again in a few minutes.',
      expected: true,
    };
  if (error instanceof RagChaserError) return { title: 'Not saved', message: error.message, expected: true };
  return {
    title: 'Something went wrong',
    message: `Sorry, that did not work and nothing was saved. Please try again in a minute.${reference ? ` If it keeps happening, tell your IT service desk the reference ${reference}.` : ''}`,
    expected: false,
  };
}

export function errorCard(error: unknown, reference = ''): CardJson {
  const { title, message } = explain(error, reference);
  return messageCard({ title: `⚠ ${title}`, lines: [message] });
}

/**
 * The one error boundary: an expected error (bad input, not allowed, not found) is explained; anything
 * else is logged with a short reference that the person is shown, so the log line can be found.
 */
export function boundaryCard(log: Logger, error: unknown, where: Record<string, unknown>): CardJson {
  if (explain(error).expected) return errorCard(error);
  const reference = randomBytes(4).toString('hex');
  log.error({ err: error, reference, ...where }, 'unexpected error');
  return errorCard(error, reference);
}

/** Answers an invoke with a card unless it has been answered already (never leaves Teams a 501). */
export async function answerInvoke(context: TurnContext, card: CardJson, status = 200): Promise<void> {
  if (context.turnState.get(INVOKE_RESPONSE_KEY)) return;
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status,
      body: { statusCode: status, type: 'application/vnd.microsoft.card.adaptive', value: card },
    },
  });
}
