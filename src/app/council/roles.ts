/**
 * Use cases of roles: granting and revoking service managers and performance leads, and who holds which.
 * Who may do what is decided here, not in the chat or the CLI: a manager of a service grants and revokes
 * managers of that service; performance leads, any role; IT, through the CLI or configuration, anything.
 * The first lead is named by IT or by a manager of every service: a manager of one service never makes
 * themselves (or anyone) council-wide. Every change is written on a fresh read (never lost to a concurrent
 * one) and leaves an audit row.
 */
import { NotAuthorisedError, ValidationError } from '../../domain/errors';
import { configuredManagers, isActive, type Service } from '../../domain/service';
import type { PeopleStore, RoleChange, ServiceSpace } from '../ports';
import { activeServices, listServices } from './services';

/** Who asks: a person in chat (their roles as resolved), or IT at the command line. */
export type RoleActor =
  | {
      readonly kind: 'person';
      readonly upn: string;
      readonly lead: boolean;
      readonly managerOf: readonly string[];
      /** Before any service exists: named in SERVICE_MANAGERS or flagged, so they may set it up. */
      readonly setUp: boolean;
    }
  | { readonly kind: 'it'; readonly upn: string };

export interface RoleDeps {
  readonly space: ServiceSpace;
  readonly people: PeopleStore;
  /** SERVICE_MANAGERS and PERFORMANCE_LEADS: roles only IT changes. */
  readonly configured: {
    readonly serviceManagers: readonly string[];
    readonly performanceLeads: readonly string[];
  };
}

export type RoleOutcome = 'granted' | 'revoked' | 'unchanged';

/** May the actor act as a lead (grant or revoke leads, register the corporate channel)? */
export async function mayActAsLead(deps: RoleDeps, actor: RoleActor, now: string): Promise<boolean> {
  if (actor.kind === 'it' || actor.lead) return true;
  const leads = await currentLeads(deps);
  if (leads.length > 0) return false;
  // No lead yet: only someone who manages every service may name the first.
  const active = await activeServices(deps.space, now);
  return active.length > 0 && active.every((s) => actor.managerOf.includes(s.key));
}

async function currentLeads(deps: RoleDeps): Promise<string[]> {
  const council = await deps.space.services.council();
  return [...new Set([...deps.configured.performanceLeads, ...council.leads])];
}

function mayManage(actor: RoleActor, service: Service | undefined): boolean {
  if (actor.kind === 'it' || actor.lead) return true;
  return service ? actor.managerOf.includes(service.key) : actor.setUp;
}

async function audit(deps: RoleDeps, change: Omit<RoleChange, 'action'>, action: RoleChange['action']) {
  await deps.space.services.recordRoleChange({ ...change, action });
}

/**
 * Grants (or revokes) the service-manager role of one service. Before any service exists the role is
 * flagged on the person's row (it then covers the first service the plan import creates).
 */
export async function changeManager(
  deps: RoleDeps,
  actor: RoleActor,
  input: {
    readonly action: 'grant' | 'revoke';
    readonly upn: string;
    readonly service?: string | undefined;
    readonly now: string;
  },
): Promise<{ outcome: RoleOutcome; service?: Service }> {
  const all = await listServices(deps.space, input.now);
  const active = all.filter(isActive);
  const only = active.length === 1 ? active[0] : undefined;
  const service = input.service === undefined ? only : all.find((s) => s.key === input.service);
  if (input.service !== undefined && !service)
    throw new ValidationError(`There is no service "${input.service}".`);
  if (!service && active.length > 0)
    throw new ValidationError(
      `Say which service: the role is one service's (the services are: ${active.map((s) => s.key).join(', ')}).`,
    );
  if (!mayManage(actor, service))
    throw new NotAuthorisedError(
      `Only service managers${service ? ` of ${service.name}` : ''} or performance leads can ${input.action} the role.`,
    );
  if (service && !isActive(service))
    throw new ValidationError(`${service.name} was retired: its roles no longer change.`);
  const entry = {
    at: input.now,
    by: actor.upn,
    role: 'service-manager' as const,
    upn: input.upn,
    service: service?.key ?? '',
  };
  if (
    input.action === 'revoke' &&
    service &&
    configuredManagers(deps.configured.serviceManagers, service.key).includes(input.upn)
  )
    throw new ValidationError(
      `${input.upn} is named in SERVICE_MANAGERS by IT: the role can only be taken away there.`,
    );
  let changed = false as boolean;
  if (service) {
    await deps.space.services.update(service.key, (s) => {
      if (s.retiredAt) return undefined;
      const has = s.managers.includes(input.upn);
      if ((input.action === 'grant') === has) return undefined;
      changed = true;
      const managers =
        input.action === 'grant' ? [...s.managers, input.upn] : s.managers.filter((m) => m !== input.upn);
      return { ...s, managers: [...new Set(managers)].sort() };
    });
  }
  // The first service's managers may also be flagged on their person row (granted before services existed).
  if (!service || service.scope === '') {
    const person = await deps.people.get(input.upn);
    const flagged = person?.serviceManager === true;
    const flag =
      input.action === 'revoke' ? (flagged ? false : undefined) : !service && !flagged ? true : undefined;
    if (flag !== undefined) {
      await deps.people.upsert(input.upn, { serviceManager: flag }, input.now);
      changed = true;
    }
  }
  if (changed) await audit(deps, entry, input.action);
  return {
    outcome: changed ? (input.action === 'grant' ? 'granted' : 'revoked') : 'unchanged',
    ...(service ? { service } : {}),
  };
}

/** Grants (or revokes) the performance-lead role. */
export async function changeLead(
  deps: RoleDeps,
  actor: RoleActor,
  input: { readonly action: 'grant' | 'revoke'; readonly upn: string; readonly now: string },
): Promise<RoleOutcome> {
  if (!(await mayActAsLead(deps, actor, input.now)))
    throw new NotAuthorisedError(
      'Only performance leads can change who is a performance lead. The first is named by IT (PERFORMANCE_LEADS or rag-chaser grant performance-lead) or by a manager of every service.',
    );
  if (input.action === 'revoke' && deps.configured.performanceLeads.includes(input.upn))
    throw new ValidationError(
      `${input.upn} is named in PERFORMANCE_LEADS by IT: the role can only be taken away there.`,
    );
  let changed = false as boolean;
  await deps.space.services.updateCouncil((c) => {
    const has = c.leads.includes(input.upn);
    if ((input.action === 'grant') === has) return undefined;
    changed = true;
    const leads = input.action === 'grant' ? [...c.leads, input.upn] : c.leads.filter((l) => l !== input.upn);
    return { ...c, leads: [...new Set(leads)].sort() };
  });
  if (changed)
    await audit(
      deps,
      { at: input.now, by: actor.upn, role: 'performance-lead', upn: input.upn, service: '' },
      input.action,
    );
  return changed ? (input.action === 'grant' ? 'granted' : 'revoked') : 'unchanged';
}

/** One holder of a role and where it comes from. */
export interface RoleHolder {
  readonly upn: string;
  /** `configuration`: SERVICE_MANAGERS / PERFORMANCE_LEADS; `granted`: in chat or the CLI. */
  readonly source: 'configuration' | 'granted';
  /** Who granted it and when (the latest grant in the audit trail); empty for roles granted before it. */
  readonly by: string;
  readonly at: string;
}

export interface RoleList {
  readonly services: readonly {
    readonly key: string;
    readonly name: string;
    readonly retired: boolean;
    readonly managers: readonly RoleHolder[];
  }[];
  readonly leads: readonly RoleHolder[];
}

/** Who holds which role, granted by whom and when. */
export async function listRoles(deps: RoleDeps, now: string, only?: string): Promise<RoleList> {
  const all = await listServices(deps.space, now);
  const services = only === undefined ? all : all.filter((s) => s.key === only);
  if (only !== undefined && services.length === 0)
    throw new ValidationError(`There is no service "${only}".`);
  const log = await deps.space.services.roleChanges();
  const granted = (role: RoleChange['role'], service: string, upn: string) => {
    const last = log
      .filter((c) => c.role === role && c.service === service && c.upn === upn && c.action === 'grant')
      .pop();
    return { by: last?.by ?? '', at: last?.at ?? '' };
  };
  const holders = (
    configured: readonly string[],
    grantedTo: readonly string[],
    role: RoleChange['role'],
    service: string,
  ) =>
    [
      ...configured.map((upn) => ({ upn, source: 'configuration' as const, by: '', at: '' })),
      ...grantedTo
        .filter((upn) => !configured.includes(upn))
        .map((upn) => ({ upn, source: 'granted' as const, ...granted(role, service, upn) })),
    ].sort((a, b) => a.upn.localeCompare(b.upn));
  const flagged = services.some((s) => s.scope === '')
    ? (await deps.people.all()).filter((p) => p.serviceManager).map((p) => p.upn)
    : [];
  const council = await deps.space.services.council();
  return {
    services: services.map((s) => ({
      key: s.key,
      name: s.name,
      retired: !isActive(s),
      managers: holders(
        configuredManagers(deps.configured.serviceManagers, s.key),
        [...new Set([...s.managers, ...(s.scope === '' ? flagged : [])])],
        'service-manager',
        s.key,
      ),
    })),
    leads: holders(deps.configured.performanceLeads, council.leads, 'performance-lead', ''),
  };
}
