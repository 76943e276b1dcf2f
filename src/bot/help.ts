/**
 * `help`: the commands for the caller's role, each with an example. Owners see what owners do; service
 * managers also see the quarter's work; performance leads also see the council's. The app manifest's
 * command lists (appPackage/manifest.json) offer the same words in Teams' command menu.
 */
import type { TurnContext } from 'botbuilder';
import { messageCard } from '../cards/message-card';
import { sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

export const HELP_OWNER = [
  'status: what you still owe this quarter',
  'chase me: your card again, with what you have answered (Amend until the deadline)',
  'green LRA-1.1.01: two clubs running (or amber / red): a quick answer; the id can be left out when you owe one activity',
  'hand over LRA-1.1.01 to colleague@example.org: pass an item to a colleague for this quarter',
];

export const HELP_MANAGER = [
  'status: progress per outcome, who still owes (with Chase these now), who cannot be reached',
  'open 2016/17 Q1: open a quarter now and chase every owner',
  'schedule: see and change when returns open, reminders, the deadline, escalation and the digest',
  'chase now: remind everyone who still owes something, now; resend failed: try failed messages again',
  'digest preview: the digest as SMT will see it, with a review card per outcome; then digest approve, digest publish',
  'report 2016/17 Q1: the committee report as files here (HTML for the paper, CSV for Excel)',
  'Load the plan: attach the workbook (activities and KPIs sheets) or the CSV files to a message; check the preview, then press Import',
  'record LRA-1.1.01 amber: the commentary: record an answer an owner sent by email',
  'send back LRA-1.1.01: what to look at again: the owner gets their card back with your note',
  'ask about the returns in your words: "which reds are in Dover?", "what changed since Q1?", "who hasn\'t returned in Archives?", "KPIs off target" (in the SMT channel too, mentioning the bot: published digests only)',
  'grant service manager colleague@example.org: give a colleague the role (revoke service manager … takes it away)',
  'register smt channel: typed in the SMT team channel, mentioning the bot',
];

export const HELP_LEAD = [
  'grant performance lead colleague@example.org: see and manage every service (revoke performance lead … takes it away)',
  'register corporate channel: typed in the corporate channel, for the council digest',
];

const SEVERAL =
  'With several services, add the service to a command, e.g. "status for lra", or pick it on the card.';

export async function help(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const several = (await services.space.services.all()).filter((s) => !s.retiredAt).length > 1;
  const lines = [
    'Type any of these (examples in quotes work as written):',
    ...HELP_OWNER.map((l) => `• ${l}`),
    ...(caller.serviceManager || caller.lead
      ? ['', 'As a service manager:', ...HELP_MANAGER.map((l) => `• ${l}`), ...(several ? [SEVERAL] : [])]
      : []),
    ...(caller.lead ? ['', 'As a performance lead:', ...HELP_LEAD.map((l) => `• ${l}`)] : []),
  ];
  await sendCards(context, [messageCard({ title: 'RAG Chaser commands', lines })]);
}

/** `load plan` (from the command menu): how to send the plan, since a file cannot be typed. */
export async function loadPlanHint(_services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  await sendCards(context, [
    messageCard({
      title: 'Load the plan',
      lines:
        caller.serviceManager || caller.lead
          ? [
              'Attach the plan to a message to me: one Excel workbook with an activities sheet and a KPIs sheet, or the activities and KPIs CSV files (paperclip, then Upload from this device).',
              'I answer with a preview of what would change; nothing is changed until you press Import.',
              'With several services, write the service in the message, e.g. "for lra".',
            ]
          : ['Only service managers load the plan. Send your plan changes to your service manager.'],
    }),
  ]);
}
