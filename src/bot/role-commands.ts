/**
 * Chat commands of roles: `grant|revoke service manager <upn>` (in the service in hand) and
 * `grant|revoke performance lead <upn>`. Who may is decided by the roles use cases.
 */
import type { TurnContext } from 'botbuilder';
import { changeLead, changeManager, mayActAsLead, type RoleActor, type RoleDeps } from '../app/council/roles';
import { NotAuthorisedError, ValidationError } from '../domain/errors';
import { upnSchema } from '../domain/plan';
import { say } from './replies';
import type { BotDeps, Caller } from './deps';

export const MANAGER_ROLE_COMMAND = /^(grant|revoke)\s+service\s*manager\b/i;
export const LEAD_ROLE_COMMAND = /^(grant|revoke)\s+performance\s*lead\b/i;

export const actorOf = (caller: Caller): RoleActor => ({
  kind: 'person',
  upn: caller.upn,
  lead: caller.lead,
  managerOf: caller.managerOf,
  setUp: caller.serviceManager,
});

export const roleDeps = (services: BotDeps): RoleDeps => ({
  space: services.space,
  people: services.space.base.people,
  configured: {
    serviceManagers: services.config.serviceManagers,
    performanceLeads: services.config.performanceLeads,
  },
});

/** The verb and the person named: `grant service manager colleague@example.org`. */
function parse(text: string, pattern: RegExp, example: string) {
  const action = pattern.exec(text.trim())?.[1]?.toLowerCase() === 'revoke' ? 'revoke' : 'grant';
  const upn = upnSchema.safeParse(text.trim().replace(pattern, '').trim());
  return { action, upn: upn.success ? upn.data : undefined, example: `${action} ${example}` } as const;
}

async function refused(context: TurnContext, error: unknown, action: string): Promise<void> {
  if (error instanceof NotAuthorisedError) return say(context, 'Not allowed', [error.message]);
  if (error instanceof ValidationError) return say(context, `Not ${action}`, [error.message]);
  throw error;
}

/** `grant|revoke service manager <upn>`: a manager of the service in hand (or a lead). */
export async function managerRoleCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const ask = parse(context.activity.text, MANAGER_ROLE_COMMAND, 'service manager colleague@example.org');
  const done = ask.action === 'grant' ? 'granted' : 'revoked';
  if (!ask.upn) return say(context, `Not ${done}`, [`Write it as: ${ask.example}`]);
  try {
    const result = await changeManager(roleDeps(services), actorOf(caller), {
      action: ask.action,
      upn: ask.upn,
      ...(services.service ? { service: services.service.key } : {}),
      now: services.clock(),
    });
    services.log.info(
      { upn: ask.upn, by: caller.upn, service: services.service?.key, action: ask.action },
      'service-manager role changed',
    );
    const of = services.service?.shown ? ` of ${services.service.name}` : '';
    await say(context, result.outcome === 'unchanged' ? 'Nothing to change' : `Role ${done}`, [
      result.outcome === 'unchanged'
        ? `${ask.upn} ${ask.action === 'grant' ? 'is already' : 'is not'} a service manager${of}.`
        : `${ask.upn} ${ask.action === 'grant' ? 'is now' : 'is no longer'} a service manager${of}.`,
    ]);
  } catch (error) {
    await refused(context, error, done);
  }
}

/** `grant|revoke performance lead <upn>`: a lead; the first by IT or a manager of every service. */
export async function leadRoleCommand(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
): Promise<void> {
  const ask = parse(context.activity.text, LEAD_ROLE_COMMAND, 'performance lead colleague@example.org');
  const done = ask.action === 'grant' ? 'granted' : 'revoked';
  if (!ask.upn) return say(context, `Not ${done}`, [`Write it as: ${ask.example}`]);
  try {
    const outcome = await changeLead(roleDeps(services), actorOf(caller), {
      action: ask.action,
      upn: ask.upn,
      now: services.clock(),
    });
    services.log.info({ upn: ask.upn, by: caller.upn, action: ask.action }, 'performance-lead role changed');
    await say(context, outcome === 'unchanged' ? 'Nothing to change' : `Role ${done}`, [
      outcome === 'unchanged'
        ? `${ask.upn} ${ask.action === 'grant' ? 'is already' : 'is not'} a performance lead.`
        : ask.action === 'grant'
          ? `${ask.upn} is now a performance lead: they see and manage every service, and get the council digest's channel set up.`
          : `${ask.upn} is no longer a performance lead.`,
    ]);
  } catch (error) {
    await refused(context, error, done);
  }
}

/** May the caller act for the council (register the corporate channel)? */
export const mayActForCouncil = (services: BotDeps, caller: Caller): Promise<boolean> =>
  mayActAsLead(roleDeps(services), actorOf(caller), services.clock());
