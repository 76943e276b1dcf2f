/** What each cycle step sends, planned from the current state (so a resumed step sends current content). */
import { formatMessageId, parseStep, stepMessageId, type StepId } from '../../domain/message-id';
import type { ScheduledStep } from '../../domain/schedule';
import { formatDay } from '../../domain/local-time';
import { quarterIn } from '../../domain/service';
import { itemTitle, type DueItem } from '../../domain/returns';
import type { PlannedMessage } from './fanout';
import { cardsForItems, outstanding, owners, type CycleState } from '../cycle/cycle-state';
import type { CardComposer, OutboundMessage } from '../ports';
import { reasonWithFix } from './reached';

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
            id: stepMessageId(stepId, owner, i + 1),
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

/** The lines of an escalation: each owner's overdue items (at most 10 each). */
export function escalationLines(
  ctx: Pick<StepContext, 'state'>,
  owed: ReadonlyMap<string, readonly DueItem[]>,
  heading: string,
): string[] {
  const total = [...owed.values()].reduce((n, items) => n + items.length, 0);
  return [
    `${heading} ${total} item(s) from ${owed.size} owner(s) were not returned by the deadline (end of ${formatDay(ctx.state.cycle.deadlineDay)}).`,
    ...[...owed].flatMap(([owner, items]) => [
      `${owner} (${items.length}):`,
      ...items.slice(0, 10).map((i) => `  • ${itemTitle(i).slice(0, 100)}`),
      ...(items.length > 10 ? [`  …and ${items.length - 10} more`] : []),
    ]),
    'Late answers are still taken and marked late.',
  ];
}

/**
 * Who an escalation goes to and what each is told: every service manager sees all that is overdue; a line
 * manager named on activities sees their reports' overdue activities.
 */
export function escalations(
  ctx: Pick<StepContext, 'state' | 'serviceManagers'>,
): Map<string, { heading: string; owed: ReadonlyMap<string, readonly DueItem[]> }> {
  const owed = outstandingByOwner(ctx.state);
  const result = new Map<string, { heading: string; owed: ReadonlyMap<string, readonly DueItem[]> }>();
  if (owed.size === 0) return result;
  for (const sm of ctx.serviceManagers) result.set(sm, { heading: 'For service managers:', owed });
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
  for (const [manager, reports] of byManager)
    result.set(manager, { heading: 'For line managers:', owed: reports });
  return result;
}

function escalation(
  ctx: StepContext,
  owed: ReadonlyMap<string, readonly DueItem[]>,
  heading: string,
): OutboundMessage {
  return {
    card: ctx.cards.message({
      title: `Overdue returns: ${quarterIn(ctx.state.service, ctx.state.cycle.label)}`,
      lines: escalationLines(ctx, owed, heading),
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
      const parsed = parseStep(step.id);
      const days = parsed?.kind === 'reminder' ? parsed.days : undefined;
      const notice =
        days === undefined
          ? `Reminder from your service manager: these are still due for ${quarterIn(state.service, state.cycle.label)}.`
          : days === 0
            ? 'Reminder: these are due by the end of today.'
            : `Reminder: ${days} working day(s) to the deadline. These are still to answer.`;
      return cardMessages(ctx, step.id, 'reminder', outstandingByOwner(state), notice);
    }
    case 'escalate':
      return planned(
        [...escalations(ctx)].map(([recipient, { heading, owed }]) => ({
          id: stepMessageId(step.id, recipient),
          recipient,
          kind: 'escalate',
          build: () => Promise.resolve(escalation(ctx, owed, heading)),
        })),
      );
    default:
      return planned([]);
  }
}

/** After the chase step: tell service managers who was reached how, and who could not be reached. */
export function openedSummary(
  ctx: StepContext,
  chased: number,
  unreachable: readonly { recipient: string; reason: string }[],
  installed: readonly string[] = [],
  emailAfterMinutes?: number,
): PlannedMessage[] {
  const hours = emailAfterMinutes === undefined ? '' : `${Math.round((emailAfterMinutes / 60) * 10) / 10}`;
  const lines = [
    `${quarterIn(ctx.state.service, ctx.state.cycle.label)} is open; returns are due by the end of ${formatDay(ctx.state.cycle.deadlineDay)}. ${chased} owner(s) were sent their card in Teams${installed.length ? ` (${installed.length} of them had RAG Chaser installed for them just now)` : ''}.`,
    ...(installed.length
      ? [
          `Installed for: ${installed.slice(0, 30).join(', ')}${installed.length > 30 ? ` and ${installed.length - 30} more` : ''}.`,
        ]
      : []),
    ...(unreachable.length
      ? [
          `${unreachable.length} owner(s) cannot be reached in Teams${hours ? `; each is emailed their items if still not reachable ${hours === '0' ? 'at the next check' : `in ${hours} hour(s)`}` : ''}. Each with what fixes it; they get their card when they open the app:`,
          ...unreachable.slice(0, 30).map((u) => `• ${u.recipient}: ${reasonWithFix(u.reason)}`),
          ...(unreachable.length > 30
            ? [`…and ${unreachable.length - 30} more: type "status" to see them all.`]
            : []),
        ]
      : ['Every owner was reached in Teams.']),
  ];
  const card = ctx.cards.message({
    title: `Opened ${quarterIn(ctx.state.service, ctx.state.cycle.label)}`,
    lines,
  });
  return ctx.serviceManagers.map((sm) => ({
    id: formatMessageId({ kind: 'opened', recipient: sm }),
    recipient: sm,
    kind: 'opened',
    build: () => Promise.resolve({ card }),
  }));
}

/** Owners Graph no longer finds, though reached before: service managers reassign their items. */
export function leaversNotice(ctx: StepContext, stepId: string, left: readonly string[]): PlannedMessage[] {
  const owned = owners(ctx.state);
  const card = ctx.cards.message({
    title: `Owners who may have left: ${quarterIn(ctx.state.service, ctx.state.cycle.label)}`,
    lines: [
      `${left.length} owner(s) are no longer in the directory, though RAG Chaser reached them before. They may have left the council; their items need a new owner:`,
      ...left.map((upn) => `• ${upn}: ${owned.get(upn)?.length ?? 0} item(s)`),
      'Hand each item to a colleague for this quarter ("hand over LRA-1.1.01 to colleague@example.org": they get its card at once), and change the owner in the plan for later quarters.',
    ],
  });
  return ctx.serviceManagers.map((sm) => ({
    id: formatMessageId({ kind: 'left', step: stepOrChase(stepId), recipient: sm }),
    recipient: sm,
    kind: 'left',
    build: () => Promise.resolve({ card }),
  }));
}

const stepOrChase = (stepId: string): StepId => parseStep(stepId) ?? { kind: 'chase' };
