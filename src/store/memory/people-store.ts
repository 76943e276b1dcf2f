/** In-memory PeopleStore. */
import { codeOfReason } from '../unreachable-code';
import type { Channel, PeopleStore, Person, PersonFields, Unreachable } from '../../app/ports';
import { copy } from './versions';

export class MemoryPeopleStore implements PeopleStore {
  /** The fields as written (merged), read into a Person the way the Table adapter reads its row. */
  private readonly rows = new Map<string, PersonFields & { updatedAt: string }>();
  private readonly aad = new Map<string, string>();
  private channel: Channel | undefined;

  get(upn: string): Promise<Person | undefined> {
    const key = upn.toLowerCase();
    const row = this.rows.get(key);
    return Promise.resolve(row && toPerson(key, row));
  }

  async byAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    const upn = this.aad.get(aadObjectId);
    return upn ? this.get(upn) : undefined;
  }

  upsert(upn: string, fields: PersonFields, now: string): Promise<Person> {
    const key = upn.toLowerCase();
    const row = { ...this.rows.get(key), ...fields, updatedAt: now };
    this.rows.set(key, row);
    if (fields.aadObjectId) this.aad.set(fields.aadObjectId, key);
    return Promise.resolve(toPerson(key, row));
  }

  async markUnreachable(upn: string, why: Unreachable, now: string): Promise<void> {
    await this.upsert(
      upn,
      { reachable: false, unreachableReason: why.reason, unreachableCode: why.code },
      now,
    );
  }

  all(): Promise<Person[]> {
    return Promise.resolve(
      [...this.rows.keys()].sort().map((key) => toPerson(key, this.rows.get(key) ?? { updatedAt: '' })),
    );
  }

  async many(upns: readonly string[]): Promise<Map<string, Person>> {
    const found = new Map<string, Person>();
    for (const upn of upns) {
      const person = await this.get(upn);
      if (person) found.set(person.upn, person);
    }
    return found;
  }

  smtChannel(): Promise<Channel | undefined> {
    return Promise.resolve(this.channel && copy(this.channel));
  }

  setSmtChannel(channel: Channel): Promise<void> {
    this.channel = copy(channel);
    return Promise.resolve();
  }
}

function toPerson(upn: string, row: PersonFields & { updatedAt: string }): Person {
  const conversation = row.conversation ?? '';
  return {
    upn,
    name: row.name ?? '',
    aadObjectId: row.aadObjectId ?? '',
    tenantId: row.tenantId ?? '',
    conversation,
    reachable: row.reachable ?? false,
    unreachableReason: row.unreachableReason ?? (conversation ? '' : 'has not installed the app'),
    unreachableCode:
      row.unreachableCode ??
      codeOfReason(row.unreachableReason ?? (conversation ? '' : 'not installed'), Boolean(row.reachable)),
    reachedBy: row.reachedBy ?? '',
    serviceManager: row.serviceManager ?? false,
    updatedAt: row.updatedAt,
  };
}
