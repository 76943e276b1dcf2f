/**
 * `record LRA-1.1.01 amber: …`: a service manager records an answer an owner sent by email (the email
 * fallback asks owners without Teams to reply so). Replies are never parsed automatically: a person reads
 * them and records them here, and the return says who recorded it.
 */
import type { TurnContext } from 'botbuilder';
import { submitReturn } from '../app/returns/submit-return';
import { itemOwner, itemTitle } from '../domain/returns';
import { NO_CYCLE, currentState } from './owner-commands';
import { say } from './replies';
import type { BotDeps, Caller } from './deps';

const RECORD = /^\s*record\s+(\S+)\s+(red|amber|green|[-+]?\d+(?:\.\d+)?)\s*(?::|-|–)\s*([\s\S]*\S)\s*$/i;
export const RECORD_COMMAND = /^\s*record\b/i;
const USAGE = [
  'Write it as: record LRA-1.1.01 amber: the commentary from their email',
  'or, for a KPI: record KPI-03 42: the note from their email',
];

export async function recordCommand(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  if (!caller.serviceManager) {
    await say(context, 'Not allowed', [
      'Only service managers record answers sent by email. If the item is yours, answer on your card, or write "amber: what happened".',
    ]);
    return;
  }
  const match = RECORD.exec(context.activity.text);
  if (!match) return say(context, 'Not recorded', USAGE);
  const [, id = '', given = '', text = ''] = match;
  const state = await currentState(services);
  if (!state) return say(context, 'Not recorded', [NO_CYCLE]);
  const activity = state.plan.activities.find((a) => a.id.toLowerCase() === id.toLowerCase());
  const measure = state.plan.measures.find((m) => m.ref.toLowerCase() === id.toLowerCase());
  const rated = /^(red|amber|green)$/i.test(given);
  if (!activity && !measure)
    return say(context, 'Not recorded', [`There is no item "${id.slice(0, 40)}" in the plan.`, ...USAGE]);
  if (activity && !rated)
    return say(context, 'Not recorded', [
      `${activity.id} is an activity: give red, amber or green.`,
      ...USAGE,
    ]);
  if (measure && rated)
    return say(context, 'Not recorded', [`${measure.ref} is a KPI: give its value as a number.`, ...USAGE]);
  const result = await submitReturn(services, {
    cycleKey: state.cycle.key,
    item: activity ? `a:${activity.id}` : `m:${measure?.ref ?? id}`,
    answer: activity
      ? { rag: given.toLowerCase(), commentary: text, evidence: '' }
      : { value: Number(given), note: text },
    by: caller.upn,
    serviceManager: true,
    now: services.clock(),
  });
  services.log.info({ item: result.item.key, by: caller.upn }, 'answer recorded from an email reply');
  await say(context, 'Recorded', [
    `${itemTitle(result.item)}: ${given.toLowerCase()}, recorded for ${itemOwner(result.item)} from their email.${result.stored.late ? ' It is after the deadline, so it is marked late.' : ''}`,
  ]);
}
