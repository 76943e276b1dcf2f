/**
 * Services: one deployment runs many services' quarters (libraries, registration, archives, highways ...).
 * Each service has its own plan, schedule, managers, quarters, returns and digest; people are shared.
 */
import { z } from 'zod';

export interface Service {
  /** Lower-case letters, digits and dashes, e.g. `lra`: what people type after `--service`. */
  readonly key: string;
  /** How people read it, e.g. "Libraries, Registration and Archives". */
  readonly name: string;
  /**
   * Where its data lives: a suffix of the table prefix. The first service keeps the tables a single-plan
   * deployment always had (scope ''), so upgrading moves nothing.
   */
  readonly scope: string;
  readonly createdAt: string;
  /** Empty while active; the instant `service retire` was run. A retired service keeps its history. */
  readonly retiredAt: string;
  /** Service managers granted in chat (lower-case UPNs); configuration adds more. */
  readonly managers: readonly string[];
}

/** What people see of the service a message is about. */
export interface ServiceLabel {
  readonly key: string;
  readonly name: string;
  /** The deployment runs more than one service: titles name it. */
  readonly shown: boolean;
  /** The service living in the unprefixed tables (its managers may be flagged on people's rows). */
  readonly first: boolean;
}

export const SERVICE_KEY_RULE =
  'a service key is 1 to 40 lower-case letters, digits and dashes, not starting or ending with a dash, e.g. "lra" or "highways"';

export const serviceKeySchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/, SERVICE_KEY_RULE));

export const serviceNameSchema = z
  .string()
  .trim()
  .min(1, 'give the service a name, e.g. --name "Libraries, Registration and Archives"')
  .max(120, 'a service name is at most 120 characters')
  .refine(
    (s) => !Array.from({ length: s.length }, (_, i) => s.charCodeAt(i)).some((c) => c < 32 || c === 127),
    'a service name cannot hold control characters',
  );

/** The key a single-plan deployment's plan gets when it becomes the first service. */
export const UPGRADED_KEY = 'main';

/**
 * The scope of a new service's tables: `s` and 8 hex digits of the key's FNV-1a hash (table names allow
 * letters and digits only, and keys may hold dashes; the hash keeps "a-b" and "ab" apart).
 */
export function scopeOf(key: string): string {
  let hash = 0x811c9dc5;
  for (const ch of key) {
    hash ^= ch.codePointAt(0) ?? 0;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `s${hash.toString(16).padStart(8, '0')}`;
}

export const isActive = (s: Service): boolean => s.retiredAt === '';

/**
 * Managers named in configuration: `SERVICE_MANAGERS` entries are a UPN (a manager of every service, as
 * in a single-service deployment) or `<key>:<upn>` (a manager of that service only).
 */
export function configuredManagers(entries: readonly string[], key: string): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    const at = entry.indexOf(':');
    if (at < 0) out.push(entry);
    else if (entry.slice(0, at) === key) out.push(entry.slice(at + 1));
  }
  return out;
}

/** The services a choice is made among, named for a message: "lra (Libraries ...), highways (Highways)". */
export function serviceChoices(services: readonly Service[]): string {
  return services.map((s) => `${s.key} (${s.name})`).join(', ');
}

/** A quarter as people read it in a message: with the service's name when the deployment runs several. */
export function quarterIn(service: ServiceLabel | undefined, quarter: string): string {
  return service?.shown ? `${service.name}, ${quarter}` : quarter;
}
