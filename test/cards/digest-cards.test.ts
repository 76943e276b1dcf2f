import { digestCards } from '../../src/cards/digest-cards';
import { reviewCard } from '../../src/cards/digest-review';
import { cardBytes, TEAMS_MESSAGE_LIMIT_BYTES } from '../../src/cards/render';
import { RAGS } from '../../src/domain/rag';
import { planItems, type ItemKey, type StoredReturn } from '../../src/domain/returns';
import { sampleDigest, samplePlan } from '../support/samples';
import { cardText, checkCard } from '../support/adaptive-cards';

const plan = samplePlan('LRA Service Plan 2016/17');
const long = (i: number) =>
  `${'Staffing gaps at two branches; volunteers recruited; '.repeat(40)}${i}`.slice(0, 2000);
const returns = new Map<ItemKey, StoredReturn>(
  planItems(plan).map((item, i) => [
    item.key,
    {
      item: item.key,
      ...(item.kind === 'activity'
        ? { rag: RAGS[i % 3], commentary: long(i), evidence: 'e'.repeat(2000) }
        : { value: 50 + i, note: long(i) }),
      submittedBy: 'x@example.org',
      submittedAt: '2016-07-05T10:00:00Z',
      late: i % 7 === 0,
      version: 1,
    },
  ]),
);
const digest = sampleDigest(plan, returns, {
  approval: { by: 'svc@example.org', at: '2016-07-18T09:00:00Z' },
});

describe('digest cards', () => {
  const cards = digestCards(digest, 'Europe/London');

  it('full sample plan, every item answered with 2,000-character commentaries: each card valid and under 40 KB', () => {
    expect(cards.length).toBeGreaterThanOrEqual(5);
    for (const card of cards) {
      expect(checkCard(card).errors).toEqual([]);
      expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
    }
  });

  it('the summary states counts in words and symbols, carries the chart with alt text, KPIs against floor and target', () => {
    const summary = cards[0]!;
    const text = cardText(summary);
    expect(text).toMatch(/✔ Green 29 · ▲ Amber 29 · ✖ Red 28 · not returned 0/);
    expect(text).toMatch(/Approved by svc@example.org on Monday 18 July 2016, 10:00/);
    expect(text).toMatch(/LRA06[\s\S]*floor 90%, target 95%/);
    const o1 = digest.outcomes[0]!.counts;
    expect(text).toContain(
      `✔ ${o1.green} ▲ ${o1.amber} ✖ ${o1.red} · ${o1.notReturned} not returned · Children and young people`,
    );
    // Every bar of the chart carries its outcome's name beside it, and in its alt text.
    type Column = { items: { type: string; text?: string; url?: string; altText?: string }[] };
    const bars = (summary.body as { type: string; columns?: Column[] }[])
      .filter((b) => b.type === 'ColumnSet' && b.columns?.[1]?.items[0]?.type === 'Image')
      .map((b) => ({ label: b.columns![0]!.items[0]!.text, image: b.columns![1]!.items[0]! }));
    expect(bars.map((b) => b.label)).toEqual(digest.outcomes.map((o) => `Outcome ${o.number}`));
    for (const [i, bar] of bars.entries()) {
      expect(bar.image.url).toMatch(/^data:image\/png;base64,/);
      expect(bar.image.altText).toMatch(
        new RegExp(`^Outcome ${i + 1}: \\d+ Green, \\d+ Amber, \\d+ Red, 0 not returned`),
      );
      expect(Buffer.from(bar.image.url!.split(',')[1]!, 'base64').subarray(1, 4).toString()).toBe('PNG');
    }
  });

  it('every outcome appears, with its Reds and Ambers in the owners\u2019 words (clipped on the card)', () => {
    const all = cards.slice(1).map(cardText).join('\n');
    for (const o of digest.outcomes) expect(all).toContain(`Outcome ${o.number}: ${o.title}`);
    expect(all).toMatch(/full text in the committee report/);
  });

  it('review cards validate and offer the draft and the override with a reason', () => {
    for (const o of digest.outcomes) {
      const card = reviewCard(digest, '2016-17-Q1', o.number);
      expect(checkCard(card).errors).toEqual([]);
      expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_MESSAGE_LIMIT_BYTES);
      expect(cardText(card)).toMatch(/Keep the computed rating[\s\S]*Reason for an override/);
    }
  });
});
