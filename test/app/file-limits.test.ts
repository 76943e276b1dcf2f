/**
 * Hard limits on uploaded plan files, before any row is built: a sheet reaching far columns or rows, a zip
 * bomb, a CSV of thousands of header names or rows. Each is refused quickly with what to fix; the sample
 * workbook and CSV still read.
 */
import { readTables } from '../../src/files/read-table';
import { ValidationError } from '../../src/domain/errors';
import { longCsv, samplePlanXlsx, wideCsv, workbookWithCellAt, zipBomb } from '../support/hostile-files';

async function refusal(bytes: Uint8Array, name: string): Promise<string> {
  const error = await readTables(bytes, name).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).problems.map((p) => p.message).join(' ');
}

describe('uploaded file limits', () => {
  it('the sample workbook still reads, sheet by sheet', async () => {
    const tables = await readTables(samplePlanXlsx(), 'plan.xlsx');
    expect(tables.map((t) => t.table.rows.length)).toEqual([expect.any(Number), expect.any(Number)]);
    expect(tables[0]?.table.rows.length).toBeGreaterThan(80);
  });

  it('refuses a workbook with one cell at XFD1048576 (2 cells that the reader would pad to 10^10)', async () => {
    const bytes = workbookWithCellAt('XFD1048576');
    expect(bytes.length).toBeLessThan(100_000);
    expect(await refusal(bytes, 'plan.xlsx')).toMatch(/Too large to be a plan: a sheet reaches column 16384/);
  });

  it('refuses a workbook reaching row 1,000,000 in column A', async () => {
    expect(await refusal(workbookWithCellAt('A1000000'), 'plan.xlsx')).toMatch(/reaches row 1000000/);
  });

  it('refuses a zip bomb by the bytes really inflated', async () => {
    const bytes = zipBomb(80);
    expect(bytes.length).toBeLessThan(1_000_000);
    expect(await refusal(bytes, 'plan.xlsx')).toMatch(/unpacks to more than 64 MB/);
  });

  it('refuses a CSV of 20,000 header names and one of 30,000 rows, and a row of a million characters', async () => {
    const wide = wideCsv(20_000);
    expect(wide.length).toBeLessThan(250_000);
    expect(await refusal(wide, 'activities.csv')).toMatch(/the header has 20000 columns \(at most 64/);
    expect(await refusal(longCsv(30_000), 'activities.csv')).toMatch(/more than 20000 rows/);
    const long = new TextEncoder().encode(`activity_id,outcome\n"${'x'.repeat(1_100_000)}",o\n`);
    expect(await refusal(long, 'activities.csv')).toMatch(/longer than 1000000 characters/);
  });
});
