/**
 * `previous_id`: an activity renumbered between plan versions keeps one history. Its direction of travel
 * compares with the quarter before under its old id; a bad previous_id is refused by row and column.
 */
import { manager } from '../support/actors';
import { readImportFile } from '../../src/files/read-table';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDigest } from '../../src/app/digest/digest';
import { importPlan } from '../../src/app/plan/import-plan';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { submitReturn } from '../../src/app/returns/submit-return';
import { ValidationError } from '../../src/domain/errors';
import { parseQuarter } from '../../src/domain/quarter';
import { SAMPLE_DIR } from '../support/samples';
import { world } from '../support/world';

const SM = 'svc@example.org';
const sample = readFileSync(join(SAMPLE_DIR, 'activities.csv'), 'utf8').trimEnd().split('\n');
const withPreviousId = (edit: (line: string) => string) =>
  Buffer.from(`${[`${sample[0]},previous_id`, ...sample.slice(1).map((l) => edit(l))].join('\n')}\n`);

it('a renumbered activity compares with its answer under the old id', async () => {
  const w = await world({ installAll: true });
  const deps = { ...w.deps, serviceManagers: [SM] };
  const open = async (label: string, at: string) =>
    (
      await openCycle(deps, {
        quarter: parseQuarter(label),
        clock: () => at,
        actor: manager(SM),
        lease: w.lease,
      })
    ).cycle;
  const q1 = await open('2016/17 Q1', '2016-07-01T09:00:00Z');
  await submitReturn(w.deps, {
    cycleKey: q1.key,
    item: 'a:LRA-1.1.01',
    by: SM,
    serviceManager: true,
    answer: { rag: 'green', commentary: 'On track' },
    now: '2016-07-05T10:00:00Z',
  });
  await w.cycles.update(q1.key, (c) => ({ ...c, status: 'closed' }));
  const renumbered = withPreviousId((l) =>
    l.startsWith('LRA-1.1.01,') ? `${l.replace(/^LRA-1\.1\.01,/, 'LRA-1.1.10,')},LRA-1.1.01` : `${l},`,
  );
  const v2 = await importPlan(w.plans, {
    read: readImportFile,
    activities: { name: 'activities.csv', bytes: renumbered },
    now: '2016-09-01T00:00:00Z',
    cycles: w.cycles,
  });
  expect(v2.placement).toMatchObject({ kind: 'new', from: '2016-17-Q2' });
  const q2 = await open('2016/17 Q2', '2016-10-03T09:00:00Z');
  await submitReturn(w.deps, {
    cycleKey: q2.key,
    item: 'a:LRA-1.1.10',
    by: SM,
    serviceManager: true,
    answer: { rag: 'red', commentary: 'Venue lost' },
    now: '2016-10-05T10:00:00Z',
  });
  const line = (await loadDigest(deps, q2)).outcomes
    .flatMap((o) => o.supportingOutcomes.flatMap((s) => s.activities))
    .find((a) => a.id === 'LRA-1.1.10');
  expect(line).toMatchObject({ rag: 'red', previous: 'green', travel: 'worse' });
});

it('refuses a previous_id that is not an id, or is the activity itself, by row and column', async () => {
  const w = await world();
  const bad = withPreviousId((l) =>
    l.startsWith('LRA-1.1.01,')
      ? `${l},not an id!`
      : l.startsWith('LRA-1.1.02,')
        ? `${l},LRA-1.1.02`
        : `${l},`,
  );
  const error = await importPlan(w.plans, {
    read: readImportFile,
    activities: { name: 'activities.csv', bytes: bad },
    now: '2016-09-01T00:00:00Z',
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  expect((error as ValidationError).problems.map((p) => [p.row, p.column])).toEqual([
    [2, 'previous_id'],
    [3, 'previous_id'],
  ]);
});

it('a quarter keeps the roll-up rule it opened with when the rule changes later', async () => {
  const w = await world({ installAll: true });
  const deps = { ...w.deps, serviceManagers: [SM] };
  const open = async (label: string, at: string) =>
    (
      await openCycle(deps, {
        quarter: parseQuarter(label),
        clock: () => at,
        actor: manager(SM),
        lease: w.lease,
      })
    ).cycle;
  const q1 = await open('2016/17 Q1', '2016-07-01T09:00:00Z');
  for (const [item, rag] of [
    ['a:LRA-1.1.01', 'green'],
    ['a:LRA-1.1.02', 'green'],
    ['a:LRA-1.1.03', 'red'],
  ] as const)
    await submitReturn(w.deps, {
      cycleKey: q1.key,
      item,
      by: SM,
      serviceManager: true,
      answer: { rag, commentary: 'x' },
      now: '2016-07-05T10:00:00Z',
    });
  const before = JSON.stringify(await loadDigest(deps, q1));
  await w.plans.setRollUpRule('worst');
  expect(JSON.stringify(await loadDigest(deps, (await w.cycles.get(q1.key))!))).toBe(before);
  expect((await open('2016/17 Q2', '2016-10-03T09:00:00Z')).rollUpRule).toBe('worst');
});
