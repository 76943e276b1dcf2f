/**
 * Stable identities: however a council numbers its outcomes and supporting outcomes ("Outcome 1:", "1.",
 * "1.1", or not at all), the review card saves on every supporting outcome, and the digest shows it.
 */
import { manager } from '../support/actors';
import { readImportFile } from '../../src/files/read-table';
import { loadDigest, reviewSupportingOutcome } from '../../src/app/digest/digest';
import { importPlan } from '../../src/app/plan/import-plan';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { freshStores, RecordingMessenger, ZONE } from '../support/world';
import { cardComposer } from '../../src/cards/composer';

const HEADER =
  'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy';
const STYLES: Record<string, [string, string][]> = {
  'Outcome 1: / Supporting outcome 1.1:': [
    ['Outcome 1: Residents live healthier lives', 'Supporting outcome 1.1: More people read for pleasure'],
    ['Outcome 1: Residents live healthier lives', 'Supporting outcome 1.2: Older people stay connected'],
    ['Outcome 2: Communities are resilient', 'Supporting outcome 2.1: Volunteers run local events'],
  ],
  '1. / 1.1': [
    ['1. Residents live healthier lives', '1.1 More people read for pleasure'],
    ['1. Residents live healthier lives', '1.2 Older people stay connected'],
    ['2. Communities are resilient', '2.1 Volunteers run local events'],
  ],
  '1) / 1.1.': [
    ['1) Residents live healthier lives', '1.1. More people read for pleasure'],
    ['1) Residents live healthier lives', '1.2. Older people stay connected'],
    ['2) Communities are resilient', '2.1. Volunteers run local events'],
  ],
  'no numbers': [
    ['Residents live healthier lives', 'More people read for pleasure'],
    ['Residents live healthier lives', 'Older people stay connected'],
    ['Communities are resilient', 'Volunteers run local events'],
  ],
};

describe.each(Object.entries(STYLES))('outcomes numbered as "%s"', (_style, rows) => {
  it('saves a review on every supporting outcome', async () => {
    const { stores } = await freshStores('memory');
    const deps = {
      ...stores,
      messenger: new RecordingMessenger(),
      cards: cardComposer,
      zone: ZONE,
      serviceManagers: ['svc@example.org'],
    };
    const csv = [
      HEADER,
      ...rows.map(
        ([o, so], i) =>
          `A-${i + 1},"${o}","${so}",Libraries,Activity ${i + 1},Why,Dover,,owner${i}@example.org,`,
      ),
    ].join('\n');
    await importPlan(stores.plans, {
      read: readImportFile,
      activities: { name: 'activities.csv', bytes: Buffer.from(csv) },
      now: '2016-06-01T00:00:00Z',
    });
    const { cycle } = await openCycle(deps, {
      quarter: parseQuarter('2016/17 Q1'),
      clock: () => '2016-07-01T09:00:00Z',
      actor: manager('svc@example.org'),
      lease: { leases: stores.leases },
    });
    const digest = await loadDigest(deps, cycle);
    const sos = digest.outcomes.flatMap((o) => o.supportingOutcomes);
    expect(sos.map((s) => s.number)).toEqual(['1.1', '1.2', '2.1']);
    for (const so of sos)
      await reviewSupportingOutcome(deps, {
        actor: manager('svc@example.org'),
        cycleKey: cycle.key,
        soId: so.id,
        review: { commentary: `Overall for ${so.number}` },
        now: '2016-07-10T09:00:00Z',
      });
    const after = (await loadDigest(deps, cycle)).outcomes.flatMap((o) => o.supportingOutcomes);
    expect(after.map((s) => s.commentary)).toEqual(['Overall for 1.1', 'Overall for 1.2', 'Overall for 2.1']);
  });
});
