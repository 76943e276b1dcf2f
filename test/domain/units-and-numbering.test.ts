import type { ValidationError } from '../../src/domain/errors';
import { planFromTables } from '../../src/domain/plan-import';
import { outline, ownNumber, type Activity } from '../../src/domain/plan';
import { measureAnswerSchema } from '../../src/domain/returns';
import { formatValue, unitKind, unitProblem } from '../../src/domain/units';
import { readCsv } from '../../src/files/read-table';

describe('KPI units as councils write them', () => {
  it.each([
    [95, 'percent', '95%'],
    [95, '%', '95%'],
    [41565, 'count', '41,565'],
    [41565, 'Number', '41,565'],
    [12.5, 'thousands', '12.5 thousand'],
    [4.5, 'days', '4.5 days'],
    [1, 'days', '1 day'],
    [36, 'hours', '36 hours'],
    [1_200_000, 'GBP', '£1.2m'],
    [1_250_000, '£', '£1.3m'],
    [12_500, 'GBP', '£12,500'],
    [45.5, '£', '£45.50'],
    [-3000, 'GBP', '-£3,000'],
    [12, 'visits per 1,000 residents', '12 visits per 1,000 residents'],
  ])('%s in "%s" reads %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it('the value check follows the unit: a percentage 0-100, days not negative, other units as given', () => {
    expect(unitProblem(101, 'percent')).toMatch(/between 0 and 100/);
    expect(unitProblem(-1, 'days')).toMatch(/cannot be negative/);
    expect(unitProblem(-1, 'hours')).toMatch(/cannot be negative/);
    expect(unitProblem(-2.5, 'change in points')).toBeUndefined();
    expect(unitProblem(-2000, 'GBP')).toBeUndefined();
    expect(unitKind('Working days')).toBe('days');
    expect(measureAnswerSchema('days').safeParse({ value: '-2' }).success).toBe(false);
    expect(measureAnswerSchema('days').safeParse({ value: '4.5' }).success).toBe(true);
  });

  it('a KPI file with free-text units imports; a negative number of days is refused with its row and column', () => {
    const header =
      'ref,description,kind,unit,direction,floor,target,q1_lower,q1_upper,q2_lower,q2_upper,q3_lower,q3_upper,q4_lower,q4_upper,owner';
    const activities = readCsv(
      new TextEncoder().encode(
        'activity_id,outcome,supporting_outcome,function,activity,justification,district,priority_refs,owner,deputy\nA1,O,S,F,Text,Why,Dover,,registration@example.org,\n',
      ),
      'a',
    );
    const kpis = (rows: string) => readCsv(new TextEncoder().encode(`${header}\n${rows}`), 'k');
    const plan = planFromTables(
      'Plan',
      activities,
      kpis(
        'K1,Days to register a death,kpi,days,lower,5,3,,,,,,,,,registration@example.org\nK2,Income,kpi,GBP,higher,100000,120000,,,,,,,,,registration@example.org\n',
      ),
    );
    expect(plan.measures.map((m) => m.unit)).toEqual(['days', 'GBP']);
    let problems: readonly { column?: string | undefined; message: string }[] = [];
    try {
      planFromTables(
        'Plan',
        activities,
        kpis('K1,Days,kpi,days,higher,-5,3,,,,,,,,,registration@example.org\n'),
      );
    } catch (error) {
      problems = (error as ValidationError).problems;
    }
    expect(problems).toEqual([
      expect.objectContaining({
        column: 'floor',
        message: expect.stringMatching(/-5 is negative; a value in days/),
      }),
    ]);
  });
});

describe('outcome names that carry their own numbers', () => {
  const activity = (id: string, outcome: string, supportingOutcome: string, order: number): Activity => ({
    id,
    outcome,
    supportingOutcome,
    function: 'F',
    text: '',
    justification: '',
    districts: [],
    priorityRefs: [],
    owner: 'registration@example.org',
    order,
  });

  it.each([
    ['Outcome 1: Children get the best start', '1', 'Children get the best start'],
    ['outcome 2 - Safe communities', '2', 'Safe communities'],
    ['1. Children get the best start', '1', 'Children get the best start'],
    ['1.2 Families are supported', '1.2', 'Families are supported'],
    ['2.10. Libraries open longer', '2.10', 'Libraries open longer'],
  ])('"%s" is number %s, named "%s"', (title, number, rest) => {
    expect(ownNumber(title)).toEqual({ number, title: rest });
  });

  it.each(['2016 strategy refresh', 'Children get the best start', '24 hour access'])(
    '"%s" has no number of its own',
    (title) => expect(ownNumber(title)).toBeUndefined(),
  );

  it('the plan keeps those numbers and shows each once; unnumbered names are numbered in plan order', () => {
    const tree = outline([
      activity('A1', 'Outcome 3: Older people live well', '3.2 Loneliness is reduced', 1),
      activity('A2', 'Outcome 3: Older people live well', '3.4 Carers are supported', 2),
      activity('A3', 'Libraries are open to all', 'Opening hours suit residents', 3),
    ]);
    expect(
      tree.map((o) => [o.number, o.title, o.supportingOutcomes.map((s) => `${s.number} ${s.title}`)]),
    ).toEqual([
      [3, 'Older people live well', ['3.2 Loneliness is reduced', '3.4 Carers are supported']],
      [2, 'Libraries are open to all', ['2.1 Opening hours suit residents']],
    ]);
  });
});
