import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCsv } from '../../src/files/read-table';
import { planFromTables } from '../../src/domain/plan-import';
import { compileDigest, type Digest, type DigestInput } from '../../src/domain/digest';
import type { Plan } from '../../src/domain/plan';

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

/** A 2016/17 Q1 digest of `plan` with these returns (majority rule, no reviews, one owner), overridable. */
export function sampleDigest(
  plan: Plan,
  returns: DigestInput['returns'],
  extra: Partial<DigestInput> = {},
): Digest {
  return compileDigest({
    plan,
    quarterLabel: '2016/17 Q1',
    q: 1,
    returns,
    previous: new Map(),
    rule: 'majority',
    reviews: new Map(),
    ownerOf: () => 'x@example.org',
    ...extra,
  });
}
