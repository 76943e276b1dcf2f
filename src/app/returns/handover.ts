/**
 * Use case: an owner hands one item to a colleague for this cycle; the colleague is chased instead. The
 * colleague is sent the card and service managers are told, through the outbox like every proactive send.
 */
import { formatMessageId } from '../../domain/message-id';
import { quarterIn } from '../../domain/service';
import { randomUUID } from 'node:crypto';
import { NotAuthorisedError, ValidationError } from '../../domain/errors';
import { echo } from '../../domain/echo';
import { upnSchema } from '../../domain/plan';
import { itemRef, itemTitle, mayAnswer, type DueItem } from '../../domain/returns';
import { cardsFollow } from './card-projection';
import { cardsForItems, effectiveOwner, type CycleState } from '../cycle/cycle-state';
import { fanOut, type FanoutResult, type PlannedMessage } from '../sending/fanout';
import type { AppDeps } from '../ports';
import { serviceManagers } from '../cycle/run-steps';
import { findItem } from './submit-return';

export interface HandOverResult {
  readonly state: CycleState;
  readonly item: DueItem;
  readonly from: string;
  readonly to: string;
  /** The colleague's card was delivered. */
  readonly colleagueReached: boolean;
  readonly notices: FanoutResult;
}

export type HandOverDeps = Pick<
  AppDeps,
  | 'plans'
  | 'cycles'
  | 'returns'
  | 'people'
  | 'outbox'
  | 'messenger'
  | 'cards'
  | 'zone'
  | 'serviceManagers'
  | 'service'
>;

export async function handOver(
  deps: HandOverDeps,
  input: { cycleKey: string; item: unknown; to: string; by: string; serviceManager: boolean; now: string },
): Promise<HandOverResult> {
  const to = upnSchema.safeParse(input.to);
  if (!to.success)
    throw new ValidationError(
      `"${echo(input.to)}" is not an email address. Write it like colleague@example.org.`,
    );
  const { state, item } = await findItem(deps, input.cycleKey, input.item);
  const from = effectiveOwner(state, item);
  if (from !== input.by && !mayAnswer(item, input.by, input.serviceManager)) {
    throw new NotAuthorisedError(
      // Neither the owner nor the title: a stranger learns nothing about an item that is not theirs.
      `Only the item's owner, its deputy or a service manager can hand over ${itemRef(item)}.`,
    );
  }
  if (to.data === from) throw new ValidationError(`${to.data} already answers for this item.`);
  if (state.returns.has(item.key))
    throw new ValidationError('This item is already answered; amend the answer instead of handing it over.');
  const delegation = { to: to.data, by: input.by, at: input.now };
  await deps.returns.delegate(state.cycle.key, item.key, delegation);
  const delegations = new Map(state.delegations);
  delegations.set(item.key, delegation);
  const next: CycleState = { ...state, delegations };
  await cardsFollow(deps, { kind: 'handed-over', before: state, after: next, item });
  const messages = handOverMessages(
    deps,
    next,
    item,
    input.by,
    to.data,
    input.now,
    await serviceManagers(deps),
  );
  // Its own holder, not the send lease: a hand-over must not wait for a fan-out; the outbox claim keeps it once.
  const notices = await fanOut(deps, state.cycle.key, messages, () => input.now, {
    holder: `handover-${randomUUID()}`,
    takeOverClaims: false,
  });
  const colleagueReached = notices.sent.includes(to.data) || notices.alreadyDone.includes(to.data);
  return { state: next, item, from, to: to.data, colleagueReached, notices };
}

/** The colleague's card and one notice per service manager; ids name the hand-over, so each goes once. */
function handOverMessages(
  deps: Pick<AppDeps, 'cards' | 'zone'>,
  state: CycleState,
  item: DueItem,
  by: string,
  to: string,
  now: string,
  managers: readonly string[],
): PlannedMessage[] {
  const idFor = (recipient: string) =>
    formatMessageId({ kind: 'handover', item: item.key, to, at: now, recipient });
  const label = quarterIn(state.service, state.cycle.label);
  const [card] = cardsForItems(deps.cards, state, [item], {
    now,
    zone: deps.zone,
    notice: `${by} handed this item to you for ${label}.`,
  });
  const notice = deps.cards.message({
    title: 'Item handed over',
    lines: [`${by} handed "${itemTitle(item)}" to ${to} for ${label}.`],
  });
  return [
    ...(card
      ? [{ id: idFor(to), recipient: to, kind: 'handover', build: () => Promise.resolve({ card }) }]
      : []),
    ...managers.map((sm) => ({
      id: idFor(sm),
      recipient: sm,
      kind: 'handover-notice',
      build: () => Promise.resolve({ card: notice }),
    })),
  ];
}
