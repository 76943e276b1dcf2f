/**
 * Use cases of services: the list (a single-plan deployment becomes its first service on first look),
 * choosing one, creating and retiring, and the deps of one service (its tables, its managers).
 */
import { ValidationError } from '../../domain/errors';
import {
  configuredManagers,
  isActive,
  scopeOf,
  serviceChoices,
  UPGRADED_KEY,
  type Service,
  type ServiceLabel,
} from '../../domain/service';
import type { AppDeps, Channel, PeopleStore, ServiceSpace, Stores } from '../ports';

/**
 * Every service, retired ones included. Tables written before services existed (a plan or a quarter in
 * the unprefixed tables, no service row) are recorded as the first service, key `main`, named after the
 * plan: nothing is moved, so nothing can be lost.
 */
export async function listServices(space: ServiceSpace, now: string): Promise<Service[]> {
  const services = await space.services.all();
  if (services.length > 0) return services;
  const plan = await space.base.plans.load();
  const cycles = plan ? [] : await space.base.cycles.all();
  if (!plan && cycles.length === 0) return [];
  await space.services.create({
    key: UPGRADED_KEY,
    name: plan?.name || 'Service plan',
    scope: '',
    createdAt: now,
    retiredAt: '',
    managers: [],
  });
  return space.services.all();
}

export async function activeServices(space: ServiceSpace, now: string): Promise<Service[]> {
  return (await listServices(space, now)).filter(isActive);
}

export type ServiceChoice =
  | { readonly kind: 'one'; readonly service: Service; readonly all: readonly Service[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'several'; readonly choices: readonly Service[] };

/**
 * The service a command is about: the one named, or the only active one. `none` before any plan is
 * imported; `several` when a choice is needed. A retired service is found only when `retired` allows it
 * (reports of past quarters); otherwise naming it is refused with why.
 */
export async function chooseService(
  space: ServiceSpace,
  key: string | undefined,
  now: string,
  options: { retired?: boolean } = {},
): Promise<ServiceChoice> {
  const all = await listServices(space, now);
  const active = all.filter(isActive);
  if (key !== undefined) {
    const found = all.find((s) => s.key === key);
    if (!found)
      throw new ValidationError(
        all.length === 0
          ? `There is no service "${key}" yet, and no other: import its plan with --service ${key} --name "<service name>".`
          : `There is no service "${key}". The services are: ${serviceChoices(active)}.`,
      );
    if (!isActive(found) && !options.retired)
      throw new ValidationError(
        `The service "${key}" was retired on ${found.retiredAt.slice(0, 10)}; its past quarters can still be reported (rag-chaser report --service ${key}).`,
      );
    return { kind: 'one', service: found, all };
  }
  if (active.length === 0) return { kind: 'none' };
  if (active.length === 1 && active[0]) return { kind: 'one', service: active[0], all };
  return { kind: 'several', choices: active };
}

/** Creates a service (the first lives in the unprefixed tables); refused when the key is taken. */
export async function createService(
  space: ServiceSpace,
  input: { key: string; name: string; now: string },
): Promise<Service> {
  const all = await listServices(space, input.now);
  const service: Service = {
    key: input.key,
    name: input.name,
    scope: all.length === 0 ? '' : scopeOf(input.key),
    createdAt: input.now,
    retiredAt: '',
    managers: [],
  };
  if (!(await space.services.create(service)))
    throw new ValidationError(`A service "${input.key}" exists already: nothing was changed.`);
  return service;
}

/** Retires a service: no more chasing; its quarters, returns and digests stay for reports. */
export async function retireService(space: ServiceSpace, key: string, now: string): Promise<Service> {
  const choice = await chooseService(space, key, now);
  if (choice.kind !== 'one') throw new ValidationError(`There is no service "${key}".`);
  const retired = await space.services.update(key, (s) =>
    s.retiredAt ? undefined : { ...s, retiredAt: now },
  );
  return retired ?? { ...choice.service, retiredAt: now };
}

/** A manager of a service: named in configuration (plain or `<key>:<upn>`), or granted for it. */
export function managersOf(service: Service, configured: readonly string[]): string[] {
  return [...new Set([...configuredManagers(configured, service.key), ...service.managers])].sort();
}

/** Performance leads: named in configuration or granted in chat. They see every service. */
export async function performanceLeads(
  space: ServiceSpace,
  configured: readonly string[],
): Promise<string[]> {
  const council = await space.services.council();
  return [...new Set([...configured, ...council.leads])].sort();
}

/** A service's SMT channel is its own; everything else of people is shared. */
class ServicePeople implements PeopleStore {
  constructor(
    private readonly shared: PeopleStore,
    private readonly own: PeopleStore,
  ) {}
  get = (upn: string) => this.shared.get(upn);
  byAadObjectId = (id: string) => this.shared.byAadObjectId(id);
  upsert: PeopleStore['upsert'] = (upn, fields, now) => this.shared.upsert(upn, fields, now);
  markUnreachable: PeopleStore['markUnreachable'] = (upn, reason, now) =>
    this.shared.markUnreachable(upn, reason, now);
  all = () => this.shared.all();
  many = (upns: readonly string[]) => this.shared.many(upns);
  smtChannel = () => this.own.smtChannel();
  setSmtChannel = (channel: Channel) => this.own.setSmtChannel(channel);
}

/** The stores of one service: its own tables, the shared people and the one send lease of the deployment. */
export function serviceStores(space: ServiceSpace, service: Service): Stores {
  if (!service.scope) return space.base;
  const own = space.storesOf(service.scope);
  return { ...own, people: new ServicePeople(space.base.people, own.people), leases: space.base.leases };
}

export function labelOf(service: Service, all: readonly Service[]): ServiceLabel {
  return {
    key: service.key,
    name: service.name,
    shown: all.filter(isActive).length > 1,
    first: service.scope === '',
  };
}

/** The use cases' deps for one service. */
export function serviceDeps<D extends AppDeps>(
  deps: D,
  space: ServiceSpace,
  service: Service,
  all: readonly Service[],
  configured: readonly string[],
): D {
  return {
    ...deps,
    ...serviceStores(space, service),
    serviceManagers: managersOf(service, configured),
    service: labelOf(service, all),
  };
}
