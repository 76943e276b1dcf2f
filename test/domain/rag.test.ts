import {
  countRags,
  indicatorBand,
  kpiRag,
  ragTravel,
  rollUp,
  valueTravel,
  type Rag,
} from '../../src/domain/rag';

describe('KPI RAG from floor and target', () => {
  it.each([
    [95, 90, 95, 'higher', 'green', 'exactly at target'],
    [96, 90, 95, 'higher', 'green', 'above target'],
    [94.9, 90, 95, 'higher', 'amber', 'just under target'],
    [90, 90, 95, 'higher', 'amber', 'exactly at floor'],
    [89.9, 90, 95, 'higher', 'red', 'just under floor'],
    [5, 10, 5, 'lower', 'green', 'lower is better, at target'],
    [7, 10, 5, 'lower', 'amber', 'lower is better, between'],
    [10, 10, 5, 'lower', 'amber', 'lower is better, at floor'],
    [10.1, 10, 5, 'lower', 'red', 'lower is better, over floor'],
    [41565, 41565, 42500, 'higher', 'amber', 'floor = last year (LRA16)'],
  ] as const)(
    '%s vs floor %s / target %s (%s better) = %s: %s',
    (value, floor, target, direction, rag, _why) => {
      expect(kpiRag(value, floor, target, direction)).toBe(rag);
    },
  );
});

describe('activity indicator bands', () => {
  it.each([
    [1158, 'below'],
    [1159, 'within'],
    [1268, 'within'],
    [1269, 'above'],
  ] as const)('LRA01 Q1 value %s is %s the 1,159-1,268 range', (value, band) => {
    expect(indicatorBand(value, 1159, 1268)).toBe(band);
  });
});

describe('roll-up', () => {
  const G = 'green',
    A = 'amber',
    R = 'red',
    N = undefined;
  it.each([
    ['majority', [G, G, A], G],
    ['majority', [G, A], A],
    ['majority', [G, A, R], R],
    ['majority', [A, A, R, R, G], R],
    ['majority', [G, G, R, R, A, A, A], A],
    ['majority', [G, N, N, N], G],
    ['majority', [N, N], undefined],
    ['majority', [], undefined],
    ['worst', [G, G, G, A], A],
    ['worst', [G, R, N], R],
    ['worst', [N], undefined],
  ] as const)('%s of %j = %s', (rule, rags, expected) => {
    expect(rollUp(rule, rags as readonly (Rag | undefined)[])).toBe(expected);
  });

  it('counts not-returned apart from the colours', () => {
    expect(countRags(['green', undefined, 'red', undefined])).toEqual({
      green: 1,
      amber: 0,
      red: 1,
      notReturned: 2,
    });
  });
});

describe('direction of travel', () => {
  it.each([
    ['amber', 'green', 'better'],
    ['green', 'green', 'same'],
    ['green', 'red', 'worse'],
    [undefined, 'red', undefined],
  ] as const)('%s -> %s is %s', (prev, cur, travel) => {
    expect(ragTravel(prev, cur)).toBe(travel);
  });

  it.each([
    [90, 93, 'higher', 'better'],
    [90, 93, 'lower', 'worse'],
    [90, 90, 'higher', 'same'],
    [undefined, 90, 'higher', undefined],
  ] as const)('value %s -> %s (%s better) is %s', (prev, cur, dir, travel) => {
    expect(valueTravel(prev, cur, dir)).toBe(travel);
  });
});
