import { chaseCardPart, chaseCards } from '../../src/cards/chase-card';
import { refOf, withRef } from '../../src/shared/card-ref';
import { cardBytes, TEAMS_MESSAGE_LIMIT_BYTES } from '../../src/cards/render';
import { planCycle } from '../../src/domain/cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { itemsFor, type ItemKey, type StoredReturn } from '../../src/domain/returns';
import { samplePlan } from '../support/samples';
import { cardText, checkCard, executeActions, inputIds } from '../support/adaptive-cards';

const plan = samplePlan('LRA');
const cycle = planCycle(
  parseQuarter('2016/17-Q1'),
  DEFAULT_SCHEDULE,
  'Europe/London',
  '2016-07-01T08:00:00Z',
  'scheduler',
);
const NOW = '2016-07-02T09:00:00Z';

function input(upn: string, returns = new Map<ItemKey, StoredReturn>(), extra: object = {}) {
  return {
    cycle,
    plan,
    items: itemsFor(plan, upn).owned,
    returns,
    previous: new Map(),
    zone: 'Europe/London',
    now: NOW,
    ...extra,
  };
}

describe('chase card', () => {
  it('lists every due item of the owner with its own labelled inputs; valid at 1.5; mobile (1.2) falls back to Action.Submit', () => {
    const [card, ...rest] = chaseCards(input('area-ops.gravesham@example.org'));
    expect(rest).toEqual([]);
    const owned = itemsFor(plan, 'area-ops.gravesham@example.org').owned;
    expect(owned.length).toBeGreaterThan(4);
    const text = cardText(card);
    for (const item of owned) if (item.kind === 'activity') expect(text).toContain(item.activity.text);
    expect(text).toMatch(/by the end of Thursday 14 July 2016/);
    expect(text).toMatch(/✔ Green: on track/);
    expect(checkCard(card!)).toEqual({ errors: [], warnings: [], fallbacks: [] });
    const mobile = checkCard(card!, '1.2');
    expect(mobile.errors).toEqual([]);
    expect(mobile.fallbacks).toHaveLength(owned.length);
    expect(executeActions(card).every((a) => a.fallback === 'Action.Submit')).toBe(true);
    const ids = inputIds(card);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(`commentary_${owned.length}`);
  });

  it('a KPI owner gets number inputs with floor and target shown', () => {
    const cards = chaseCards(input('registration@example.org'));
    const text = cards.map(cardText).join('\n');
    expect(text).toMatch(/KPI LRA06/);
    expect(text).toMatch(/floor 90%, target 95% \(higher is better\)/);
    expect(text).toMatch(/Indicator LRA05/);
    expect(text).toMatch(/expected in Q1: 1,600 to 1,800/);
    for (const card of cards) expect(checkCard(card).errors).toEqual([]);
    expect(cards.flatMap(inputIds).filter((id) => id.startsWith('value_'))).toHaveLength(4);
  });

  it('after an answer the item shows a receipt in words and symbol, with Amend before the deadline', () => {
    const owned = itemsFor(plan, 'archives@example.org').owned;
    const first = owned[0]!;
    const returns = new Map<ItemKey, StoredReturn>([
      [
        first.key,
        {
          item: first.key,
          rag: 'amber',
          commentary: '**Bold** <b>html</b> [link](http://x)',
          evidence: '"Lovely new space"',
          submittedBy: 'archives@example.org',
          submittedAt: '2016-07-04T10:15:00Z',
          late: false,
          version: 1,
        },
      ],
    ]);
    const cards = chaseCards(input('archives@example.org', returns));
    const [card] = cards;
    const text = cardText(card);
    expect(text).toMatch(/▲ Amber \(some risk or delay, being managed\)/);
    expect(text).toMatch(/by archives@example.org on Monday 4 July 2016, 11:15/);
    expect(cards.flatMap(executeActions).map((a) => a.verb)).toEqual([
      'amendReturn',
      ...owned.slice(1).map(() => 'submitReturn'),
    ]);
    expect(inputIds(card)).not.toContain('commentary_1');
    const json = JSON.stringify(card);
    // Markdown and HTML from people are only ever in TextRuns (never interpreted).
    expect(json).toMatch(/"type":"TextRun","text":"\*\*Bold\*\* <b>html<\/b> \[link\]\(http:\/\/x\)"/);
    expect(checkCard(card!).errors).toEqual([]);
  });

  it('after the deadline there is no Amend, and the card says answers are marked late', () => {
    const owned = itemsFor(plan, 'archives@example.org').owned;
    const first = owned[0]!;
    const returns = new Map<ItemKey, StoredReturn>([
      [
        first.key,
        {
          item: first.key,
          rag: 'green',
          commentary: 'ok',
          submittedBy: 'archives@example.org',
          submittedAt: '2016-07-04T10:15:00Z',
          late: false,
          version: 1,
        },
      ],
    ]);
    const text = chaseCards(input('archives@example.org', returns, { now: '2016-07-20T09:00:00Z' }))
      .map(cardText)
      .join('\n');
    expect(text).toMatch(/has passed: answers are still taken and marked late/);
    expect(text.match(/\bAmend\b/g)).toBeNull();
    expect(text.match(/\bAnswer\b/g)?.length).toBe(owned.length - 1);
  });

  it("Amend shows that item's inputs pre-filled with the stored answer", () => {
    const owned = itemsFor(plan, 'archives@example.org').owned;
    const first = owned[0]!;
    const returns = new Map<ItemKey, StoredReturn>([
      [
        first.key,
        {
          item: first.key,
          rag: 'green',
          commentary: 'Going well',
          evidence: 'A quote',
          submittedBy: 'archives@example.org',
          submittedAt: NOW,
          late: false,
          version: 1,
        },
      ],
    ]);
    const [card] = chaseCards(input('archives@example.org', returns, { editing: first.key }));
    const json = JSON.stringify(card);
    expect(json).toMatch(/"id":"rag_1"[^}]*"value":"green"/);
    expect(json).toMatch(/"id":"commentary_1"[^}]*"value":"Going well"/);
    expect(cardText(card)).toMatch(/Change your answer/);
    expect(checkCard(card!).errors).toEqual([]);
  });

  it('an owner with very many long items gets several parts, each under 40 KB and valid', () => {
    const long = {
      ...plan,
      activities: plan.activities.map((a) => ({
        ...a,
        owner: 'everything@example.org',
        text: `${a.text} ${'x'.repeat(600)}`,
      })),
    };
    const items = itemsFor(long, 'everything@example.org').owned;
    const returns = new Map<ItemKey, StoredReturn>(
      items.map((i) => [
        i.key,
        {
          item: i.key,
          rag: 'red',
          commentary: 'c'.repeat(2000),
          evidence: 'e'.repeat(2000),
          submittedBy: 'x@example.org',
          submittedAt: NOW,
          late: false,
          version: 1,
        },
      ]),
    );
    const cards = chaseCards({ ...input('everything@example.org'), plan: long, items, returns });
    expect(cards.length).toBeGreaterThan(3);
    for (const c of cards) {
      // As sent: carrying its delivery reference on the card and in every action's data.
      const sent = withRef(c, 'rc-0123456789ab');
      expect(cardBytes(sent)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES - 4096);
      expect(executeActions(sent).every((a) => a.verb === 'amendReturn')).toBe(true);
      expect(checkCard(sent).errors).toEqual([]);
    }
    expect(cards.flatMap(executeActions)).toHaveLength(items.length);
    // Each part's actions carry its item keys, so a re-render shows the same items.
    const data =
      JSON.stringify(cards[1])
        .match(/"items":"([^"]+)"/)?.[1]
        ?.split(',') ?? [];
    const part2Items = items.filter((i) => data.includes(i.key));
    expect(part2Items.length).toBeGreaterThan(0);
    const again = chaseCardPart(
      { ...input('everything@example.org'), plan: long, items: part2Items, returns },
      2,
      cards.length,
    );
    expect(again).toEqual(cards[1]);
  });

  it('a delivery reference rides on the card and in every Submit/Execute action, and nothing else changes', () => {
    const card = chaseCards(input('area-ops.gravesham@example.org'))[0]!;
    const sent = withRef(card, 'rc-00ff00ff00ff');
    expect(sent.id).toBe('rc-00ff00ff00ff');
    const actions: Record<string, unknown>[] = [];
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        if (o.type === 'Action.Execute' || o.type === 'Action.Submit') actions.push(o);
        Object.values(o).forEach(walk);
      }
    };
    walk(sent);
    expect(actions.length).toBeGreaterThan(2);
    expect(actions.every((a) => refOf(a.data) === 'rc-00ff00ff00ff')).toBe(true);
    expect(cardText(sent)).toEqual(cardText(card));
    expect(withRef(card, 'not-a-ref')).toBe(card);
    expect(refOf({ ref: 'rc-<script>' })).toBeUndefined();
  });

  it('a plan that numbers its own outcomes and gives KPIs in days: each number once, the value in its unit', () => {
    const numbered = {
      ...plan,
      activities: plan.activities.map((a) => ({
        ...a,
        outcome: `Outcome 3: ${a.outcome}`,
        supportingOutcome: `3.2 ${a.supportingOutcome}`,
      })),
      measures: plan.measures.map((m) => ({ ...m, unit: 'days' })),
    };
    const owner = numbered.activities[0]!.owner;
    const text = chaseCards({ ...input(owner), plan: numbered, items: itemsFor(numbered, owner).owned })
      .map(cardText)
      .join('\n');
    expect(text).toMatch(/Supporting outcome 3\.2: /);
    expect(text).not.toMatch(/3\.2: 3\.2|Supporting outcome 3\.2: 3\.2/);
    const kpi = numbered.measures.find((m) => m.kind === 'kpi')!;
    const kpiText = chaseCards({
      ...input(kpi.owner),
      plan: numbered,
      items: itemsFor(numbered, kpi.owner).owned,
    })
      .map(cardText)
      .join('\n');
    expect(kpiText).toMatch(new RegExp(`floor [\\d.,]+ days?, target [\\d.,]+ days?`));
  });
});
