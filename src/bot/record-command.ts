/**
 * `record LRA-1.1.01 amber: …`: a service manager records an answer an owner sent by email (the email
 * fallback asks owners without Teams to reply so). The use case checks the role and the item.
 */
import type { TurnContext } from 'botbuilder';
import { recordEmailedAnswer } from '../app/returns/record-answer';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../domain/errors';
import { itemOwner, itemTitle } from '../domain/returns';
import { NO_CYCLE } from './owner-commands';
import { say } from './replies';
import { actorOf, type BotDeps, type Caller } from './deps';

const RECORD = /^\s*record\s+(\S+)\s+(red|amber|green|[-+]?\d+(?:\.\d+)?)\s*(?::|-|–)\s*([\s\S]*\S)\s*$/i;
export const RECORD_COMMAND = /^\s*record\b/i;
const USAGE = [
  'Write it as: record LRA-1.1.01 amber: the commentary from their email',
  'or, for a KPI: record KPI-03 42: the note from their email',
];

export async function recordCommand(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const match = RECORD.exec(context.activity.text);
  if (!match) return say(context, 'Not recorded', USAGE);
  const [, id = '', given = '', text = ''] = match;
  if (!(await services.cycles.current())) return say(context, 'Not recorded', [NO_CYCLE]);
  try {
    const result = await recordEmailedAnswer(services, {
      actor: actorOf(services, caller),
      id,
      given,
      text,
      now: services.clock(),
    });
    services.log.info({ item: result.item.key, by: caller.upn }, 'answer recorded from an email reply');
    await say(context, 'Recorded', [
      `${itemTitle(result.item)}: ${given.toLowerCase()}, recorded for ${itemOwner(result.item)} from their email.${result.stored.late ? ' It is after the deadline, so it is marked late.' : ''}`,
    ]);
  } catch (error) {
    if (error instanceof NotAuthorisedError)
      return say(context, 'Not allowed', [
        error.message,
        'If the item is yours, answer on your card, or write "amber: what happened".',
      ]);
    if (error instanceof NotFoundError || (error instanceof ValidationError && error.problems.length <= 1))
      return say(context, 'Not recorded', [error.message, ...USAGE]);
    throw error;
  }
}
