/** What someone still owes, and how the whole cycle stands: plain lines for chat and the CLI. */
import { formatDay } from '../../domain/local-time';
import { itemTitle, type DueItem } from '../../domain/returns';
import { outstanding, owners, personItems, type CycleState } from './cycle-state';
import type { Person } from '../ports';
import { reachOf, type Reach } from '../sending/reached';

function dueText(state: CycleState): string {
  return formatDay(state.cycle.deadlineDay);
}

function itemLine(item: DueItem): string {
  const id = item.kind === 'activity' ? item.activity.id : item.measure.ref;
  const text = itemTitle(item);
  return `• ${id}: ${text.length > 90 ? `${text.slice(0, 89)}…` : text}`;
}

/** Lines for `status` in a 1:1 chat. */
export function personStatus(state: CycleState, upn: string): string[] {
  const { owned, deputising } = personItems(state, upn);
  const open = outstanding(state, owned);
  const lines = [
    owned.length === 0
      ? `You have no items to answer for ${state.cycle.label}.`
      : open.length === 0
        ? `All ${owned.length} of your items for ${state.cycle.label} are answered. Thank you.`
        : `${state.cycle.label}: ${owned.length - open.length} of ${owned.length} answered. Due by the end of ${dueText(state)}. Still to answer:`,
    ...open.map(itemLine),
  ];
  const deputyOpen = outstanding(state, deputising);
  if (deputyOpen.length)
    lines.push(`As deputy, ${deputyOpen.length} item(s) are still unanswered:`, ...deputyOpen.map(itemLine));
  return lines;
}

export interface OwnerProgress {
  readonly upn: string;
  readonly items: number;
  readonly answered: number;
  readonly late: number;
  readonly reachable: boolean;
  readonly reason: string;
  /** How they were reached: in Teams, installed for them, emailed, or unreachable with the fix. */
  readonly reached: Reach;
}

/** Each owner's progress; `emailed`: when each was last emailed this quarter (email fallback). */
export function ownerProgress(
  state: CycleState,
  people: ReadonlyMap<string, Person>,
  emailed: ReadonlyMap<string, string>,
  zone: string,
): OwnerProgress[] {
  return [...owners(state)].map(([upn, items]) => {
    const answers = items.map((i) => state.returns.get(i.key)).filter((r) => r !== undefined);
    const person = people.get(upn);
    return {
      upn,
      items: items.length,
      answered: answers.length,
      late: answers.filter((r) => r.late).length,
      reachable: Boolean(person?.reachable && person.conversation),
      reason: person?.unreachableReason || (person ? '' : 'has not installed the app'),
      reached: reachOf(person, emailed.get(upn), zone),
    };
  });
}
