import { manager } from '../support/actors';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { submitReturn } from '../../src/app/returns/submit-return';
import { ConflictError, NotAuthorisedError, ValidationError } from '../../src/domain/errors';
import { parseQuarter } from '../../src/domain/quarter';
import { planPeople } from '../../src/domain/plan';
import { world } from '../support/world';

const Q1 = parseQuarter('2016/17-Q1');
const at = (iso: string) => () => iso;

describe('opening a cycle and chasing (Azurite)', () => {
  it('sends every owner their card(s) once; re-running sends nothing twice; unreachable owners are listed', async () => {
    const w = await world({ installAll: true });
    await w.people.upsert(
      'stock@example.org',
      { conversation: '', reachable: false, unreachableReason: 'uninstalled the app' },
      '2016-06-02T00:00:00Z',
    );
    const first = await openCycle(w.deps, {
      quarter: Q1,
      clock: at('2016-07-01T08:00:00Z'),
      actor: manager('scheduler'),
      lease: w.lease,
    });
    expect(first.created).toBe(true);
    expect(first.cycle.deadline).toBe('2016-07-14T23:00:00Z');
    const owners = planPeople(w.plan).filter(
      (p) => w.plan.activities.some((a) => a.owner === p) || w.plan.measures.some((m) => m.owner === p),
    );
    expect(first.owners).toBe(owners.length);
    expect(first.fanout.unreachable).toEqual([
      { recipient: 'stock@example.org', reason: 'uninstalled the app' },
    ]);
    expect(new Set(first.fanout.sent)).toEqual(new Set(owners.filter((o) => o !== 'stock@example.org')));
    expect(w.messenger.to('conv:area-ops.gravesham@example.org')).toHaveLength(1);
    expect(w.messenger.to('conv:service-development@example.org').length).toBeGreaterThan(1);
    const count = w.messenger.sent.length;
    const again = await openCycle(w.deps, {
      quarter: Q1,
      clock: at('2016-07-01T08:05:00Z'),
      actor: manager('scheduler'),
      lease: w.lease,
    });
    expect(again.created).toBe(false);
    expect(again.fanout.sent).toEqual([]);
    expect(w.messenger.sent).toHaveLength(count);
    await w.drop();
  });

  it('a quarter opened by hand long after its deadline gets a fresh window', async () => {
    const w = await world({ installAll: true });
    const opened = await openCycle(w.deps, {
      quarter: Q1,
      lease: w.lease,
      clock: at('2026-11-23T10:00:00Z'),
      actor: manager('svc@example.org'),
    });
    expect(opened.cycle.deadlineDay).toEqual({ year: 2026, month: 12, day: 4 });
    await w.drop();
  });
});

describe('submitting a return (Azurite)', () => {
  async function opened() {
    const w = await world({ installAll: true });
    const { cycle } = await openCycle(w.deps, {
      quarter: Q1,
      lease: w.lease,
      clock: at('2016-07-01T08:00:00Z'),
      actor: manager('scheduler'),
    });
    return { w, cycle };
  }
  const owner = 'area-ops.gravesham@example.org';

  it('stores the answer with a history row; an amendment is version 2 with both kept', async () => {
    const { w, cycle } = await opened();
    const base = { cycleKey: cycle.key, item: 'a:LRA-1.1.01', by: owner, serviceManager: false };
    const first = await submitReturn(w.deps, {
      ...base,
      answer: { rag: 'Amber', commentary: '  Staffing gaps at two branches ', evidence: '' },
      now: '2016-07-04T10:00:00Z',
    });
    expect(first.stored).toMatchObject({
      rag: 'amber',
      commentary: 'Staffing gaps at two branches',
      version: 1,
      late: false,
      submittedBy: owner,
    });
    await submitReturn(w.deps, {
      ...base,
      answer: { rag: 'green', commentary: 'Recovered' },
      now: '2016-07-05T10:00:00Z',
    });
    const current = await w.returns.get(cycle.key, 'a:LRA-1.1.01');
    expect(current?.value).toMatchObject({ rag: 'green', version: 2 });
    const history = await w.returns.history(cycle.key, 'a:LRA-1.1.01');
    expect(history.map((h) => [h.version, h.rag, h.submittedAt])).toEqual([
      [1, 'amber', '2016-07-04T10:00:00Z'],
      [2, 'green', '2016-07-05T10:00:00Z'],
    ]);
    await w.drop();
  });

  it('refuses bad input with a message and stores nothing', async () => {
    const { w, cycle } = await opened();
    const base = { cycleKey: cycle.key, by: owner, serviceManager: false, now: '2016-07-04T10:00:00Z' };
    const cases: [unknown, Record<string, unknown>, RegExp, new (...a: never[]) => Error][] = [
      ['a:LRA-1.1.01', { rag: 'purple', commentary: 'x' }, /Choose Red, Amber or Green/, ValidationError],
      ['a:LRA-1.1.01', { rag: 'red', commentary: '   ' }, /Add a commentary/, ValidationError],
      [
        'a:LRA-1.1.01',
        { rag: 'red', commentary: 'x'.repeat(2001) },
        /keep it to 2000 characters/,
        ValidationError,
      ],
      [
        'a:LRA-1.1.03',
        { rag: 'red', commentary: 'not mine' },
        /Only the item's owner, its deputy or a service manager can answer for LRA-[\d.]+\./,
        NotAuthorisedError,
      ],
      ['a:../../etc', { rag: 'red', commentary: 'x' }, /Unknown item/, ValidationError],
      [42, { rag: 'red', commentary: 'x' }, /Unknown item/, ValidationError],
    ];
    for (const [item, answer, message, type] of cases) {
      await expect(submitReturn(w.deps, { ...base, item, answer })).rejects.toThrow(type);
      await expect(submitReturn(w.deps, { ...base, item, answer })).rejects.toThrow(message);
    }
    const kpi = { ...base, by: 'registration@example.org', item: 'm:LRA06' };
    await expect(submitReturn(w.deps, { ...kpi, answer: { value: 'ninety' } })).rejects.toThrow(
      /is not a number/,
    );
    await expect(submitReturn(w.deps, { ...kpi, answer: { value: 140 } })).rejects.toThrow(
      /between 0 and 100/,
    );
    expect(await w.returns.list(cycle.key)).toEqual([]);
    expect(await w.returns.history(cycle.key)).toEqual([]);
    const ok = await submitReturn(w.deps, { ...kpi, answer: { value: '93%', note: '' } });
    expect(ok.stored.value).toBe(93);
    await w.drop();
  });

  it('a service manager may answer for anyone; an answer after the deadline is stored and marked late, and cannot be amended by the owner', async () => {
    const { w, cycle } = await opened();
    const late = await submitReturn(w.deps, {
      cycleKey: cycle.key,
      item: 'a:LRA-1.1.01',
      by: owner,
      serviceManager: false,
      answer: { rag: 'red', commentary: 'Late' },
      now: '2016-07-14T23:00:00Z',
    });
    expect(late.stored.late).toBe(true);
    await expect(
      submitReturn(w.deps, {
        cycleKey: cycle.key,
        item: 'a:LRA-1.1.01',
        by: owner,
        serviceManager: false,
        answer: { rag: 'green', commentary: 'Change' },
        now: '2016-07-15T09:00:00Z',
      }),
    ).rejects.toThrow(/deadline has passed/);
    const sm = await submitReturn(w.deps, {
      cycleKey: cycle.key,
      item: 'a:LRA-1.1.01',
      by: 'svc@example.org',
      serviceManager: true,
      answer: { rag: 'amber', commentary: 'Corrected' },
      now: '2016-07-15T09:00:00Z',
    });
    expect(sm.stored.version).toBe(2);
    await w.drop();
  });

  it('a closed cycle refuses answers', async () => {
    const { w, cycle } = await opened();
    await w.cycles.update(cycle.key, (c) => ({ ...c, status: 'closed' }));
    await expect(
      submitReturn(w.deps, {
        cycleKey: cycle.key,
        item: 'a:LRA-1.1.01',
        by: owner,
        serviceManager: false,
        answer: { rag: 'green', commentary: 'x' },
        now: '2016-07-04T10:00:00Z',
      }),
    ).rejects.toThrow(/2016\/17 Q1 is closed/);
    await expect(
      submitReturn(w.deps, {
        cycleKey: '2015-16-Q4',
        item: 'a:LRA-1.1.01',
        by: owner,
        serviceManager: false,
        answer: { rag: 'green', commentary: 'x' },
        now: '2016-07-04T10:00:00Z',
      }),
    ).rejects.toThrow(/no return open for that quarter/);
    expect(await w.returns.list(cycle.key)).toEqual([]);
    await w.drop();
  });

  it('two submits racing on the same version: one is stored, the other is told to retry (no lost update)', async () => {
    const { w, cycle } = await opened();
    const base = {
      item: 'a:LRA-1.1.01' as const,
      submittedBy: owner,
      submittedAt: '2016-07-04T10:00:00Z',
      late: false,
      version: 1,
    };
    await w.returns.save(cycle.key, { ...base, rag: 'green', commentary: 'first' }, undefined);
    const v1 = await w.returns.get(cycle.key, 'a:LRA-1.1.01');
    const results = await Promise.allSettled([
      w.returns.save(cycle.key, { ...base, version: 2, rag: 'amber', commentary: 'A' }, v1!.etag),
      w.returns.save(cycle.key, { ...base, version: 2, rag: 'red', commentary: 'B' }, v1!.etag),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(ConflictError);
    const history = await w.returns.history(cycle.key, 'a:LRA-1.1.01');
    const current = await w.returns.get(cycle.key, 'a:LRA-1.1.01');
    expect(history).toHaveLength(2);
    expect(history[1]?.commentary).toBe(current?.value.commentary);
    await w.drop();
  });
});
