import { readFileSync } from 'node:fs';
import { readImportFile } from '../../src/files/read-table';
import { join } from 'node:path';
import { importPlan } from '../../src/app/plan/import-plan';
import {
  createService,
  chooseService,
  listServices,
  retireService,
  serviceDeps,
} from '../../src/app/council/services';
import { tickServices } from '../../src/app/cycle/tick-services';
import type { AppDeps } from '../../src/app/ports';
import { cardComposer } from '../../src/cards/composer';
import { parseQuarter } from '../../src/domain/quarter';
import { cycleTimes } from '../../src/domain/schedule';
import { memorySpace } from '../../src/store/memory';
import { RecordingMessenger, ZONE } from '../support/world';
import { sampleFile } from '../support/samples';

const CS = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');
const csFile = (name: string) => ({ name, bytes: readFileSync(join(CS, name)) });
const NOW = '2016-06-01T00:00:00Z';

async function twoServices() {
  const space = memorySpace();
  const messenger = new RecordingMessenger();
  const deps: AppDeps = { ...space.base, messenger, cards: cardComposer, zone: ZONE, serviceManagers: [] };
  const lra = await createService(space, {
    key: 'lra',
    name: 'Libraries, Registration and Archives',
    now: NOW,
  });
  const cs = await createService(space, { key: 'customer-services', name: 'Customer Services', now: NOW });
  const all = await listServices(space, NOW);
  const config = ['lra:lra.manager@example.org', 'customer-services:cs.manager@example.org'];
  const lraDeps = serviceDeps(deps, space, lra, all, config);
  const csDeps = serviceDeps(deps, space, cs, all, config);
  await importPlan(lraDeps.plans, {
    read: readImportFile,
    activities: sampleFile('activities.csv'),
    kpis: sampleFile('kpis.csv'),
    now: NOW,
  });
  await importPlan(csDeps.plans, {
    read: readImportFile,
    activities: csFile('activities.csv'),
    kpis: csFile('kpis.csv'),
    now: NOW,
  });
  for (const upn of [
    'area-ops.gravesham@example.org',
    'contact-centre@example.org',
    'lra.manager@example.org',
    'cs.manager@example.org',
  ])
    await space.base.people.upsert(upn, { conversation: `conv:${upn}`, reachable: true, name: upn }, NOW);
  return { space, messenger, deps, lra, cs, lraDeps, csDeps, config };
}

const titles = (m: RecordingMessenger, upn: string) =>
  m.sent
    .filter((s) => s.conversation === `conv:${upn}`)
    .map((s) => (s.message.card?.body as { text?: string }[] | undefined)?.[0]?.text ?? '');

describe('several services in one deployment', () => {
  it('opens each service on its own schedule; an owner in both gets one card per service, titled with it', async () => {
    const w = await twoServices();
    // Customer Services opens a week later than LRA's default.
    await w.csDeps.plans.setSchedule(
      { ...(await w.csDeps.plans.schedule()), opensAfterQuarterEnd: 3 },
      'cs.manager@example.org',
      NOW,
    );
    await tickServices(w.deps, w.space, w.config, '2016-07-01T08:00:00Z', { leases: w.space.base.leases });
    expect(await w.lraDeps.cycles.get('2016-17-Q1')).toBeDefined();
    expect(await w.csDeps.cycles.get('2016-17-Q1')).toBeUndefined();
    const lraOnly = titles(w.messenger, 'area-ops.gravesham@example.org');
    expect(lraOnly.some((t) => t.includes('Libraries, Registration and Archives'))).toBe(true);
    expect(lraOnly.some((t) => t.includes('Customer Services'))).toBe(false);
    expect(titles(w.messenger, 'contact-centre@example.org')).toEqual([]);

    const opens = cycleTimes(parseQuarter('2016/17-Q1'), await w.csDeps.plans.schedule(), ZONE).opensAt;
    expect(opens > '2016-07-01T08:00:00Z').toBe(true);
    await tickServices(w.deps, w.space, w.config, opens, { leases: w.space.base.leases });
    const both = titles(w.messenger, 'area-ops.gravesham@example.org');
    expect(both.filter((t) => t.startsWith('Quarterly return: Customer Services')).length).toBe(1);
    expect(
      titles(w.messenger, 'contact-centre@example.org').filter((t) => t.startsWith('Quarterly return:'))
        .length,
    ).toBe(1);
    // The "Opened" summary goes to each service's own manager only.
    const lraManager = w.messenger.sent.filter(
      (s) => s.conversation === 'conv:lra.manager@example.org',
    ).length;
    const again = w.messenger.sent.length;
    await tickServices(w.deps, w.space, w.config, opens, { leases: w.space.base.leases });
    expect(w.messenger.sent.length).toBe(again);
    expect(lraManager).toBeGreaterThan(0);
    expect(w.csDeps.serviceManagers).toEqual(['cs.manager@example.org']);
    expect(w.lraDeps.serviceManagers).toEqual(['lra.manager@example.org']);
  });

  it('asks which service when there are several, refuses an unknown one, and keeps a retired one for reports', async () => {
    const w = await twoServices();
    expect((await chooseService(w.space, undefined, NOW)).kind).toBe('several');
    await expect(chooseService(w.space, 'highways', NOW)).rejects.toThrow(/no service "highways".*lra/);
    await expect(createService(w.space, { key: 'lra', name: 'Again', now: NOW })).rejects.toThrow(
      /exists already/,
    );
    await retireService(w.space, 'customer-services', '2017-04-01T00:00:00Z');
    const only = await chooseService(w.space, undefined, NOW);
    expect(only.kind === 'one' && only.service.key).toBe('lra');
    await expect(chooseService(w.space, 'customer-services', NOW)).rejects.toThrow(/retired/);
    const past = await chooseService(w.space, 'customer-services', NOW, { retired: true });
    expect(past.kind).toBe('one');
  });

  it('a single-plan deployment becomes its first service, in the tables it already had', async () => {
    const space = memorySpace();
    await importPlan(space.base.plans, {
      read: readImportFile,
      activities: sampleFile('activities.csv'),
      name: 'LRA Service Plan 2016/17',
      now: NOW,
    });
    const [first] = await listServices(space, NOW);
    expect(first).toMatchObject({ key: 'main', name: 'LRA Service Plan 2016/17', scope: '' });
    const choice = await chooseService(space, undefined, NOW);
    expect(choice.kind === 'one' && choice.service.key).toBe('main');
  });
});
