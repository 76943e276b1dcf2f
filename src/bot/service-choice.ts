/**
 * Which service a chat command is about, and who the caller is there. A command may name one
 * (`status for lra`); otherwise the only service the caller may use is taken, and with several a card
 * asks. Managers manage only their services; performance leads, all.
 */
import type { TurnContext } from 'botbuilder';
import type { Person } from '../app/ports';
import { listServices, managersOf, serviceDeps } from '../app/council/services';
import { servicePickerCard } from '../cards/service-picker';
import { z } from 'zod';
import { isActive, serviceKeySchema, type Service } from '../domain/service';
import { say, sendCards } from './replies';
import type { BotDeps, Caller } from './deps';

export interface Directory {
  /** Every service, retired ones included. */
  readonly all: readonly Service[];
  readonly active: readonly Service[];
  readonly leads: readonly string[];
}

/** One read of the services table (a single-plan deployment is recorded as its first service here). */
export async function directoryOf(services: BotDeps): Promise<Directory> {
  const { services: found, council } = await services.space.services.directory();
  const all = found.length ? found : await listServices(services.space, services.clock());
  return {
    all,
    active: all.filter(isActive),
    leads: [...new Set([...services.config.performanceLeads, ...council.leads])],
  };
}

/** The services a person manages: configured, granted, or (first service) flagged on their row. */
export function managedBy(services: BotDeps, dir: Directory, upn: string, person?: Person): string[] {
  return dir.active
    .filter(
      (s) =>
        managersOf(s, services.config.serviceManagers).includes(upn) ||
        (s.scope === '' && person?.serviceManager === true),
    )
    .map((s) => s.key);
}

/** The deps of one service for the bot's handlers. */
export function inService(services: BotDeps, dir: Directory, service: Service): BotDeps {
  return serviceDeps(services, services.space, service, dir.all, services.config.serviceManagers);
}

/** The caller as seen in one service. */
export function callerIn(caller: Caller, service: Service): Caller {
  return { ...caller, serviceManager: caller.lead || caller.managerOf.includes(service.key) };
}

const SUFFIX = /\s+(?:for|in)\s+([A-Za-z0-9][A-Za-z0-9-]{0,39})\s*$/i;

export interface InService {
  readonly services: BotDeps;
  readonly caller: Caller;
  readonly service?: Service | undefined;
}

/**
 * The service a manager command is for. Strips `for <key>` from the text (so the command reads as
 * before); refuses a service the caller does not manage; asks with a card when it cannot tell.
 * Undefined when a reply was sent instead.
 */
export async function managerService(
  services: BotDeps,
  context: TurnContext,
  caller: Caller,
  command: string,
): Promise<InService | undefined> {
  const dir = await directoryOf(services);
  if (dir.active.length === 0) return { services, caller };
  const text = context.activity.text;
  const named = SUFFIX.exec(text);
  const mine = dir.active.filter((s) => caller.lead || caller.managerOf.includes(s.key));
  let service: Service | undefined;
  if (named?.[1]) {
    service = dir.active.find((s) => s.key === named[1]?.toLowerCase());
    if (service) context.activity.text = text.slice(0, named.index);
  }
  if (
    !service &&
    named?.[1] &&
    dir.active.length > 1 &&
    !dir.active.some((s) => s.key === named[1]?.toLowerCase())
  ) {
    await say(context, 'Which service?', [
      `There is no service "${named[1]}". The services are: ${dir.active.map((s) => `${s.key} (${s.name})`).join(', ')}.`,
    ]);
    return undefined;
  }
  if (!service) {
    if (dir.active.length === 1) service = dir.active[0];
    else if (mine.length === 1) service = mine[0];
    else if (mine.length === 0) return { services, caller: { ...caller, serviceManager: false } };
    else {
      await sendCards(context, [
        servicePickerCard(
          command,
          mine.map((s) => ({ key: s.key, name: s.name })),
        ),
      ]);
      return undefined;
    }
  }
  if (!service) return { services, caller };
  return { services: inService(services, dir, service), caller: callerIn(caller, service), service };
}

/** Every active service, each with the caller as seen there (owners' commands cover all they owe). */
export async function everyService(
  services: BotDeps,
  caller: Caller,
): Promise<{ services: BotDeps; caller: Caller; service?: Service }[]> {
  const dir = await directoryOf(services);
  if (dir.active.length === 0) return [{ services, caller }];
  return dir.active.map((service) => ({
    services: inService(services, dir, service),
    caller: callerIn(caller, service),
    service,
  }));
}

/** The service a card's data names (`service`), or the only one; cards from before services name none. */
export async function cardService(
  services: BotDeps,
  caller: Caller,
  raw: unknown,
): Promise<{ services: BotDeps; caller: Caller }> {
  const dir = await directoryOf(services);
  const key = typeof raw === 'object' && raw ? (raw as { service?: unknown }).service : undefined;
  const service =
    (typeof key === 'string' && key ? dir.all.find((s) => s.key === key) : undefined) ??
    dir.all.find((s) => s.scope === '') ??
    dir.active[0];
  return service
    ? { services: inService(services, dir, service), caller: callerIn(caller, service) }
    : { services, caller };
}

const pickSchema = z.object({
  command: z.string().trim().min(1).max(200),
  /** Empty before any service exists (a single-plan deployment not yet upgraded). */
  service: z.union([z.literal(''), serviceKeySchema]),
});

/**
 * The command a button stands for, in its service (`status for lra`): the "Which service?" card and the
 * manager's **Chase these now**. Undefined when its data is damaged.
 */
export function pickedCommand(data: unknown): string | undefined {
  const parsed = pickSchema.safeParse(data);
  if (!parsed.success || SUFFIX.test(parsed.data.command)) return undefined;
  return parsed.data.service ? `${parsed.data.command} for ${parsed.data.service}` : parsed.data.command;
}
