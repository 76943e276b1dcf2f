/** A plan loaded into fresh Azurite tables, with repositories, for use-case tests. */
import { importPlan } from '../../src/app/import-plan';
import type { Messenger, OutboundMessage, SendResult } from '../../src/app/ports';
import { repositories } from '../../src/runtime';
import type { Tables } from '../../src/store/tables';
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

export async function world(options: { installAll?: boolean } = {}) {
  const tables: Tables = await freshTables();
  const repos = repositories(tables);
  await importPlan(repos.plans, {
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    name: 'LRA Service Plan 2016/17',
    now: '2016-06-01T00:00:00Z',
  });
  const plan = (await repos.plans.load())!;
  const messenger = new RecordingMessenger();
  if (options.installAll) {
    const people = new Set([...plan.activities.map((a) => a.owner), ...plan.measures.map((m) => m.owner)]);
    for (const upn of people)
      await repos.people.upsert(
        upn,
        { conversation: `conv:${upn}`, reachable: true, name: upn },
        '2016-06-01T00:00:00Z',
      );
  }
  return {
    tables,
    ...repos,
    plan,
    messenger,
    zone: ZONE,
    deps: { ...repos, messenger, zone: ZONE, serviceManagers: [] as string[] },
    lease: { leases: repos.leases },
  };
}
