/**
 * One service's failure does not stop the others: a service whose storage throws is reported failed and
 * the services after it (alphabetically "customer-services" before "lra") still open their quarters.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPlan } from '../../src/app/plan/import-plan';
import { readImportFile } from '../../src/files/read-table';
import type { AppDeps, ServiceSpace, Stores } from '../../src/app/ports';
import { createService, listServices, serviceDeps } from '../../src/app/council/services';
import { tickServices } from '../../src/app/cycle/tick-services';
import { cardComposer } from '../../src/cards/composer';
import { memorySpace } from '../../src/store/memory';
import { sampleFile } from '../support/samples';
import { RecordingMessenger, ZONE } from '../support/world';

const CS_DIR = join(__dirname, '..', '..', 'samples', 'customer-services-2016-17');
const csFile = (name: string) => ({ name, bytes: readFileSync(join(CS_DIR, name)) });
const T0 = '2016-06-01T00:00:00Z';

it("a service whose storage fails is reported; the next service's quarter still opens", async () => {
  const real = memorySpace();
  const messenger = new RecordingMessenger();
  await createService(real, { key: 'lra', name: 'Libraries, Registration and Archives', now: T0 });
  await createService(real, { key: 'customer-services', name: 'Customer Services', now: T0 });
  const all = await listServices(real, T0);
  const cs = all.find((s) => s.key === 'customer-services')!;
  const base: AppDeps = { ...real.base, messenger, cards: cardComposer, zone: ZONE, serviceManagers: [] };
  await importPlan(
    serviceDeps(
      base,
      real,
      all.find((s) => s.key === 'lra')!,
      all,
      [],
    ).plans,
    {
      read: readImportFile,
      activities: sampleFile('activities.csv'),
      kpis: sampleFile('kpis.csv'),
      now: T0,
    },
  );
  await importPlan(serviceDeps(base, real, cs, all, []).plans, {
    read: readImportFile,
    activities: csFile('activities.csv'),
    kpis: csFile('kpis.csv'),
    now: T0,
  });
  // Customer Services (first in key order) cannot read its quarters.
  const broken = (stores: Stores): Stores => ({
    ...stores,
    cycles: new Proxy(stores.cycles, { get: () => () => Promise.reject(new Error('storage said 500')) }),
  });
  const space: ServiceSpace = {
    ...real,
    storesOf: (scope) => (scope === cs.scope ? broken(real.storesOf(scope)) : real.storesOf(scope)),
  };
  const report = await tickServices(base, space, [], '2016-07-01T08:00:00Z', { leases: real.base.leases });
  expect(report.failed).toEqual([{ service: 'customer-services', error: 'storage said 500' }]);
  expect(report.opened).toEqual(['lra 2016-17-Q1']);
  expect(report.steps.map((s) => `${s.cycle} ${s.step}`)).toContain('lra 2016-17-Q1 chase');
});
