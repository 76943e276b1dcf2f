import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importPlan } from '../../src/app/import-plan';
import { ValidationError } from '../../src/domain/errors';
import { PlanRepository } from '../../src/store/plan-repository';
import { SAMPLE_DIR, sampleFile } from '../support/samples';
import { dump, freshTables } from '../support/tables';

const xlsx = (name: string) => ({ name, bytes: readFileSync(join(SAMPLE_DIR, name)) });

describe('plan import from XLSX (Azurite)', () => {
  it('the sample workbooks import to exactly the same plan as the CSVs', async () => {
    const fromCsv = await freshTables();
    const fromXlsx = await freshTables();
    await importPlan(new PlanRepository(fromCsv), {
      activities: sampleFile('activities.csv'),
      kpis: sampleFile('kpis.csv'),
      name: 'LRA',
      now: '2016-06-01T00:00:00Z',
    });
    const result = await importPlan(new PlanRepository(fromXlsx), {
      activities: xlsx('activities.xlsx'),
      kpis: xlsx('kpis.xlsx'),
      name: 'LRA',
      now: '2016-06-01T00:00:00Z',
    });
    expect(result.activities).toBe(86);
    expect(await dump(fromXlsx, 'plan')).toEqual(await dump(fromCsv, 'plan'));
    await fromCsv.drop();
    await fromXlsx.drop();
  });

  it('a damaged workbook is refused with what to do, and nothing is written', async () => {
    const tables = await freshTables();
    const bytes = Uint8Array.from([...readFileSync(join(SAMPLE_DIR, 'activities.xlsx')).subarray(0, 200)]);
    const error = await importPlan(new PlanRepository(tables), {
      activities: { name: 'plan.xlsx', bytes },
      now: '2016-06-01T00:00:00Z',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems[0]?.message).toMatch(
      /Save it from Excel as .xlsx, or as CSV UTF-8/,
    );
    expect(await dump(tables, 'plan')).toEqual([]);
    await tables.drop();
  });
});
