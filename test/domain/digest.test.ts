import { compileDigest, type DigestInput } from '../../src/domain/digest';
import { supportingOutcomeId } from '../../src/domain/plan';
import type { Rag } from '../../src/domain/rag';
import type { ItemKey, StoredReturn } from '../../src/domain/returns';
import { samplePlan } from '../support/samples';

const plan = samplePlan('LRA Service Plan 2016/17');
const answer = (item: string, fields: Partial<StoredReturn>): [ItemKey, StoredReturn] => [
  item as ItemKey,
  {
    item: item as ItemKey,
    submittedBy: 'x@example.org',
    submittedAt: '2016-07-05T10:00:00Z',
    late: false,
    version: 1,
    ...fields,
  },
];
const rag = (id: string, r: Rag, extra: Partial<StoredReturn> = {}) =>
  answer(`a:${id}`, { rag: r, commentary: `${r} commentary for ${id}`, ...extra });

// Supporting outcome 1.1 has seven activities: 3 Green, 2 Amber, 1 Red, 1 not returned.
const returns = new Map<ItemKey, StoredReturn>([
  rag('LRA-1.1.01', 'green'),
  rag('LRA-1.1.02', 'green', { evidence: '"The best morning of the holidays" (parent)' }),
  rag('LRA-1.1.03', 'green'),
  rag('LRA-1.1.04', 'amber'),
  rag('LRA-1.1.05', 'amber', { late: true }),
  rag('LRA-1.1.06', 'red'),
  // 1.2: 1 Green, 1 Amber, 1 Red -> majority tie -> Red
  rag('LRA-1.2.01', 'green'),
  rag('LRA-1.2.02', 'amber'),
  rag('LRA-1.2.03', 'red'),
  answer('m:LRA06', { value: 93 }),
  answer('m:LRA13', { value: 80 }),
  answer('m:LRA01', { value: 1300 }),
]);
const previous = new Map<ItemKey, StoredReturn>([
  rag('LRA-1.1.06', 'amber'),
  rag('LRA-1.1.01', 'amber'),
  answer('m:LRA06', { value: 91 }),
]);
const base: DigestInput = {
  plan,
  quarterLabel: '2016/17 Q1',
  q: 1,
  returns,
  previous,
  rule: 'majority',
  reviews: new Map(),
  ownerOf: (key) =>
    (key.startsWith('a:')
      ? plan.activities.find((a) => `a:${a.id}` === key)?.owner
      : plan.measures.find((m) => `m:${m.ref}` === key)?.owner) ?? '',
};

describe('compileDigest on a seeded quarter', () => {
  const d = compileDigest(base);
  const o1 = d.outcomes[0]!;
  const so = (n: string) => o1.supportingOutcomes.find((s) => s.number === n)!;

  it('counts overall like the dashboard: Green, Amber, Red and not returned (never as a colour)', () => {
    expect(d.counts).toEqual({ green: 4, amber: 3, red: 2, notReturned: 77 });
    expect(d.lateCount).toBe(1);
  });

  it('rolls supporting outcomes up by majority, ties to the worse colour', () => {
    expect(so('1.1')).toMatchObject({
      counts: { green: 3, amber: 2, red: 1, notReturned: 1 },
      computed: 'green',
      rag: 'green',
    });
    expect(so('1.2')).toMatchObject({
      counts: { green: 1, amber: 1, red: 1, notReturned: 0 },
      computed: 'red',
    });
    expect(so('1.3').rag).toBeUndefined();
    expect(o1.rag).toBe('red');
    expect(d.outcomes[1]?.rag).toBeUndefined();
  });

  it('worst-of rule', () => {
    const worst = compileDigest({ ...base, rule: 'worst' });
    expect(worst.outcomes[0]?.supportingOutcomes[0]?.rag).toBe('red');
  });

  it('lists every Red and Amber with owner function, district and commentary, Reds first', () => {
    expect(d.redsAndAmbers.map((a) => [a.id, a.rag])).toEqual([
      ['LRA-1.1.06', 'red'],
      ['LRA-1.2.03', 'red'],
      ['LRA-1.1.04', 'amber'],
      ['LRA-1.1.05', 'amber'],
      ['LRA-1.2.02', 'amber'],
    ]);
    expect(d.redsAndAmbers[0]).toMatchObject({
      function: 'Archives',
      districts: ['Countywide'],
      commentary: 'red commentary for LRA-1.1.06',
      owner: 'archives@example.org',
    });
  });

  it('direction of travel for activities and roll-ups', () => {
    expect(so('1.1').activities.find((a) => a.id === 'LRA-1.1.06')?.travel).toBe('worse');
    expect(so('1.1').activities.find((a) => a.id === 'LRA-1.1.01')?.travel).toBe('better');
    expect(so('1.1')).toMatchObject({ previous: 'amber', travel: 'better' });
  });

  it('KPIs against floor and target with travel; indicators against the quarter range', () => {
    expect(d.kpis.find((k) => k.ref === 'LRA06')).toMatchObject({
      value: 93,
      rag: 'amber',
      floor: 90,
      target: 95,
      previousValue: 91,
      travel: 'better',
    });
    expect(d.kpis.find((k) => k.ref === 'LRA13')).toMatchObject({ value: 80, rag: 'red' });
    expect(d.kpis.find((k) => k.ref === 'LRA07')?.value).toBeUndefined();
    expect(d.indicators.find((i) => i.ref === 'LRA01')).toMatchObject({
      value: 1300,
      lower: 1159,
      upper: 1268,
      band: 'above',
    });
  });

  it('outstanding returns by owner, and evidence of outcome as highlights', () => {
    const gravesham = plan.activities
      .filter((a) => a.owner === 'area-ops.gravesham@example.org' && !returns.has(`a:${a.id}`))
      .map((a) => a.id);
    expect(gravesham).toHaveLength(4);
    expect(d.outstanding.find((o) => o.owner === 'area-ops.gravesham@example.org')?.items).toEqual(gravesham);
    expect(d.outstanding.find((o) => o.owner === 'registration@example.org')?.items).toEqual(
      expect.arrayContaining(['LRA07', 'DT10', 'LRA05']),
    );
    expect(d.highlights).toEqual([
      {
        activity: 'Develop Code Clubs using young volunteers',
        owner: 'area-ops.gravesham@example.org',
        evidence: '"The best morning of the holidays" (parent)',
      },
    ]);
  });

  it('an override replaces the rating and keeps the computed one and the reason; a draft commentary is offered', () => {
    const s11 = plan.activities[0]!;
    const reviews = new Map([
      [
        supportingOutcomeId(s11.outcome, s11.supportingOutcome),
        {
          commentary: 'Good progress overall.',
          override: { rag: 'amber' as const, reason: 'Two Ambers share one cause: staffing.' },
          by: 'svc@example.org',
          at: '2016-07-18T09:00:00Z',
        },
      ],
    ]);
    const reviewed = compileDigest({ ...base, reviews });
    expect(reviewed.outcomes[0]?.supportingOutcomes[0]).toMatchObject({
      computed: 'green',
      rag: 'amber',
      override: { reason: 'Two Ambers share one cause: staffing.' },
      commentary: 'Good progress overall.',
    });
    expect(so('1.1').draft).toMatch(
      /^6 of 7 activities returned: 3 Green, 2 Amber, 1 Red\.\nRed: Local History Collections.*\(Countywide\): red commentary for LRA-1.1.06\nAmber: /,
    );
  });
});
