/** The digest summary and a chase card drawn by the official Adaptive Cards renderer in Chromium, to look at. */
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chaseCards } from '../../src/cards/chase-card';
import { digestSummaryCard } from '../../src/cards/digest-cards';
import { planCycle } from '../../src/domain/cycle';
import { parseQuarter } from '../../src/domain/quarter';
import { DEFAULT_SCHEDULE } from '../../src/domain/schedule';
import { itemsFor, planItems, type ItemKey, type StoredReturn } from '../../src/domain/returns';
import { RAGS } from '../../src/domain/rag';
import type { CardJson } from '../../src/cards/render';
import { councilCards } from '../../src/cards/council-card';
import { overviewCard } from '../../src/cards/overview-card';
import { planPreviewCard } from '../../src/cards/plan-preview-card';
import { servicePickerCard } from '../../src/cards/service-picker';
import { councilSummary } from '../../src/domain/council';
import { answerCard, cannotAnswerCard } from '../../src/cards/answer-card';
import { describeQuery, rowsOf, runQuery, EMPTY_QUERY } from '../../src/domain/ask';
import { EXAMPLES } from '../../src/domain/question';
import { hasChromium, launchChromium } from '../support/browser';
import { reviewCard } from '../../src/cards/digest-review';
import { reviewFlags } from '../../src/app/digest/review-flags';
import { applySendBacks } from '../../src/domain/send-back';
import { sampleDigest, samplePlan } from '../support/samples';

const ARTIFACTS = join(__dirname, '..', 'artifacts');
const plan = samplePlan();
const returns = new Map<ItemKey, StoredReturn>(
  planItems(plan)
    .filter((_, i) => i % 5 !== 0)
    .map((item, i) => [
      item.key,
      {
        item: item.key,
        ...(item.kind === 'activity'
          ? { rag: RAGS[i % 3 === 0 ? 1 : i % 7 === 0 ? 2 : 0], commentary: 'Progress as planned.' }
          : { value: 92 }),
        submittedBy: 'x@example.org',
        submittedAt: '2016-07-05T10:00:00Z',
        late: false,
        version: 1,
      },
    ]),
);

const digest = sampleDigest(plan, returns, {
  approval: { by: 'svc@example.org', at: '2016-07-18T09:00:00Z' },
});
const otherDigest = sampleDigest(plan, new Map([...returns].filter((_, i) => i % 2 === 0)));

const redsAndAmbers = { ...EMPTY_QUERY, ratings: ['red', 'amber'] as const };
const answerRows = runQuery(
  { ...redsAndAmbers, ratings: [...redsAndAmbers.ratings] },
  rowsOf(digest, { key: 'lra', name: 'Libraries, Registration and Archives' }),
);
const answer = () =>
  answerCard({
    title: describeQuery({ ...redsAndAmbers, ratings: ['red', 'amber'] }, '2016/17 Q1', answerRows.length),
    rows: answerRows,
    countOnly: false,
    several: false,
    question: 'reds and ambers',
  });

(hasChromium ? describe : describe.skip)('cards as the renderer draws them (Chromium)', () => {
  it.each<[string, () => CardJson]>([
    [
      'digest-summary',
      () =>
        digestSummaryCard(
          sampleDigest(plan, returns, { approval: { by: 'svc@example.org', at: '2016-07-18T09:00:00Z' } }),
          'Europe/London',
        ),
    ],
    [
      'chase-card-mobile',
      () =>
        chaseCards({
          cycle: planCycle(
            parseQuarter('2016/17-Q1'),
            DEFAULT_SCHEDULE,
            'Europe/London',
            '2016-07-01T08:00:00Z',
            's',
          ),
          plan,
          items: itemsFor(plan, 'area-ops.gravesham@example.org').owned,
          returns,
          previous: new Map(),
          zone: 'Europe/London',
          now: '2016-07-06T09:00:00Z',
        })[0]!,
    ],
    ...['chase-card-sent-back', 'chase-card-sent-back-mobile'].map((name): [string, () => CardJson] => [
      name,
      () => chaseCards({ ...sentBackState(), zone: 'Europe/London', now: '2016-07-06T09:00:00Z' })[0]!,
    ]),
    ...['review-card-flags', 'review-card-flags-mobile'].map((name): [string, () => CardJson] => [
      name,
      () => {
        const state = sentBackState();
        return reviewCard(digest, '2016-17-Q1', 1, '', '', {
          flags: reviewFlags(state, 'Europe/London'),
        });
      },
    ]),
    ...['council-digest', 'council-digest-mobile'].map((name): [string, () => CardJson] => [
      name,
      () =>
        councilCards(
          councilSummary('2016/17 Q1', [
            { key: 'lra', name: 'Libraries, Registration and Archives', published: true, digest },
            { key: 'highways', name: 'Highways', published: false, digest: otherDigest },
            { key: 'archives-trust', name: 'Archives Trust', published: false },
          ]),
        )[0]!,
    ]),
    [
      'status-overview-mobile',
      () =>
        overviewCard({
          title: 'Libraries, Registration and Archives, 2016/17 Q1',
          service: 'lra',
          overview: {
            quarter: '2016/17 Q1',
            deadlineDay: { year: 2016, month: 7, day: 14 },
            items: 99,
            answered: 41,
            late: 3,
            outcomes: digest.outcomes.map((o, i) => ({
              number: o.number,
              title: o.title,
              answered: 10 - i,
              outstanding: 12 + i,
              late: i % 2,
            })),
            measures: { answered: 5, outstanding: 8, late: 0 },
            waiting: [
              {
                label: 'Last chased 7 days ago or more',
                owners: [
                  { upn: 'service-development@example.org', outstanding: 15, items: 15, lastChasedAt: 'x' },
                  { upn: 'stock@example.org', outstanding: 9, items: 12, lastChasedAt: 'x' },
                ],
              },
              {
                label: 'Chased today or yesterday',
                owners: [
                  { upn: 'area-ops.gravesham@example.org', outstanding: 2, items: 6, lastChasedAt: 'x' },
                ],
              },
            ],
            unreachable: [
              {
                upn: 'area-ops.dover@example.org',
                reason:
                  'unreachable: has not installed the app: ask IT to install RAG Chaser for them (Teams admin centre > Teams apps > Setup policies) or to let RAG Chaser install it (PROACTIVE_INSTALL)',
              },
              {
                upn: 'archives.search-room@example.org',
                reason:
                  'emailed Tue 5 Jul 2016 (not in Teams: licence without Teams: ask IT for a Teams licence)',
              },
            ],
            installedForThem: 4,
            emailed: 1,
          },
        }),
    ],
    [
      'plan-preview-mobile',
      () =>
        planPreviewCard({
          title: 'Libraries, Registration and Archives',
          service: 'lra',
          preview: {
            id: 'up-1',
            files: [{ name: 'plan.xlsx', sha256: '0'.repeat(64) }],
            planFingerprint: 'f',
            planName: plan.name,
            changes: 3,
            version: {
              number: 2,
              from: '2017-18-Q1',
              replaces: false,
              summary: '1 added, 1 retired, 1 reworded or reassigned, 1 KPI target, floor or range moved',
              untouched: ['2016/17 Q4'],
            },
            change: {
              name: plan.name,
              nameChanged: false,
              added: { activities: plan.activities.slice(0, 1), measures: [] },
              updated: { activities: plan.activities.slice(1, 2), measures: plan.measures.slice(0, 1) },
              retired: { activities: plan.activities.slice(2, 3), measures: [] },
              moved: { activities: [], measures: [] },
              unchanged: 95,
            },
            outcomes: digest.outcomes.map((o) => ({
              number: o.number,
              title: o.title,
              activities: 20 + o.number,
            })),
            measures: plan.measures.length,
            newOwners: [
              { upn: 'archives.new@example.org', reachable: false },
              { upn: 'area-ops.gravesham@example.org', reachable: true },
            ],
          },
        }),
    ],
    ['answer-card', answer],
    ['answer-card-mobile', answer],
    [
      'cannot-answer-mobile',
      () => cannotAnswerCard('I did not understand "budget" in that question.', EXAMPLES),
    ],
    [
      'service-picker-mobile',
      () =>
        servicePickerCard(
          'digest preview',
          [
            'Libraries, Registration and Archives',
            'Customer Services',
            'Highways',
            'Adult Social Care',
            'Waste',
            'Trading Standards',
            'Public Health',
          ].map((name) => ({ key: name.toLowerCase().replace(/[^a-z]+/g, '-'), name })),
        ),
    ],
  ])(
    '%s renders with no errors; screenshot saved',
    async (name, build) => {
      mkdirSync(ARTIFACTS, { recursive: true });
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({
          viewport: { width: name.includes('mobile') ? 390 : 700, height: 800 },
        });
        await page.setContent(
          '<!doctype html><html><body style="font-family:Segoe UI,Arial,sans-serif;margin:0;padding:12px"><div id="card"></div></body></html>',
        );
        await page.addScriptTag({
          content: readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8'),
        });
        const problems = await page.evaluate((json) => {
          const AC = (globalThis as unknown as { AdaptiveCards: typeof import('adaptivecards') })
            .AdaptiveCards;
          const card = new AC.AdaptiveCard();
          card.parse(json);
          const el = card.render();
          const doc = (
            globalThis as unknown as {
              document: { getElementById(id: string): { appendChild(node: unknown): void } | null };
            }
          ).document;
          if (el) doc.getElementById('card')?.appendChild(el);
          return card.validateProperties().validationEvents.map((e) => e.message);
        }, build());
        expect(problems).toEqual([]);
        await page.waitForTimeout(200);
        await page.locator('#card').screenshot({ path: join(ARTIFACTS, `${name}.png`) });
        expect(await page.locator('#card .ac-adaptiveCard').count()).toBe(1);
      } finally {
        await browser.close();
      }
    },
    60_000,
  );
});

/** Gravesham's items, one of them sent back with a note: its card, and the review card's flags. */
function sentBackState() {
  const cycle = planCycle(
    parseQuarter('2016/17-Q1'),
    DEFAULT_SCHEDULE,
    'Europe/London',
    '2016-07-01T08:00:00Z',
    's',
  );
  const items = itemsFor(plan, 'area-ops.gravesham@example.org').owned;
  const first = items[0]!;
  const answered = new Map(returns);
  answered.set(first.key, {
    item: first.key,
    rag: 'green',
    commentary: 'Done.',
    submittedBy: 'area-ops.gravesham@example.org',
    submittedAt: '2016-07-04T10:00:00Z',
    late: false,
    version: 1,
  });
  const counted = applySendBacks(answered, [
    {
      item: first.key,
      note: 'Done what? Say what was delivered and how many came.',
      by: 'svc@example.org',
      at: '2016-07-05T09:00:00Z',
      version: 1,
    },
  ]);
  return {
    cycle,
    plan,
    items,
    returns: counted.returns,
    sentBack: counted.sentBack,
    previous: new Map<ItemKey, StoredReturn>(),
    delegations: new Map(),
  };
}
