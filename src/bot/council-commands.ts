/** Chat commands of the council as a whole: the corporate channel of the council digest. */
import type { TurnContext } from 'botbuilder';
import { isPersonal } from './identity';
import { channelOf } from './manager-commands';
import { say } from './replies';
import { mayActForCouncil } from './role-commands';
import type { BotDeps, Caller } from './deps';

const onlyLeads = (context: TurnContext, what: string) =>
  say(context, 'Not allowed', [
    `Only performance leads can ${what}. A performance lead can grant you the role, or IT can name you in PERFORMANCE_LEADS.`,
  ]);

/** `register corporate channel` (in that channel): where the council digest is posted. */
export async function registerCorporateChannel(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  if (!(await mayActForCouncil(services, caller)))
    return onlyLeads(context, 'register the corporate channel');
  if (isPersonal(context)) {
    await say(context, 'Not registered', [
      'Type this in the corporate team channel, mentioning the bot, not in a 1:1 chat.',
    ]);
    return;
  }
  const corporateChannel = channelOf(context, caller.upn, services.clock());
  await services.space.services.updateCouncil((council) => ({ ...council, corporateChannel }));
  await say(context, 'Corporate channel registered', [
    "The council digest (every service's quarter on one card) will be posted in this channel once every service has published its digest.",
  ]);
}
