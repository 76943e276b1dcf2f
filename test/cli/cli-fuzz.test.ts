/**
 * Property-based fuzz of CLI arguments (in this process, real Azurite): whatever is typed, the exit code
 * is 0 or 2 (never 1, an unexpected failure), and no stack trace reaches the person.
 */
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import type { Output } from '../../src/cli/output';
import { testConnectionString, uniquePrefix } from '../support/tables';

function capture(): Output & { errors: string[] } {
  const errors: string[] = [];
  return { errors, line: () => undefined, error: (t) => errors.push(t), progress: () => undefined };
}

beforeAll(() => {
  process.env.TABLES_CONNECTION_STRING = testConnectionString();
  process.env.TABLE_PREFIX = uniquePrefix();
  process.env.LOG_LEVEL = 'silent';
});

it('CLI arguments: exit 0 or 2, never a stack trace', async () => {
  const value = fc.oneof(
    fc.string({ maxLength: 20 }),
    fc.constantFrom(
      '2016/17-Q1',
      '2016/17 Q5',
      '2099/00-Q1',
      '1999/00-Q1',
      '',
      '-',
      '--',
      '09:30',
      '25:00',
      'none',
      'off',
      '5,1',
      '-3',
      '1e9',
      'md',
      'pdf',
      'majority',
      '/',
      '/etc',
      '/nonexistent/x.csv',
    ),
  );
  const command = fc.constantFrom(
    ['status'],
    ['schedule', 'show'],
    ['schedule', 'set'],
    ['report'],
    ['purge', '--dry-run'],
    ['plan', 'import'],
    ['plan', 'import', '--dry-run'],
  );
  const option = fc.constantFrom(
    '--quarter',
    '--format',
    '--out',
    '--opens',
    '--deadline',
    '--reminders',
    '--escalate',
    '--digest',
    '--time',
    '--before',
    '--kpis',
    '--name',
    '--rollup',
    '--bogus',
  );
  const args = fc.tuple(
    command,
    fc.array(
      fc.oneof(
        fc.tuple(option, value).map(([o, v]) => [o, v]),
        value.map((v) => [v]),
      ),
      { maxLength: 4 },
    ),
  );
  await fc.assert(
    fc.asyncProperty(args, async ([cmd, rest]) => {
      const out = capture();
      process.exitCode = undefined;
      const code = await main([...cmd, ...rest.flat()], out);
      process.exitCode = undefined;
      expect([0, 2]).toContain(code);
      expect(out.errors.join('\n')).not.toMatch(/^\s+at /m);
    }),
    { numRuns: 80, interruptAfterTimeLimit: 25_000 },
  );
}, 60_000);
