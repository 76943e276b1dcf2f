/** Chat commands for service managers: open a quarter, grant the role, register the SMT channel. */
import { TurnContext } from 'botbuilder';
import { openCycle } from '../app/cycle/open-cycle';
import { registerSmtChannel } from '../app/digest/smt-channel';
import { chaseNow, resendFailed } from '../app/sending/manual-sends';
import { formatDay } from '../domain/local-time';
import { parseQuarter } from '../domain/quarter';
import { isPersonal } from './identity';
import { say } from './replies';
import type { Channel } from '../app/ports';
import { actorOf, type BotDeps, type Caller } from './deps';

export async function openCommand(services: BotDeps, context: TurnContext, caller: Caller): Promise<void> {
  const actor = actorOf(services, caller);
  const quarter = parseQuarter(context.activity.text.replace(/^\s*open\s+/i, ''));
  const result = await openCycle(services, {
    quarter,
    clock: services.clock,
    actor,
    lease: { leases: services.leases },
  });
  // A first opening sends every service manager (the caller included) the "Opened" summary.
  if (result.fanout.sent.length > 0) return;
  await say(context, `${result.cycle.label} is already open`, [
    `Returns are due by the end of ${formatDay(result.cycle.deadlineDay)}. Owners already have their cards; type "status" to see who has answered.`,
  ]);
}

export async function registerChannel(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  await registerSmtChannel(services, {
    actor: actorOf(services, caller),
    channel: isPersonal(context) ? undefined : channelOf(context, caller.upn, services.clock()),
  });
  await say(context, 'SMT channel registered', [
    `Quarterly digests${services.service?.shown ? ` of ${services.service.name}` : ''} will be posted in this channel.`,
  ]);
}

/** The channel a command was typed in, as the digest posts to it (a new post, not the command's thread). */
export function channelOf(context: TurnContext, by: string, at: string): Channel {
  const reference = TurnContext.getConversationReference(context.activity);
  // A channel message's conversation is its thread (`19:...;messageid=...`); digests start new posts.
  const conversation = reference.conversation
    ? { ...reference.conversation, id: reference.conversation.id.split(';')[0] ?? reference.conversation.id }
    : reference.conversation;
  const channelData = context.activity.channelData as
    { channel?: { name?: string }; team?: { aadGroupId?: string } } | undefined;
  // The team's group id lets the delivery check find the channel's posts in Graph (teams/delivery-check.ts).
  const teamAadGroupId = channelData?.team?.aadGroupId;
  return {
    conversation: JSON.stringify({
      ...reference,
      conversation,
      ...(teamAadGroupId ? { teamAadGroupId } : {}),
    }),
    name: channelData?.channel?.name || context.activity.conversation.name || 'SMT channel',
    registeredBy: by,
    registeredAt: at,
  };
}

export async function chaseNowCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const cycle = await services.cycles.current();
  if (!cycle) {
    await say(context, 'Nothing to chase', ['No quarter is open. Open one with "open 2016/17 Q1".']);
    return;
  }
  const r = await chaseNow(services, {
    actor: actorOf(services, caller),
    cycle,
    now: services.clock(),
    lease: { leases: services.leases },
  });
  await say(context, `Chased: ${cycle.label}`, [
    `Reminders sent to ${new Set(r.sent).size} owner(s) who still owe something${r.alreadyDone.length ? ` (${new Set(r.alreadyDone).size} had one this minute already)` : ''}.`,
    ...(r.unreachable.length
      ? [
          `${r.unreachable.length} cannot be reached:`,
          ...r.unreachable.map((u) => `• ${u.recipient}: ${u.reason}`),
        ]
      : []),
    ...(r.failed.length || r.retrying.length
      ? [`${r.failed.length + r.retrying.length} could not be sent now; "resend failed" tries again.`]
      : []),
  ]);
}

export async function resendFailedCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const cycle = await services.cycles.current();
  if (!cycle) {
    await say(context, 'Nothing to resend', ['No quarter is open.']);
    return;
  }
  const r = await resendFailed(services, {
    actor: actorOf(services, caller),
    cycle,
    now: services.clock(),
    lease: { leases: services.leases },
  });
  await say(context, 'Resend failed', [
    r.attempted === 0 && r.skipped.length === 0
      ? 'No message of this quarter has failed.'
      : `${r.attempted} failed message(s) sent again: ${r.sent.length} sent now, ${r.failed.length + r.retrying.length} still failing, ${r.unreachable.length} unreachable.`,
    ...(r.skipped.length
      ? [
          `${r.skipped.length} not sent again (what they said belonged to their moment):`,
          ...r.skipped.slice(0, 10).map((s) => `• ${s.what}: ${s.instead}`),
          ...(r.skipped.length > 10 ? [`…and ${r.skipped.length - 10} more.`] : []),
        ]
      : []),
  ]);
}
