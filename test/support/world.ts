/**
 * A plan loaded into fresh stores, for use-case and bot tests: in memory by default (the contract suites in
 * test/store prove the in-memory stores behave like the Table adapters), or on Azurite for end-to-end tests.
 */
import { readImportFile } from '../../src/files/read-table';
import { importPlan } from '../../src/app/plan/import-plan';
import type {
  AppDeps,
  Messenger,
  OutboundMessage,
  SendResult,
  ServiceSpace,
  Stores,
} from '../../src/app/ports';
import { cardComposer } from '../../src/cards/composer';
import { tableSpace, tableStores } from '../../src/store';
import { memorySpace, memoryStores } from '../../src/store/memory';
import { sampleFile } from './samples';
import { freshTables } from './tables';

export const ZONE = 'Europe/London';

/** Records what would be sent; answers per recipient conversation as told. Unit-test stand-in only. */
export class RecordingMessenger implements Messenger {
  readonly sent: { conversation: string; message: OutboundMessage }[] = [];
  answer: (conversation: string) => SendResult = (conversation) => ({
    outcome: 'sent',
    activityId: `act-${this.sent.length}`,
    conversationId: conversation,
  });
  send(conversation: string, message: OutboundMessage): Promise<SendResult> {
    const result = this.answer(conversation);
    if (result.outcome === 'sent') this.sent.push({ conversation, message });
    return Promise.resolve(result);
  }
  to(conversation: string) {
    return this.sent.filter((s) => s.conversation === conversation);
  }
}

/** Fresh stores: in memory, or Azurite tables under a unique prefix (with a way to drop them). */
export async function freshStores(
  storage: 'memory' | 'azurite' = 'memory',
): Promise<{ stores: Stores; space: ServiceSpace; drop: () => Promise<void> }> {
  if (storage === 'memory') {
    const stores = memoryStores();
    return { stores, space: memorySpace(stores), drop: () => Promise.resolve() };
  }
  const tables = await freshTables();
  const stores = tableStores(tables);
  return { stores, space: tableSpace(tables, stores), drop: () => tables.drop() };
}

export async function world(options: { installAll?: boolean; storage?: 'memory' | 'azurite' } = {}) {
  const { stores, space, drop } = await freshStores(options.storage);
  await importPlan(stores.plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: '2016-06-01T00:00:00Z',
  });
  const plan = (await stores.plans.load())!;
  const messenger = new RecordingMessenger();
  if (options.installAll) {
    const people = new Set([...plan.activities.map((a) => a.owner), ...plan.measures.map((m) => m.owner)]);
    for (const upn of people)
      await stores.people.upsert(
        upn,
        { conversation: `conv:${upn}`, reachable: true, name: upn },
        '2016-06-01T00:00:00Z',
      );
  }
  const deps: AppDeps = { ...stores, messenger, cards: cardComposer, zone: ZONE, serviceManagers: [] };
  return { ...stores, space, drop, plan, messenger, zone: ZONE, deps, lease: { leases: stores.leases } };
}
