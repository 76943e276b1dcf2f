/**
 * Who is talking: capture the conversation reference of every 1:1 conversation (so the bot can chase
 * later) and resolve the user's UPN through TeamsInfo.getMember, cached by Entra object id.
 */
import { TeamsInfo, TurnContext } from 'botbuilder';
import { planPeople } from '../domain/plan';
import { configuredManagers } from '../domain/service';
import { directoryOf, inService, managedBy } from './service-choice';
import type { BotDeps, Caller } from './deps';

export function tenantOf(context: TurnContext): string {
  const channelData = context.activity.channelData as { tenant?: { id?: string } } | undefined;
  return context.activity.conversation.tenantId ?? channelData?.tenant?.id ?? '';
}

export function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation.conversationType as string | undefined;
  return (type ?? 'personal') === 'personal';
}

/** Outside local mode, only the allowed tenants get in (empty list = any). */
export function tenantAllowed(services: BotDeps, context: TurnContext): boolean {
  const { allowedTenants, localMode } = {
    allowedTenants: services.config.allowedTenants,
    localMode: services.config.localMode,
  };
  if (localMode || allowedTenants.length === 0) return true;
  return allowedTenants.includes(tenantOf(context));
}

/** The sender as Teams' member record gives them: who, and from which organisation. */
interface Member {
  readonly upn: string;
  readonly email: string;
  readonly name: string;
  /** The sender's own tenant (a guest's is their home organisation's), '' when Teams did not say. */
  readonly tenantId: string;
  /** A guest or anonymous account: its `mail` is theirs to edit, so it never stands for a plan's address. */
  readonly guest: boolean;
}

async function lookUpMember(context: TurnContext): Promise<Member | undefined> {
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = (member.email || '').toLowerCase();
    const upn = (member.userPrincipalName || email).toLowerCase();
    const role = (member.userRole ?? 'user').toLowerCase();
    const tenantId = member.tenantId ?? '';
    const guest =
      role !== 'user' || (tenantId !== '' && tenantId !== tenantOf(context)) || upn.includes('#ext#');
    return upn ? { upn, email, name: member.name || member.givenName || upn, tenantId, guest } : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The name the plan knows a person by: their UPN, or their primary email address when the plan gives that
 * instead (a person whose UPN differs from their email is still chased and recognised). Read only the first
 * time someone is met; afterwards their row is found by Entra object id.
 */
async function planKey(services: BotDeps, found: Member): Promise<string> {
  if (!found.email || found.email === found.upn || found.guest) return found.upn;
  const dir = await directoryOf(services);
  const scoped = dir.active.length ? dir.active.map((s) => inService(services, dir, s)) : [services];
  const plans = await Promise.all(scoped.map((s) => s.plans.load()));
  const people = new Set(plans.flatMap((plan) => (plan ? planPeople(plan) : [])));
  return !people.has(found.upn) && people.has(found.email) ? found.email : found.upn;
}

/**
 * Resolves the caller and, in a 1:1 chat, stores the conversation reference (marking them reachable).
 * Returns undefined when the user cannot be identified.
 */
export async function identify(services: BotDeps, context: TurnContext): Promise<Caller | undefined> {
  const from = context.activity.from;
  const aad = from.aadObjectId ?? '';
  let known = aad ? await services.people.byAadObjectId(aad) : undefined;
  let upn = known?.upn;
  let name = known?.name || from.name || '';
  let senderTenant = known?.tenantId ?? '';
  if (!upn) {
    const found = await lookUpMember(context);
    if (!found) return undefined;
    senderTenant = found.tenantId;
    upn = await planKey(services, found);
    name = found.name;
  }
  // The sender's own organisation, not the conversation's: a guest in a council chat is not the council.
  const allowed = services.config.allowedTenants;
  if (allowed.length > 0 && senderTenant !== '' && !allowed.includes(senderTenant)) {
    services.log.warn({ tenant: senderTenant }, 'a person from a tenant that is not allowed: not identified');
    return undefined;
  }
  if (isPersonal(context)) {
    // The reference without the message id: it is the same for every message of the chat, so the
    // person's row is written only when the conversation really changed.
    const { activityId: _perMessage, ...stable } = TurnContext.getConversationReference(context.activity);
    const reference = JSON.stringify(stable);
    if (
      !known ||
      known.conversation !== reference ||
      !known.reachable ||
      (aad && known.aadObjectId !== aad)
    ) {
      known = await services.people.upsert(
        upn,
        {
          name,
          aadObjectId: aad,
          tenantId: senderTenant || tenantOf(context),
          conversation: reference,
          reachable: true,
          unreachableReason: '',
          unreachableCode: '',
        },
        services.clock(),
      );
    }
  } else if (!known) {
    known = await services.people.get(upn);
  }
  const dir = await directoryOf(services);
  const lead = dir.leads.includes(upn);
  const managerOf = managedBy(services, dir, upn, known);
  // Before any service exists (nothing imported yet), the configured and flagged managers set it up.
  const setUp =
    dir.active.length === 0 &&
    (configuredManagers(services.config.serviceManagers, '').includes(upn) || known?.serviceManager === true);
  return { upn, name, managerOf, lead, serviceManager: lead || managerOf.length > 0 || setUp };
}
