/** What each cycle step sends, planned from the current state (so a resumed step sends current content). */
import type { ScheduledStep } from '../domain/schedule';
import { formatDay } from '../domain/local-time';
import { quarterIn } from '../domain/service';
import { itemTitle, type DueItem } from '../domain/returns';
import type { PlannedMessage } from './fanout';
import { cardsForItems, outstanding, owners, type CycleState } from './cycle-state';
import type { CardComposer, OutboundMessage } from './ports';

export interface StepContext {
  readonly state: CycleState;
  readonly now: string;
  readonly zone: string;
  readonly cards: CardComposer;
  /** Everyone with the service-manager role. */
  readonly serviceManagers: readonly string[];
}

/** The messages of a step, produced as they are sent (each owner's card is drawn when its turn comes). */
export interface StepPlan extends Iterable<PlannedMessage> {
  /** Recipients, for progress (an owner with a long card gets several messages). */
  readonly recipients: number;
}

function cardMessages(
  ctx: StepContext,
  stepId: string,
  kind: string,
  byOwner: ReadonlyMap<string, readonly DueItem[]>,
  notice?: string,
): StepPlan {
  const owners = [...byOwner].filter(([, items]) => items.length > 0);
  return {
    recipients: owners.length,
    *[Symbol.iterator]() {
      for (const [owner, items] of owners) {
        const cards = cardsForItems(ctx.cards, ctx.state, items, {
          now: ctx.now,
          zone: ctx.zone,
          ...(notice ? { notice } : {}),
        });
        for (const [i, card] of cards.entries())
          yield {
            id: `${stepId}|${owner}|${i + 1}`,
            recipient: owner,
            kind,
            build: () => Promise.resolve({ card }),
          };
      }
    },
  };
}

const planned = (messages: PlannedMessage[]): StepPlan =>
  Object.assign(messages, { recipients: new Set(messages.map((m) => m.recipient)).size });

/** Owners who still owe something, with only what they owe. */
export function outstandingByOwner(state: CycleState): Map<string, DueItem[]> {
  const map = new Map<string, DueItem[]>();
  for (const [owner, items] of owners(state)) {
    const open = outstanding(state, items);
    if (open.length) map.set(owner, open);
  }
  return map;
}

function escalation(
  ctx: StepContext,
  owed: ReadonlyMap<string, readonly DueItem[]>,
  heading: string,
): OutboundMessage {
  const total = [...owed.values()].reduce((n, items) => n + items.length, 0);
  const lines = [
    `${heading} ${total} item(s) from ${owed.size} owner(s) were not returned by the deadline (end of ${formatDay(ctx.state.cycle.deadlineDay)}).`,
    ...[...owed].flatMap(([owner, items]) => [
      `${owner} (${items.length}):`,
      ...items.slice(0, 10).map((i) => `  • ${itemTitle(i).slice(0, 100)}`),
      ...(items.length > 10 ? [`  …and ${items.length - 10} more`] : []),
    ]),
    'Late answers are still taken and marked late.',
  ];
  return {
    card: ctx.cards.message({
      title: `Overdue returns: ${quarterIn(ctx.state.service, ctx.state.cycle.label)}`,
      lines,
    }),
  };
}

/** The messages of one step. Reminders and chase-now go only to owners who still owe, listing only that. */
export function planStep(ctx: StepContext, step: Pick<ScheduledStep, 'id' | 'kind'>): StepPlan {
  const { state } = ctx;
  switch (step.kind) {
    case 'chase':
      return cardMessages(ctx, step.id, 'chase', owners(state));
    case 'reminder': {
      const days = step.id.startsWith('reminder-') ? Number(step.id.split('-')[1]) : undefined;
      const notice =
        days === undefined
          ? `Reminder from your service manager: these are still due for ${quarterIn(state.service, state.cycle.label)}.`
          : days === 0
            ? 'Reminder: these are due by the end of today.'
            : `Reminder: ${days} working day(s) to the deadline. These are still to answer.`;
      return cardMessages(ctx, step.id, 'reminder', outstandingByOwner(state), notice);
    }
    case 'escalate': {
      const owed = outstandingByOwner(state);
      if (owed.size === 0) return planned([]);
      const messages: PlannedMessage[] = ctx.serviceManagers.map((sm) => ({
        id: `${step.id}|${sm}`,
        recipient: sm,
        kind: 'escalate',
        build: () => Promise.resolve(escalation(ctx, owed, 'For service managers:')),
      }));
      const byManager = new Map<string, Map<string, DueItem[]>>();
      for (const [owner, items] of owed) {
        for (const item of items) {
          const manager = item.kind === 'activity' ? item.activity.manager : undefined;
          if (!manager || ctx.serviceManagers.includes(manager)) continue;
          const reports = byManager.get(manager) ?? new Map<string, DueItem[]>();
          reports.set(owner, [...(reports.get(owner) ?? []), item]);
          byManager.set(manager, reports);
        }
      }
      for (const [manager, reports] of byManager) {
        messages.push({
          id: `${step.id}|${manager}`,
          recipient: manager,
          kind: 'escalate',
          build: () => Promise.resolve(escalation(ctx, reports, 'For line managers:')),
        });
      }
      return planned(messages);
    }
    default:
      return planned([]);
  }
}

/** After the chase step: tell service managers who was chased and who could not be reached. */
export function openedSummary(
  ctx: StepContext,
  chased: number,
  unreachable: readonly { recipient: string; reason: string }[],
  installed = 0,
): PlannedMessage[] {
  const lines = [
    `${quarterIn(ctx.state.service, ctx.state.cycle.label)} is open; returns are due by the end of ${formatDay(ctx.state.cycle.deadlineDay)}. ${chased} owner(s) were sent their card${installed ? ` (${installed} of them had RAG Chaser installed for them just now)` : ''}.`,
    ...(unreachable.length
      ? [
          `${unreachable.length} owner(s) cannot be reached. Install RAG Chaser for them (Teams admin centre > Manage apps, or an app setup policy); they get their card when they open it:`,
          ...unreachable.slice(0, 30).map((u) => `• ${u.recipient}: ${u.reason}`),
          ...(unreachable.length > 30
            ? [`…and ${unreachable.length - 30} more: rag-chaser status lists them all.`]
            : []),
        ]
      : ['Every owner was reached.']),
  ];
  const card = ctx.cards.message({
    title: `Opened ${quarterIn(ctx.state.service, ctx.state.cycle.label)}`,
    lines,
  });
  return ctx.serviceManagers.map((sm) => ({
    id: `opened|${sm}`,
    recipient: sm,
    kind: 'opened',
    build: () => Promise.resolve({ card }),
  }));
}
