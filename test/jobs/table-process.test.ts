/**
 * Plan files are read in a child process with its own heap cap and time limit: the sample reads as it does
 * in-process; a reader that runs out of heap or time is killed and the person told, and this process is
 * untouched; a file refused by the limits comes back as the same refusal.
 */
import { readTables } from '../../src/files/read-table';
import { readTablesInChild } from '../../src/jobs/table-process';
import { ValidationError } from '../../src/domain/errors';
import { samplePlanXlsx, wideCsv } from '../support/hostile-files';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: unknown) => e as ValidationError,
  );

describe('reading plan files in a child process', () => {
  it('reads the sample workbook exactly as in-process', async () => {
    const bytes = samplePlanXlsx();
    expect(await readTablesInChild(bytes, 'plan.xlsx')).toEqual(await readTables(bytes, 'plan.xlsx'));
  }, 30_000);

  it('a refusal by the limits comes back with its problems', async () => {
    const error = await refusal(readTablesInChild(wideCsv(20_000), 'activities.csv'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.problems[0]).toMatchObject({
      file: 'activities.csv',
      message: expect.stringMatching(/64/),
    });
  }, 30_000);

  it('a reader out of heap or out of time is killed; the person is told; this process goes on', async () => {
    const starved = await refusal(readTablesInChild(samplePlanXlsx(), 'plan.xlsx', { heapMb: 2 }));
    expect(starved).toBeInstanceOf(ValidationError);
    expect(starved?.message).toMatch(/plan\.xlsx could not be read/);
    const slow = await refusal(readTablesInChild(samplePlanXlsx(), 'plan.xlsx', { timeoutMs: 1 }));
    expect(slow?.message).toMatch(/took too long/);
    expect(await readTablesInChild(samplePlanXlsx(), 'plan.xlsx')).toHaveLength(2);
  }, 30_000);
});
