import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SAMPLE_DIR = join(__dirname, '..', '..', 'samples', 'lra-2016-17');
export const sampleFile = (name: 'activities.csv' | 'kpis.csv') => ({
  name,
  bytes: readFileSync(join(SAMPLE_DIR, name)),
});
export const csv = (name: string, text: string) => ({ name, bytes: new TextEncoder().encode(text) });
