/**
 * `rag-chaser roles [--json]`, `rag-chaser grant|revoke service-manager <upn> [--service <key>]` and
 * `rag-chaser grant|revoke performance-lead <upn>`: IT's hand on the roles (the CLI runs with the
 * storage account's own rights, so it may do anything; each change is audited as by the CLI).
 */
import { userInfo } from 'node:os';
import type { Command } from 'commander';
import {
  changeLead,
  changeManager,
  listRoles,
  type RoleActor,
  type RoleDeps,
  type RoleHolder,
} from '../app/council/roles';
import { ValidationError } from '../domain/errors';
import { echo } from '../domain/echo';
import { upnSchema } from '../domain/plan';
import type { Runtime } from '../runtime';
import type { Output } from './output';

type WithRuntime = (out: Output, work: (rt: Runtime) => Promise<void>, scope: false) => Promise<void>;

const deps = (rt: Runtime): RoleDeps => ({
  space: rt.space,
  people: rt.space.base.people,
  configured: { serviceManagers: rt.config.serviceManagers, performanceLeads: rt.config.performanceLeads },
});

/** The CLI's changes are recorded as `cli:<operating-system user>`. */
function itActor(): RoleActor {
  let user = 'unknown';
  try {
    user = userInfo().username;
  } catch {
    // No user name (a container without one): the audit says so.
  }
  return { kind: 'it', upn: `cli:${user}` };
}

function upnArgument(text: string): string {
  const upn = upnSchema.safeParse(text);
  if (!upn.success)
    throw new ValidationError(`"${echo(text)}" is not an email address or UPN, e.g. colleague@example.org.`);
  return upn.data;
}

const ROLES = ['service-manager', 'performance-lead'] as const;

function roleArgument(text: string): (typeof ROLES)[number] {
  const role = ROLES.find((r) => r === text.toLowerCase());
  if (!role)
    throw new ValidationError(`"${echo(text)}" is not a role: use service-manager or performance-lead.`);
  return role;
}

const holderLine = (h: RoleHolder) =>
  `    ${h.upn}  ${h.source === 'configuration' ? '(configuration)' : h.by ? `granted by ${h.by} on ${h.at.slice(0, 10)}` : '(granted before roles were audited)'}`;

export async function rolesCommand(
  rt: Runtime,
  out: Output,
  options: { service?: string | undefined; json?: boolean | undefined },
  now: string,
): Promise<void> {
  const roles = await listRoles(deps(rt), now, options.service);
  if (options.json) {
    out.line(JSON.stringify(roles, null, 2));
    return;
  }
  out.line('Performance leads:');
  out.line(roles.leads.length ? roles.leads.map(holderLine).join('\n') : '    none');
  for (const s of roles.services) {
    out.line(`Service managers of ${s.key} (${s.name})${s.retired ? ', retired' : ''}:`);
    out.line(s.managers.length ? s.managers.map(holderLine).join('\n') : '    none');
  }
}

async function changeCommand(
  rt: Runtime,
  out: Output,
  input: {
    action: 'grant' | 'revoke';
    role: (typeof ROLES)[number];
    upn: string;
    service?: string | undefined;
  },
  now: string,
): Promise<void> {
  const actor = itActor();
  const { action, upn } = input;
  if (input.role === 'performance-lead') {
    const outcome = await changeLead(deps(rt), actor, { action, upn, now });
    out.line(
      outcome === 'unchanged'
        ? `${upn} ${action === 'grant' ? 'is already' : 'is not'} a performance lead: nothing changed.`
        : `${upn} ${action === 'grant' ? 'is now' : 'is no longer'} a performance lead.`,
    );
    return;
  }
  const result = await changeManager(deps(rt), actor, { action, upn, service: input.service, now });
  const of = result.service ? ` of ${result.service.key}` : '';
  out.line(
    result.outcome === 'unchanged'
      ? `${upn} ${action === 'grant' ? 'is already' : 'is not'} a service manager${of}: nothing changed.`
      : `${upn} ${action === 'grant' ? 'is now' : 'is no longer'} a service manager${of}.`,
  );
}

export function registerRoleCommands(
  program: Command,
  out: Output,
  withRuntime: WithRuntime,
  serviceKey: () => string | undefined,
  now: () => string,
): void {
  program
    .command('roles')
    .description('who holds which role, granted by whom and when')
    .option('--json', 'machine-readable output')
    .action(async (options: { json?: boolean }) => {
      const service = serviceKey();
      await withRuntime(out, (rt) => rolesCommand(rt, out, { service, json: options.json }, now()), false);
    });
  for (const action of ['grant', 'revoke'] as const)
    program
      .command(action)
      .description(
        `${action} a role: service-manager (with --service when there are several) or performance-lead`,
      )
      .argument('<role>', 'service-manager or performance-lead')
      .argument('<upn>', 'the person, e.g. colleague@example.org')
      .action(async (role: string, upn: string) => {
        const input = { action, role: roleArgument(role), upn: upnArgument(upn), service: serviceKey() };
        if (input.role === 'performance-lead' && input.service !== undefined)
          throw new ValidationError('A performance lead is council-wide: leave out --service.');
        await withRuntime(out, (rt) => changeCommand(rt, out, input, now()), false);
      });
}
