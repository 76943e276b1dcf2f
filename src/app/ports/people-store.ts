/** Port: the people the bot talks to (conversation references, reachability, role) and the SMT channel. */

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
  /** How the bot reached them: '' = they installed the app; 'installed' = RAG Chaser installed it for them. */
  readonly reachedBy: string;
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
  markUnreachable(upn: string, reason: string, now: string): Promise<void>;
  all(): Promise<Person[]>;
  /** The people of these UPNs that are stored, by lower-case UPN: one scan for many, point reads for a few. */
  many(upns: readonly string[]): Promise<Map<string, Person>>;
  smtChannel(): Promise<Channel | undefined>;
  setSmtChannel(channel: Channel): Promise<void>;
}
