import { manager } from '../support/actors';
import { cardRowsOf, personState } from '../../src/app/returns/card-rows';
import { readImportFile } from '../../src/files/read-table';
import { loadCycleState, outstanding, personItems } from '../../src/app/cycle/cycle-state';
import { handOver } from '../../src/app/returns/handover';
import { importPlanFiles } from '../../src/app/plan/import-plan';
import { openCycle } from '../../src/app/cycle/open-cycle';
import { type AppDeps } from '../../src/app/ports';
import { CARD_ITEMS } from '../../src/store/card-layout';
import { submitReturn } from '../../src/app/returns/submit-return';
import { ConflictError } from '../../src/domain/errors';
import { parseQuarter } from '../../src/domain/quarter';
import { sampleFile } from '../support/samples';
import { world } from '../support/world';

const Q1 = parseQuarter('2016/17-Q1');
const OWNER = 'area-ops.gravesham@example.org';
const NOW = '2016-07-04T10:00:00Z';

async function opened() {
  const w = await world({ installAll: true });
  const { cycle } = await openCycle(w.deps, {
    quarter: Q1,
    lease: w.lease,
    clock: () => '2016-07-01T08:00:00Z',
    actor: manager('scheduler'),
  });
  return { w, cycle };
}

/** The stores with every call recorded by store and method name. */
function recording(deps: AppDeps): { deps: AppDeps; calls: string[] } {
  const calls: string[] = [];
  const wrap = <T extends object>(name: string, target: T): T =>
    new Proxy(target, {
      get(t, prop, receiver) {
        const value: unknown = Reflect.get(t, prop, receiver);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          calls.push(`${name}.${String(prop)}`);
          return (value as (...a: unknown[]) => unknown).apply(t, args);
        };
      },
    });
  return {
    calls,
    deps: {
      ...deps,
      plans: wrap('plans', deps.plans),
      cycles: wrap('cycles', deps.cycles),
      returns: wrap('returns', deps.returns),
      people: wrap('people', deps.people),
    },
  };
}

const answer = { rag: 'amber', commentary: 'Staffing gaps in two branches', evidence: '' };
/** An owner's answer to one item on their card. */
const answering = (cycleKey: string, item: string, by = OWNER) => ({
  cycleKey,
  item,
  answer,
  by,
  serviceManager: false,
  now: NOW,
});

describe('card rows of a quarter', () => {
  it('the first chase writes each owner’s rows before their card goes; at its end every row is built', async () => {
    const w = await world({ installAll: true });
    const cycleKey = '2016-17-Q1';
    const withoutRows: string[] = [];
    const send = w.messenger.send.bind(w.messenger);
    w.messenger.send = async (conversation, message) => {
      const rows = await w.returns.cards(cycleKey, conversation.replace(/^conv:/, ''));
      if (!rows?.length) withoutRows.push(conversation);
      return send(conversation, message);
    };
    expect(await w.returns.cardsBuilt(cycleKey)).toBe(false);
    await openCycle(w.deps, {
      quarter: Q1,
      lease: w.lease,
      clock: () => '2016-07-01T08:00:00Z',
      actor: manager('scheduler'),
    });
    expect(w.messenger.sent.length).toBeGreaterThan(10);
    // Service managers' "opened" summary is not a card of items; every owner's card had its rows first.
    expect(
      withoutRows.filter((c) =>
        w.messenger.to(c).some((s) => JSON.stringify(s.message).includes('submitReturn')),
      ),
    ).toEqual([]);
    expect(await w.returns.cardsBuilt(cycleKey)).toBe(true);
    // Everyone who sees an item (owners, deputies, whoever it was handed to) has all of theirs.
    const cycle = (await w.cycles.get(cycleKey))!;
    const wanted = cardRowsOf(await loadCycleState(w.deps, cycle), w.deps.returns);
    const stored = await w.returns.allCards(cycleKey);
    expect(stored.map((r) => `${r.viewer} ${r.item.key}`).sort()).toEqual(
      wanted.map((r) => `${r.viewer} ${r.item.key}`).sort(),
    );
    await w.drop();
  });
});

describe("an owner's request reads only their own card rows", () => {
  it('a submit reads the quarter and the owner’s rows, writes once, and the receipt shows the answer', async () => {
    const { w, cycle } = await opened();
    const { deps, calls } = recording(w.deps);
    const result = await submitReturn(deps, answering(cycle.key, 'a:LRA-1.1.01'));
    expect(calls).toEqual(['cycles.get', 'returns.cards', 'returns.save']);
    expect(result.state.returns.get('a:LRA-1.1.01')?.commentary).toBe(answer.commentary);
    // The owner's own card, read afresh, carries the answer; nobody else's card does.
    const mine = await personState(w.deps, cycle, OWNER);
    expect(mine.returns.get('a:LRA-1.1.01')?.rag).toBe('amber');
    expect(personItems(mine, OWNER).owned.map((i) => i.key)).toEqual(
      w.plan.activities.filter((a) => a.owner === OWNER).map((a) => `a:${a.id}`),
    );
    const other = await personState(w.deps, cycle, 'area-ops.swale@example.org');
    expect(other.returns.has('a:LRA-1.1.01')).toBe(false);
    await w.drop();
  });

  it('the deputy’s card shows the owner’s answer; a hand-over moves the item to the colleague’s card', async () => {
    const { w, cycle } = await opened();
    const item = w.plan.activities.find((a) => a.deputy && a.owner !== a.deputy)!;
    const key = `a:${item.id}` as const;
    const deputyBefore = await personState(w.deps, cycle, item.deputy!);
    expect(
      outstanding(deputyBefore, personItems(deputyBefore, item.deputy!).deputising).map((i) => i.key),
    ).toContain(key);
    await handOver(w.deps, {
      cycleKey: cycle.key,
      item: key,
      to: 'area-ops.swale@example.org',
      by: item.owner,
      serviceManager: false,
      now: NOW,
    });
    const owner = await personState(w.deps, cycle, item.owner);
    expect(personItems(owner, item.owner).owned.map((i) => i.key)).not.toContain(key);
    const colleague = await personState(w.deps, cycle, 'area-ops.swale@example.org');
    expect(personItems(colleague, 'area-ops.swale@example.org').owned.map((i) => i.key)).toContain(key);
    await submitReturn(w.deps, answering(cycle.key, key, 'area-ops.swale@example.org'));
    const deputy = await personState(w.deps, cycle, item.deputy!);
    expect(deputy.returns.get(key)?.submittedBy).toBe('area-ops.swale@example.org');
    expect(outstanding(deputy, personItems(deputy, item.deputy!).deputising).map((i) => i.key)).not.toContain(
      key,
    );
    await w.drop();
  });

  it('a colleague handed more items than one card record takes: their card is kept item by item, answers show', async () => {
    const { w, cycle } = await opened();
    const colleague = 'area-ops.swale@example.org';
    const handed = w.plan.activities
      .filter((a) => a.owner !== colleague && a.deputy !== colleague)
      .slice(0, CARD_ITEMS + 1);
    expect(handed).toHaveLength(CARD_ITEMS + 1);
    for (const a of handed)
      await handOver(w.deps, {
        cycleKey: cycle.key,
        item: `a:${a.id}`,
        to: colleague,
        by: a.owner,
        serviceManager: false,
        now: NOW,
      });
    const deputised = handed.find((a) => a.deputy && a.deputy !== a.owner)!;
    await submitReturn(w.deps, answering(cycle.key, `a:${deputised.id}`, deputised.deputy));
    await submitReturn(w.deps, answering(cycle.key, `a:${handed[0]!.id}`, colleague));
    const card = await personState(w.deps, cycle, colleague);
    expect(card.largeCards?.has(colleague)).toBe(true);
    expect(personItems(card, colleague).owned.length).toBeGreaterThan(CARD_ITEMS);
    expect(card.returns.get(`a:${deputised.id}`)?.submittedBy).toBe(deputised.deputy);
    expect(card.returns.get(`a:${handed[0]!.id}`)?.submittedBy).toBe(colleague);
    // The deputy's own card (a small one) has the colleague's answers to what they deputise.
    const deputy = await personState(w.deps, cycle, deputised.deputy!);
    expect(deputy.largeCards?.has(colleague)).toBe(true);
    expect(deputy.returns.get(`a:${deputised.id}`)?.commentary).toBe(answer.commentary);
    await w.drop();
  });

  it('a re-import in force from the open quarter that gives an item a new owner moves it to their card, with its answer', async () => {
    const { w, cycle } = await opened();
    await submitReturn(w.deps, answering(cycle.key, 'a:LRA-1.1.01'));
    const file = sampleFile('activities.csv');
    const text = new TextDecoder().decode(file.bytes);
    const line = text.split('\n').find((l) => l.startsWith('LRA-1.1.01,'))!;
    const moved = text.replace(line, line.replace(OWNER, 'area-ops.newowner@example.org'));
    // The import use case tells the card projection; nobody rebuilds the cards by hand.
    const result = await importPlanFiles(w.deps, {
      read: readImportFile,
      activities: { name: 'activities.csv', bytes: new TextEncoder().encode(moved) },
      now: NOW,
      from: Q1,
    });
    expect(result.written).toBe(true);
    const newOwner = await personState(w.deps, cycle, 'area-ops.newowner@example.org');
    expect(newOwner.returns.get('a:LRA-1.1.01')?.commentary).toBe(answer.commentary);
    const old = await personState(w.deps, cycle, OWNER);
    expect(personItems(old, OWNER).owned.map((i) => i.key)).not.toContain('a:LRA-1.1.01');
    await w.drop();
  });

  it('an answer stored behind the rows’ back is a conflict once; the rows are repaired and the next try saves', async () => {
    const { w, cycle } = await opened();
    await w.returns.save(
      cycle.key,
      {
        item: 'a:LRA-1.1.01',
        rag: 'green',
        commentary: 'elsewhere',
        submittedBy: OWNER,
        submittedAt: NOW,
        late: false,
        version: 1,
      },
      undefined,
    );
    const input = answering(cycle.key, 'a:LRA-1.1.01');
    await expect(submitReturn(w.deps, input)).rejects.toBeInstanceOf(ConflictError);
    const again = await submitReturn(w.deps, input);
    expect(again.stored.version).toBe(2);
    expect((await w.returns.history(cycle.key, 'a:LRA-1.1.01')).map((h) => h.commentary)).toEqual([
      'elsewhere',
      answer.commentary,
    ]);
    await w.drop();
  });
});
