/**
 * People and channels. PartitionKey `person`, RowKey = lower-case UPN; `aad` rows map an Entra object id
 * to a UPN and hold a copy of the person (so knowing who sent a message is one read; rows written before
 * the copy existed get it on first use); PartitionKey `channel`, RowKey `smt` holds the SMT channel. Conversation references are stored
 * as opaque JSON (the teams adapter owns their shape).
 */
import { codeOfReason } from './unreachable-code';
import { odata, type TableClient } from '@azure/data-tables';
import type { Channel, PeopleStore, Person, PersonFields, Unreachable } from '../app/ports';
import type { Tables } from './tables';
import { isNotFound } from './errors';

type PersonEntity = Person & { partitionKey: 'person'; rowKey: string };

/** Up to this many people are read one by one; more, by a scan of the partition (1,000 a page). */
const MANY_BY_POINT_READS = 20;

export class TablePeopleStore implements PeopleStore {
  private readonly client: TableClient;
  constructor(tables: Tables) {
    this.client = tables.client('people');
  }

  async get(upn: string): Promise<Person | undefined> {
    try {
      const e = await this.client.getEntity<PersonEntity>('person', upn.toLowerCase());
      return toPerson(e);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async byAadObjectId(aadObjectId: string): Promise<Person | undefined> {
    let e: { upn: string; person?: string };
    try {
      e = await this.client.getEntity<{ upn: string; person?: string }>('aad', aadObjectId);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    if (e.person) return { reachedBy: '', ...(JSON.parse(e.person) as Omit<Person, 'reachedBy'>) };
    const person = await this.get(e.upn);
    if (person) await this.writeCopy(aadObjectId, person);
    return person;
  }

  /**
   * Merges the given fields into the person's row (creating it if needed), then refreshes the copy in
   * their `aad` row. The copy is read back against the person after it is written, so of two writers at
   * once the last leaves the copy equal to the person.
   */
  async upsert(upn: string, fields: PersonFields, now: string): Promise<Person> {
    const key = upn.toLowerCase();
    const entity = { partitionKey: 'person', rowKey: key, upn: key, ...fields, updatedAt: now };
    await this.client.upsertEntity(entity, 'Merge');
    let read = await this.read(key);
    for (let attempt = 0; attempt < 3 && read.person.aadObjectId; attempt += 1) {
      await this.writeCopy(read.person.aadObjectId, read.person);
      const again = await this.read(key);
      if (again.etag === read.etag) break;
      read = again;
    }
    return read.person;
  }

  private async read(upn: string): Promise<{ person: Person; etag: string }> {
    const e = await this.client.getEntity<PersonEntity>('person', upn);
    return { person: toPerson(e), etag: e.etag };
  }

  private async writeCopy(aadObjectId: string, person: Person): Promise<void> {
    await this.client.upsertEntity(
      { partitionKey: 'aad', rowKey: aadObjectId, upn: person.upn, person: JSON.stringify(person) },
      'Replace',
    );
  }

  async markUnreachable(upn: string, why: Unreachable, now: string): Promise<void> {
    await this.upsert(
      upn,
      { reachable: false, unreachableReason: why.reason, unreachableCode: why.code },
      now,
    );
  }

  async all(): Promise<Person[]> {
    const people: Person[] = [];
    for await (const e of this.client.listEntities<PersonEntity>({
      queryOptions: { filter: odata`PartitionKey eq 'person'` },
    })) {
      people.push(toPerson(e));
    }
    return people;
  }

  async many(upns: readonly string[]): Promise<Map<string, Person>> {
    const wanted = new Set(upns.map((u) => u.toLowerCase()));
    // A few: point reads in parallel; many: one scan of the people partition costs fewer requests.
    const people =
      wanted.size <= MANY_BY_POINT_READS
        ? (await Promise.all([...wanted].map((upn) => this.get(upn)))).filter(
            (p): p is Person => p !== undefined,
          )
        : (await this.all()).filter((p) => wanted.has(p.upn));
    return new Map(people.map((p) => [p.upn, p]));
  }

  async smtChannel(): Promise<Channel | undefined> {
    try {
      const e = await this.client.getEntity<Channel>('channel', 'smt');
      return {
        conversation: e.conversation,
        name: e.name,
        registeredBy: e.registeredBy,
        registeredAt: e.registeredAt,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async setSmtChannel(channel: Channel): Promise<void> {
    await this.client.upsertEntity({ partitionKey: 'channel', rowKey: 'smt', ...channel }, 'Replace');
  }
}

function toPerson(e: Partial<PersonEntity> & { rowKey: string }): Person {
  return {
    upn: e.rowKey,
    name: e.name ?? '',
    aadObjectId: e.aadObjectId ?? '',
    tenantId: e.tenantId ?? '',
    conversation: e.conversation ?? '',
    reachable: e.reachable ?? false,
    unreachableReason: e.unreachableReason ?? (e.conversation ? '' : 'has not installed the app'),
    unreachableCode:
      e.unreachableCode ??
      codeOfReason(e.unreachableReason ?? (e.conversation ? '' : 'not installed'), Boolean(e.reachable)),
    reachedBy: e.reachedBy ?? '',
    serviceManager: e.serviceManager ?? false,
    updatedAt: e.updatedAt ?? '',
  };
}
