/** Chat commands of the council as a whole: performance leads, and the corporate channel of the council digest. */
import type { TurnContext } from 'botbuilder';
import { upnSchema } from '../domain/plan';
import { isPersonal } from './identity';
import { channelOf } from './manager-commands';
import { say } from './replies';
import type { BotServices, Caller } from './services';

const onlyLeads = (context: TurnContext, what: string) =>
  say(context, 'Not allowed', [
    `Only performance leads can ${what}. A performance lead can grant you the role, or IT can name you in PERFORMANCE_LEADS.`,
  ]);

/** A lead may; before any lead exists, a service manager may (so the first lead can be named in chat). */
async function mayActAsLead(services: BotServices, caller: Caller): Promise<boolean> {
  const council = await services.space.services.council();
  const noLeadYet = council.leads.length === 0 && services.config.performanceLeads.length === 0;
  return caller.lead || (noLeadYet && caller.serviceManager);
}

/** `grant performance lead <upn>`: a lead (or, before there is any lead, a service manager) grants it. */
export async function grantLeadCommand(
  services: BotServices,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  if (!(await mayActAsLead(services, caller))) return onlyLeads(context, 'grant the role');
  const upn = upnSchema.safeParse(context.activity.text.replace(/^\s*grant\s+performance\s*lead\s+/i, ''));
  if (!upn.success) {
    await say(context, 'Not granted', ['Write it as: grant performance lead colleague@example.org']);
    return;
  }
  const council = await services.space.services.council();
  await services.space.services.saveCouncil({
    ...council,
    leads: [...new Set([...council.leads, upn.data])].sort(),
  });
  services.log.info({ upn: upn.data, by: caller.upn }, 'performance-lead role granted');
  await say(context, 'Role granted', [
    `${upn.data} is now a performance lead: they see and manage every service, and get the council digest's channel set up.`,
  ]);
}

/** `register corporate channel` (in that channel): where the council digest is posted. */
export async function registerCorporateChannel(
  services: BotServices,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  if (!(await mayActAsLead(services, caller))) return onlyLeads(context, 'register the corporate channel');
  if (isPersonal(context)) {
    await say(context, 'Not registered', [
      'Type this in the corporate team channel, mentioning the bot, not in a 1:1 chat.',
    ]);
    return;
  }
  const council = await services.space.services.council();
  await services.space.services.saveCouncil({
    ...council,
    corporateChannel: channelOf(context, caller.upn, services.clock()),
  });
  await say(context, 'Corporate channel registered', [
    "The council digest (every service's quarter on one card) will be posted in this channel once every service has published its digest.",
  ]);
}
