import { readFileSync } from 'node:fs';
import { readImportFile } from '../../src/files/read-table';
import { join } from 'node:path';
import { importPlan } from '../../src/app/plan/import-plan';
import { ValidationError } from '../../src/domain/errors';
import { MemoryPlanStore } from '../../src/store/memory/plan-store';
import { SAMPLE_DIR, sampleFile } from '../support/samples';

const xlsx = (name: string) => ({ name, bytes: readFileSync(join(SAMPLE_DIR, name)) });

describe('plan import from XLSX', () => {
  it('the sample workbooks import to exactly the same plan as the CSVs', async () => {
    const fromCsv = new MemoryPlanStore();
    const fromXlsx = new MemoryPlanStore();
    await importPlan(fromCsv, {
      read: readImportFile,
      activities: sampleFile('activities.csv'),
      kpis: sampleFile('kpis.csv'),
      name: 'LRA',
      now: '2016-06-01T00:00:00Z',
    });
    const result = await importPlan(fromXlsx, {
      read: readImportFile,
      activities: xlsx('activities.xlsx'),
      kpis: xlsx('kpis.xlsx'),
      name: 'LRA',
      now: '2016-06-01T00:00:00Z',
    });
    expect(result.activities).toBe(86);
    expect(await fromXlsx.snapshot()).toEqual(await fromCsv.snapshot());
  });

  it('a damaged workbook is refused with what to do, and nothing is written', async () => {
    const plans = new MemoryPlanStore();
    const bytes = Uint8Array.from([...readFileSync(join(SAMPLE_DIR, 'activities.xlsx')).subarray(0, 200)]);
    const error = await importPlan(plans, {
      read: readImportFile,
      activities: { name: 'plan.xlsx', bytes },
      now: '2016-06-01T00:00:00Z',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.message).toMatch(
      /Save it from Excel as .xlsx, or as CSV UTF-8/,
    );
    expect(await plans.snapshot()).toBeUndefined();
  });
});
