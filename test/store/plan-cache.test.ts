/**
 * The Table plan store reads the whole plan only when it changed (its meta row's ETag), and sees an import
 * made by another instance at once.
 */
import { diffPlans } from '../../src/domain/plan-diff';
import type { Activity, Plan } from '../../src/domain/plan';
import { TablePlanStore } from '../../src/store/plan-store';
import { Tables } from '../../src/store/tables';
import { freshTables, testConnectionString } from '../support/tables';

const activity = (id: string, text: string): Activity => ({
  id,
  outcome: 'Outcome 1',
  supportingOutcome: 'Supporting outcome 1.1',
  function: 'Archives',
  text,
  justification: '',
  districts: ['Dover'],
  priorityRefs: [],
  owner: 'archives@example.org',
  order: 1,
});
const plan = (text: string): Plan => ({ name: 'Plan', activities: [activity('A', text)], measures: [] });

describe('plan store cache (Azurite)', () => {
  it('an unchanged plan is not scanned again; an import by another instance is seen at once', async () => {
    const tables = await freshTables();
    const here = new TablePlanStore(tables);
    // Another instance: its own clients over the same tables.
    const there = new TablePlanStore(new Tables({ connectionString: testConnectionString() }, tables.prefix));
    await there.apply(diffPlans(undefined, plan('First')), '2016-06-01T00:00:00Z');
    expect((await here.load())?.activities[0]?.text).toBe('First');
    const scans = jest.spyOn(tables.client('plan'), 'listEntities');
    expect((await here.load())?.activities[0]?.text).toBe('First');
    expect(scans).not.toHaveBeenCalled();
    await there.apply(diffPlans(plan('First'), plan('Second')), '2016-06-02T00:00:00Z');
    expect((await here.load())?.activities[0]?.text).toBe('Second');
    expect(scans).toHaveBeenCalledTimes(1);
    await tables.drop();
  });
});
