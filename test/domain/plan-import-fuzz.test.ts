/** Property-based fuzz of import rows generated from the column lists: a plan with finite numbers, or every problem listed. */
import fc from 'fast-check';
import { ValidationError } from '../../src/domain/errors';
import { ACTIVITY_COLUMNS, MEASURE_COLUMNS, planFromTables, type Table } from '../../src/domain/plan-import';

const cell = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    'kpi',
    'indicator',
    'percent',
    'count',
    'thousands',
    'higher',
    'lower',
    'a@example.org',
    'LRA06',
  ),
  fc.constantFrom('90', '95', '1,520', '-1', '9'.repeat(400), '1e309', '0.0000001', '12.5%', 'NaN'),
  fc.string({ minLength: 4_000, maxLength: 5_000 }),
);
const table = (columns: readonly string[]): fc.Arbitrary<Table> =>
  fc.array(fc.tuple(...columns.map(() => cell)), { minLength: 1, maxLength: 5 }).map((rows) => ({
    header: [...columns],
    rows: rows.map((cells, i) => ({
      row: i + 2,
      cells: Object.fromEntries(columns.map((c, j) => [c, cells[j] ?? ''])),
    })),
  }));

it('import rows: a valid plan with finite, sensible numbers, or a ValidationError naming row and column', () => {
  fc.assert(
    fc.property(table(ACTIVITY_COLUMNS), table(MEASURE_COLUMNS), (activities, measures) => {
      try {
        const plan = planFromTables('Fuzz', activities, measures);
        for (const m of plan.measures) {
          const numbers =
            m.kind === 'kpi'
              ? [m.floor, m.target]
              : Object.values(m.ranges).flatMap((r) => [r.lower, r.upper]);
          for (const n of numbers) expect(Number.isFinite(n) && Math.abs(n) < 1e12).toBe(true);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(ValidationError);
        for (const p of (error as ValidationError).problems) {
          expect(p.row).toBeGreaterThanOrEqual(1);
          expect(p.column).toBeTruthy();
          expect(p.message.length).toBeLessThan(500);
        }
      }
    }),
    { numRuns: 100 },
  );
});
