import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../src/app/read-table';
import { planFromTables } from '../../src/domain/plan-import';

export const SAMPLE_DIR = join(__dirname, '..', '..', 'samples', 'lra-2016-17');
export const sampleFile = (name: 'activities.csv' | 'kpis.csv') => ({
  name,
  bytes: readFileSync(join(SAMPLE_DIR, name)),
});
export const csv = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });

/** The LRA 2016/17 sample plan as a domain object (no storage). */
export function samplePlan(name = 'LRA Service Plan 2016/17') {
  return planFromTables(
    name,
    readCsv(sampleFile('activities.csv').bytes, 'a'),
    readCsv(sampleFile('kpis.csv').bytes, 'k'),
  );
}
