/**
 * The service manager's status card: progress per outcome, the owners who still owe something grouped by
 * how long ago they were last chased (with **Chase these now**), and who cannot be reached with the fix.
 * Built as JSON; people's addresses are TextRuns (never read as Markdown). Fits a phone: no columns.
 */
import type { OverviewCardInput } from '../app/ports';
import { formatDay } from '../domain/local-time';
import { PICK_SERVICE } from './service-picker';
import { block, runs } from './blocks';
import type { CardJson } from './render';

const MAX_PER_GROUP = 15;
const part = (n: number, what: string) => `${n} ${what}`;

export function overviewCard({ overview: o, title, service, planLine }: OverviewCardInput): CardJson {
  const owing = o.waiting.reduce((n, g) => n + g.owners.length, 0);
  const body: object[] = [
    block(`Status: ${title}`, { size: 'Large', weight: 'Bolder', style: 'heading' }),
    block(
      `Due by the end of ${formatDay(o.deadlineDay)}. ${o.answered} of ${o.items} items answered${o.late ? ` (${o.late} late)` : ''}; ${owing} owner(s) still owe something.`,
    ),
    ...(planLine ? [runs([planLine], { isSubtle: true, size: 'Small' })] : []),
    block('Progress by outcome', { weight: 'Bolder', separator: true, spacing: 'Medium' }),
    ...o.outcomes.flatMap((x) => [
      block(
        `Outcome ${x.number}: ${part(x.answered, 'answered')} · ${part(x.outstanding, 'outstanding')}${x.late ? ` · ${part(x.late, 'late')}` : ''}`,
        { spacing: 'Small' },
      ),
      runs([x.title], { isSubtle: true, size: 'Small' }),
    ]),
    block(
      `KPIs and indicators: ${part(o.measures.answered, 'answered')} · ${part(o.measures.outstanding, 'outstanding')}${o.measures.late ? ` · ${part(o.measures.late, 'late')}` : ''}`,
      { spacing: 'Small' },
    ),
  ];
  if (owing > 0) {
    body.push(block('Still to answer', { weight: 'Bolder', separator: true, spacing: 'Medium' }));
    for (const g of o.waiting) {
      body.push(
        block(`${g.label} (${g.owners.length})`, { spacing: 'Small', weight: 'Bolder', size: 'Small' }),
      );
      const shown = g.owners
        .slice(0, MAX_PER_GROUP)
        .map((w) => `• ${w.upn}: ${w.outstanding} of ${w.items} outstanding`);
      if (g.owners.length > MAX_PER_GROUP)
        shown.push(`…and ${g.owners.length - MAX_PER_GROUP} more (rag-chaser status lists everyone)`);
      body.push(runs(shown));
    }
    body.push({
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.Submit',
          title: 'Chase these now',
          tooltip: 'Send every owner who still owes something a reminder with only what they owe',
          data: { verb: PICK_SERVICE, command: 'chase now', service },
        },
      ],
    });
  } else body.push(block('Every item is answered. Thank you.', { separator: true }));
  if (o.installedForThem)
    body.push(
      block(`${o.installedForThem} owner(s) had RAG Chaser installed for them, and were chased in Teams.`, {
        size: 'Small',
        isSubtle: true,
      }),
    );
  if (o.unreachable.length) {
    body.push(
      block(`Not reachable in Teams (${o.unreachable.length})`, {
        weight: 'Bolder',
        separator: true,
        spacing: 'Medium',
      }),
    );
    body.push(
      runs([
        ...o.unreachable.slice(0, 20).map((u) => `• ${u.upn}: ${u.reason}`),
        ...(o.unreachable.length > 20 ? [`…and ${o.unreachable.length - 20} more`] : []),
      ]),
    );
    body.push(
      block(
        o.emailed
          ? `Emailed their items instead: ${o.emailed}. They can answer in Teams from the email's link, or reply by email for you to record with "record <item> <rating>: <commentary>".`
          : 'Each shows what fixes it. Once they have the app, their card arrives as soon as they open it.',
        { size: 'Small', isSubtle: true },
      ),
    );
  }
  return {
    type: 'AdaptiveCard',
    version: '1.5',
    fallbackText: `Status: ${title}. ${o.answered} of ${o.items} items answered; ${owing} owner(s) still owe something.`,
    speak: `Status of ${title}: ${o.answered} of ${o.items} items answered.`,
    body,
  };
}
