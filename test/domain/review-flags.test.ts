/** The review card's flags, rule by rule: each fires where it should, with its reason, and nowhere else. */
import {
  activityFlags,
  FAR_FACTOR,
  JUMP_FACTOR,
  MIN_WORDS,
  measureFlags,
} from '../../src/domain/review-flags';
import type { Kpi } from '../../src/domain/plan';
import type { StoredReturn } from '../../src/domain/returns';

const answer = (fields: Partial<StoredReturn>): StoredReturn => ({
  item: 'a:LRA-1.1.01',
  submittedBy: 'area-ops.gravesham@example.org',
  submittedAt: '2016-07-05T10:00:00Z',
  late: false,
  version: 1,
  ...fields,
});
const kpi: Kpi = {
  kind: 'kpi',
  ref: 'LRA01',
  description: 'Visits per 1,000 population',
  unit: 'visits',
  direction: 'higher',
  owner: 'performance@example.org',
  order: 1,
  floor: 180,
  target: 212,
};
const rules = (flags: { rule: string }[]) => flags.map((f) => f.rule);

describe('review flags', () => {
  it('thin commentary: a Green or Amber under six words is flagged, with the count; a Red is not by this rule', () => {
    expect(MIN_WORDS).toBe(6);
    const green = activityFlags(answer({ rag: 'green', commentary: 'On track.' }));
    expect(green).toEqual([
      {
        rule: 'thin-commentary',
        reason: expect.stringMatching(/^Green with a commentary of 2 word\(s\)/) as string,
      },
    ]);
    expect(rules(activityFlags(answer({ rag: 'amber', commentary: 'Slight delay, see notes' })))).toEqual([
      'thin-commentary',
    ]);
    expect(
      activityFlags(answer({ rag: 'green', commentary: 'All six branch sessions ran as planned in June.' })),
    ).toEqual([]);
  });

  it('red without recovery: a Red whose commentary says nothing of what will be done', () => {
    expect(
      rules(
        activityFlags(answer({ rag: 'red', commentary: 'The contractor went into administration in May.' })),
      ),
    ).toEqual(['red-without-recovery']);
    for (const recovery of [
      'Contractor gone; we will re-tender in September.',
      'Delayed. A recovery plan is agreed with the supplier.',
      'Behind: working with Facilities to reopen by the end of Q2.',
    ])
      expect(activityFlags(answer({ rag: 'red', commentary: recovery }))).toEqual([]);
  });

  it('a KPI value far from floor and target (a slip of units or a typo) is flagged; a plausible one is not', () => {
    expect(FAR_FACTOR).toBe(10);
    expect(rules(measureFlags(kpi, answer({ item: 'm:LRA01', value: 2120 * 10 }), undefined))).toEqual([
      'value-far-from-target',
    ]);
    expect(rules(measureFlags(kpi, answer({ item: 'm:LRA01', value: 2.1 }), undefined))).toEqual([
      'value-far-from-target',
    ]);
    expect(measureFlags(kpi, answer({ item: 'm:LRA01', value: 150 }), undefined)).toEqual([]);
  });

  it("a KPI value over three times (or under a third of) last quarter's is flagged, saying which way", () => {
    expect(JUMP_FACTOR).toBe(3);
    const before = answer({ item: 'm:LRA01', value: 200 });
    const up = measureFlags(kpi, answer({ item: 'm:LRA01', value: 700 }), before);
    expect(up).toEqual([
      { rule: 'value-jump', reason: '700 against 200 last quarter: more than 3 times higher' },
    ]);
    expect(rules(measureFlags(kpi, answer({ item: 'm:LRA01', value: 60 }), before))).toEqual(['value-jump']);
    expect(measureFlags(kpi, answer({ item: 'm:LRA01', value: 250 }), before)).toEqual([]);
    // No value (an activity) and no previous quarter: nothing to compare.
    expect(measureFlags(kpi, answer({ item: 'm:LRA01' }), before)).toEqual([]);
  });
});
