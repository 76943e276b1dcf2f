/** Port: the people the bot talks to (conversation references, reachability, role) and the SMT channel. */

/** How the bot reached someone: '' = they installed the app; 'installed' = RAG Chaser installed it for them. */
export type ReachedBy = '' | 'installed' | 'installing';

/**
 * Why someone cannot be reached, as a code decisions are made on (the text beside it is for people):
 * `removed` (uninstalled or blocked: left as they chose), `no-conversation` (the stored chat is gone),
 * `left` (no longer in the directory, though reached before), `not-in-directory`, `no-licence`,
 * `not-permitted` (a permission, the catalogue entry or the bot's token: IT fixes it), `not-installed`.
 */
export type UnreachableCode =
  | ''
  | 'not-installed'
  | 'removed'
  | 'no-conversation'
  | 'left'
  | 'not-in-directory'
  | 'no-licence'
  | 'not-permitted';

/** Why not, in a code and in words with what fixes it. */
export interface Unreachable {
  readonly code: Exclude<UnreachableCode, ''>;
  readonly reason: string;
}

export interface Person {
  /** Lower-case UPN: the key. */
  readonly upn: string;
  readonly name: string;
  readonly aadObjectId: string;
  readonly tenantId: string;
  /** JSON of the 1:1 conversation reference (the teams adapter owns its shape); empty when unreachable. */
  readonly conversation: string;
  readonly reachable: boolean;
  /** Why not reachable: "has not installed the app", "uninstalled the app", "blocked the bot" ... */
  readonly unreachableReason: string;
  /** The same as a code; '' when reachable. */
  readonly unreachableCode: UnreachableCode;
  readonly reachedBy: ReachedBy;
  readonly serviceManager: boolean;
  readonly updatedAt: string;
}

export interface Channel {
  readonly conversation: string;
  readonly name: string;
  readonly registeredBy: string;
  readonly registeredAt: string;
}

export type PersonFields = Partial<Omit<Person, 'upn' | 'updatedAt'>>;

export interface PeopleStore {
  get(upn: string): Promise<Person | undefined>;
  byAadObjectId(aadObjectId: string): Promise<Person | undefined>;
  /** Merges the given fields into the person's row, creating it if needed. */
  upsert(upn: string, fields: PersonFields, now: string): Promise<Person>;
  markUnreachable(upn: string, why: Unreachable, now: string): Promise<void>;
  all(): Promise<Person[]>;
  /** The people of these UPNs that are stored, by lower-case UPN: one scan for many, point reads for a few. */
  many(upns: readonly string[]): Promise<Map<string, Person>>;
  smtChannel(): Promise<Channel | undefined>;
  setSmtChannel(channel: Channel): Promise<void>;
}
