import { ConflictError } from '../../src/domain/errors';
import { type CardRow } from '../../src/app/ports';
import { CARD_ITEMS } from '../../src/store/card-layout';
import type { Activity } from '../../src/domain/plan';
import type { DueItem, StoredReturn } from '../../src/domain/returns';
import { eachAdapter } from './adapters';

const CYCLE = '2016-17-Q1';
const answer = (
  version: number,
  commentary: string,
  item: StoredReturn['item'] = 'a:LRA-1.1.01',
): StoredReturn => ({
  item,
  rag: 'amber',
  commentary,
  evidence: '',
  submittedBy: 'area-ops.gravesham@example.org',
  submittedAt: `2016-07-0${version}T10:00:00Z`,
  late: false,
  version,
});

eachAdapter('ReturnStore', (stores) => {
  it('decides the card layout itself: a card of more than CARD_ITEMS items is kept item by item', () => {
    const r = stores().returns;
    expect([CARD_ITEMS - 1, CARD_ITEMS, CARD_ITEMS + 1].map((n) => r.largeCard(n))).toEqual([
      false,
      false,
      true,
    ]);
  });

  it('a first answer, then an amendment on its version: the current answer and every version kept', async () => {
    const r = stores().returns;
    expect(await r.get(CYCLE, 'a:LRA-1.1.01')).toBeUndefined();
    await r.save(CYCLE, answer(1, 'first'), undefined);
    const first = await r.get(CYCLE, 'a:LRA-1.1.01');
    expect(first?.value).toEqual(answer(1, 'first'));
    await r.save(CYCLE, answer(2, 'second'), first?.etag);
    expect((await r.get(CYCLE, 'a:LRA-1.1.01'))?.value.commentary).toBe('second');
    expect(await r.list(CYCLE)).toEqual([answer(2, 'second')]);
    expect((await r.history(CYCLE)).map((h) => h.commentary)).toEqual(['first', 'second']);
    expect(await r.list('2016-17-Q2')).toEqual([]);
  });

  it('the answers read in ranges split at any keys are exactly the answers of the quarter', async () => {
    const r = stores().returns;
    const items = ['a:A1', 'a:A10', 'a:A2', 'a:B.1', 'm:K_1', 'm:K-2', 'm:Z9'] as const;
    for (const [i, item] of items.entries()) await r.save(CYCLE, answer(1, `answer ${i}`, item), undefined);
    // History, hand-overs and cards live in the same partition and must not be read as answers.
    await r.delegate(CYCLE, 'a:A2', {
      to: 'stock@example.org',
      by: 'svc@example.org',
      at: '2016-07-02T10:00:00Z',
    });
    const all = (await r.list(CYCLE)).map((a) => a.item).sort();
    expect(all).toEqual([...items].sort());
    // Splits at stored keys, at keys not stored, out of order, repeated, before and after every key.
    for (const splitAt of [
      ['a:A2', 'm:K_1'],
      ['m:Z9', 'a:A10', 'a:A10', 'a:A0'],
      ['a:0', 'm:ZZZ'],
      [...items],
    ] as const) {
      const read = (await r.list(CYCLE, splitAt)).map((a) => a.item).sort();
      expect([splitAt, read]).toEqual([splitAt, all]);
    }
    expect(await r.list('2016-17-Q2', ['a:A2'])).toEqual([]);
  });

  it('an answer given on an out-of-date version is refused and changes nothing (no lost update)', async () => {
    const r = stores().returns;
    await r.save(CYCLE, answer(1, 'first'), undefined);
    const read = await r.get(CYCLE, 'a:LRA-1.1.01');
    await expect(r.save(CYCLE, answer(1, 'also first'), undefined)).rejects.toBeInstanceOf(ConflictError);
    await r.save(CYCLE, answer(2, 'winner'), read?.etag);
    await expect(r.save(CYCLE, answer(2, 'loser'), read?.etag)).rejects.toBeInstanceOf(ConflictError);
    expect((await r.get(CYCLE, 'a:LRA-1.1.01'))?.value.commentary).toBe('winner');
    expect((await r.history(CYCLE, 'a:LRA-1.1.01')).map((h) => h.commentary)).toEqual(['first', 'winner']);
  });

  it('two answers racing on the same version: exactly one is stored', async () => {
    const r = stores().returns;
    await r.save(CYCLE, answer(1, 'first'), undefined);
    const read = await r.get(CYCLE, 'a:LRA-1.1.01');
    const results = await Promise.allSettled([
      r.save(CYCLE, answer(2, 'one'), read?.etag),
      r.save(CYCLE, answer(2, 'two'), read?.etag),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((x) => x.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
    expect(await r.history(CYCLE)).toHaveLength(2);
  });

  it('history is per item when asked; hand-overs are kept per cycle and replaced', async () => {
    const r = stores().returns;
    await r.save(CYCLE, answer(1, 'activity'), undefined);
    await r.save(CYCLE, answer(1, 'kpi', 'm:LRA06'), undefined);
    expect((await r.history(CYCLE, 'm:LRA06')).map((h) => h.commentary)).toEqual(['kpi']);
    expect((await r.delegations(CYCLE)).size).toBe(0);
    await r.delegate(CYCLE, 'a:LRA-1.1.02', {
      to: 'a@example.org',
      by: 'b@example.org',
      at: '2016-07-04T10:00:00Z',
    });
    await r.delegate(CYCLE, 'a:LRA-1.1.02', {
      to: 'c@example.org',
      by: 'b@example.org',
      at: '2016-07-05T10:00:00Z',
    });
    expect([...(await r.delegations(CYCLE))]).toEqual([
      ['a:LRA-1.1.02', { to: 'c@example.org', by: 'b@example.org', at: '2016-07-05T10:00:00Z' }],
    ]);
    expect((await r.delegations('2016-17-Q2')).size).toBe(0);
  });

  const OWNER = 'area-ops.gravesham@example.org';
  const DEPUTY = 'area-ops.dartford@example.org';
  const activity = (id: string, owner: string, order: number): DueItem => {
    const a: Activity = {
      id,
      outcome: 'Outcome',
      supportingOutcome: 'Supporting',
      function: 'Libraries',
      text: `Activity ${id}`,
      justification: '',
      districts: ['Gravesham'],
      priorityRefs: [],
      owner,
      deputy: DEPUTY,
      order,
    };
    return { key: `a:${id}`, kind: 'activity', activity: a };
  };
  const row = (viewer: string, item: DueItem, extra: Partial<CardRow> = {}): CardRow => ({
    viewer,
    item,
    number: '1.1',
    ...extra,
  });

  const small = (viewer: string) => ({ viewer, large: false });

  it('cards: a person reads their own card only, the answer is copied into it in its own write', async () => {
    const r = stores().returns;
    const mine = activity('LRA-1.1.01', OWNER, 1);
    const theirs = activity('LRA-1.1.02', 'area-ops.swale@example.org', 2);
    expect(await r.cardsBuilt(CYCLE)).toBe(false);
    expect(await r.cards(CYCLE, OWNER)).toBeUndefined();
    const last = { ...answer(1, 'last quarter'), submittedAt: '2016-04-05T10:00:00Z' };
    await r.writeCards(
      CYCLE,
      [
        { viewer: OWNER, rows: [row(OWNER, mine, { previous: last })] },
        { viewer: DEPUTY, rows: [row(DEPUTY, mine), row(DEPUTY, theirs)] },
        { viewer: 'area-ops.swale@example.org', rows: [row('area-ops.swale@example.org', theirs)] },
      ],
      { built: true },
    );
    expect(await r.cardsBuilt(CYCLE)).toBe(true);
    expect(await r.cards(CYCLE, 'nobody@example.org')).toEqual([]);
    expect(await r.cards(CYCLE, OWNER.toUpperCase())).toEqual([row(OWNER, mine, { previous: last })]);
    await r.save(CYCLE, answer(1, 'this quarter'), undefined, [small(OWNER), small(DEPUTY)]);
    expect((await r.cards(CYCLE, OWNER))?.map((c) => c.current?.commentary)).toEqual(['this quarter']);
    expect((await r.cards(CYCLE, DEPUTY))?.map((c) => [c.item.key, c.current?.commentary])).toEqual([
      ['a:LRA-1.1.01', 'this quarter'],
      ['a:LRA-1.1.02', undefined],
    ]);
    expect((await r.cards(CYCLE, OWNER))?.[0]?.previous?.commentary).toBe('last quarter');
    // A card rewritten while owners answer keeps the answer copied in; a plain rewrite sets what it is given.
    await r.writeCards(CYCLE, [{ viewer: OWNER, rows: [row(OWNER, mine, { number: '1.2' })] }], {
      keepAnswers: true,
    });
    expect((await r.cards(CYCLE, OWNER))?.map((c) => [c.number, c.current?.commentary])).toEqual([
      ['1.2', 'this quarter'],
    ]);
    await r.writeCards(CYCLE, [{ viewer: OWNER, rows: [row(OWNER, mine, { previous: last })] }], {});
    expect((await r.cards(CYCLE, OWNER))?.map((c) => [c.number, c.current])).toEqual([['1.1', undefined]]);
    await r.save(CYCLE, answer(2, 'this quarter'), undefined, [small(OWNER)]);
    // A card given fewer rows loses the others; an answer copied again shows where it fell behind.
    await r.writeCards(CYCLE, [{ viewer: DEPUTY, rows: [row(DEPUTY, theirs)] }], {});
    expect((await r.cards(CYCLE, DEPUTY))?.map((c) => c.item.key)).toEqual(['a:LRA-1.1.02']);
    await r.copyAnswer(CYCLE, answer(3, 'copied again'), [small(OWNER)]);
    expect((await r.cards(CYCLE, OWNER))?.map((c) => c.current?.commentary)).toEqual(['copied again']);
    expect((await r.allCards(CYCLE)).map((c) => `${c.viewer} ${c.item.key}`).sort()).toEqual([
      `${DEPUTY} a:LRA-1.1.02`,
      `${OWNER} a:LRA-1.1.01`,
      `area-ops.swale@example.org a:LRA-1.1.02`,
    ]);
    await r.writeCards(CYCLE, [{ viewer: DEPUTY, rows: [] }], {});
    expect(await r.cards(CYCLE, DEPUTY)).toEqual([]);
    expect(await r.cards('2016-17-Q2', OWNER)).toBeUndefined();
  });

  it('a large card (more items than one record takes) is kept item by item, with its answers', async () => {
    const r = stores().returns;
    const items = Array.from({ length: CARD_ITEMS + 5 }, (_, i) =>
      activity(`LRA-2.1.${String(i + 1).padStart(2, '0')}`, OWNER, i + 1),
    );
    const rows = items.map((item) => row(OWNER, item, { large: [OWNER] }));
    await r.writeCards(CYCLE, [{ viewer: OWNER, rows }], { built: true });
    const key = items[7]!.key;
    await r.save(CYCLE, answer(1, 'on a large card', key), undefined, [{ viewer: OWNER, large: true }]);
    const card = await r.cards(CYCLE, OWNER);
    expect(card).toHaveLength(CARD_ITEMS + 5);
    expect(card?.filter((c) => c.current).map((c) => [c.item.key, c.current?.commentary])).toEqual([
      [key, 'on a large card'],
    ]);
    expect(card?.every((c) => c.large?.includes(OWNER))).toBe(true);
    // Back to a small card: one record again, the answer given with it.
    const back = rows.slice(0, 3).map((c, i) => ({
      ...c,
      large: undefined,
      current: i === 0 ? answer(1, 'small again', c.item.key) : undefined,
    }));
    await r.writeCards(CYCLE, [{ viewer: OWNER, rows: back }], { built: true });
    expect((await r.cards(CYCLE, OWNER))?.map((c) => c.current?.commentary ?? '')).toEqual([
      'small again',
      '',
      '',
    ]);
    expect(await r.allCards(CYCLE)).toHaveLength(3);
  });

  it('an answer copied to a person whose card is not built yet shows nowhere until it is', async () => {
    const r = stores().returns;
    await r.save(CYCLE, answer(1, 'early'), undefined, [small(OWNER)]);
    expect(await r.cards(CYCLE, OWNER)).toBeUndefined();
    expect(await r.allCards(CYCLE)).toEqual([]);
    // The card written afterwards, keeping answers copied in, shows it.
    await r.writeCards(CYCLE, [{ viewer: OWNER, rows: [row(OWNER, activity('LRA-1.1.01', OWNER, 1))] }], {
      keepAnswers: true,
    });
    expect((await r.cards(CYCLE, OWNER))?.map((c) => c.current?.commentary)).toEqual(['early']);
  });

  it('a later version saved without a version token: of two on the same version, one is stored', async () => {
    const r = stores().returns;
    await r.save(CYCLE, answer(1, 'first'), undefined);
    const results = await Promise.allSettled([
      r.save(CYCLE, answer(2, 'one'), undefined),
      r.save(CYCLE, answer(2, 'two'), undefined),
    ]);
    expect(results.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((x) => x.status === 'rejected')?.reason).toBeInstanceOf(ConflictError);
    const stored = (await r.get(CYCLE, 'a:LRA-1.1.01'))?.value.commentary;
    expect(['one', 'two']).toContain(stored);
    expect((await r.history(CYCLE)).map((h) => h.commentary)).toEqual(['first', stored]);
  });
});
