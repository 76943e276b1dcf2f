/**
 * Use case: a service manager sends a return back to its owner with a note, before the digest. The answer
 * stays in the record; a send-back is added beside it; the item counts as outstanding (status, reminders,
 * escalation, digest) until the owner answers again, on their card, which comes back to them (and to the
 * deputy) with the note and the earlier answer filled in. Who may: managers of the item's service and
 * performance leads (`actor.serviceManager` is true only for them in this service), checked here.
 */
import { randomUUID } from 'node:crypto';
import { NotAuthorisedError, NotFoundError, ValidationError } from '../../domain/errors';
import { echo } from '../../domain/echo';
import { formatDay, formatLocal, localDate } from '../../domain/local-time';
import { formatMessageId } from '../../domain/message-id';
import { itemDeputy, itemRef, itemTitle, planItems, type DueItem } from '../../domain/returns';
import { sendBackNoteSchema, type SendBack } from '../../domain/send-back';
import { quarterIn } from '../../domain/service';
import { cardsForItems, effectiveOwner, loadCycleState, type CycleState } from '../cycle/cycle-state';
import type { Actor, AppDeps } from '../ports';
import { fanOut, type FanoutResult, type PlannedMessage } from '../sending/fanout';
import { cardsFollow } from './card-projection';

export type SendBackDeps = Pick<
  AppDeps,
  | 'plans'
  | 'cycles'
  | 'returns'
  | 'digests'
  | 'people'
  | 'outbox'
  | 'messenger'
  | 'cards'
  | 'zone'
  | 'service'
>;

export interface SendBackResult {
  readonly item: DueItem;
  readonly sendBack: SendBack;
  /** The owner, and the deputy when there is one. */
  readonly to: readonly string[];
  readonly sent: FanoutResult;
}

/** An item of the plan by the id people type: an activity id (LRA-1.1.01) or a KPI reference (LRA01). */
export function itemById(state: CycleState, id: string): DueItem | undefined {
  const wanted = id.trim().toLowerCase();
  return planItems(state.plan).find((i) =>
    i.kind === 'activity' ? i.activity.id.toLowerCase() === wanted : i.measure.ref.toLowerCase() === wanted,
  );
}

export async function sendBackReturn(
  deps: SendBackDeps,
  input: {
    readonly actor: Actor;
    readonly item: string;
    readonly note: unknown;
    readonly now: string;
    /** The quarter the person was looking at (an Ask answer): refused unless it is the open one. */
    readonly quarter?: string | undefined;
  },
): Promise<SendBackResult> {
  if (!input.actor.serviceManager)
    throw new NotAuthorisedError(
      'Only a service manager of this service (or a performance lead) can send a return back.',
    );
  const note = sendBackNoteSchema.safeParse(input.note);
  if (!note.success) throw new ValidationError(note.error.issues.map((i) => i.message).join(' '));
  const cycle = (await deps.cycles.current()) ?? (await deps.cycles.all()).at(-1);
  if (!cycle) throw new NotFoundError('No quarter has been opened: there is nothing to send back.');
  if (await deps.digests.published(cycle.key))
    throw new ValidationError(
      `The ${cycle.label} digest is published: its record is final, so nothing can be sent back. A correction is a new answer ("record ${echo(input.item)} ...").`,
    );
  if (input.quarter && input.quarter !== cycle.label)
    throw new ValidationError(
      `${input.quarter} is not the open quarter (${cycle.label}): only the open quarter's returns can be sent back.`,
    );
  if (cycle.status !== 'open')
    throw new ValidationError(`${cycle.label} is closed: nothing can be sent back.`);
  const state = await loadCycleState(deps, cycle);
  const item = itemById(state, input.item);
  if (!item) throw new NotFoundError(`There is no item "${echo(input.item)}" in the plan.`);
  const open = state.sentBack?.get(item.key);
  if (open)
    throw new ValidationError(
      `${itemRef(item)} was sent back by ${open.by} on ${formatDay(localDate(open.at, deps.zone))} and is not answered again yet: one send-back at a time.`,
    );
  const answer = state.returns.get(item.key);
  if (!answer)
    throw new ValidationError(
      `${itemRef(item)} is not answered yet, so there is nothing to send back ("chase now" reminds its owner).`,
    );
  const sendBack: SendBack = {
    item: item.key,
    note: note.data,
    by: input.actor.upn,
    at: input.now,
    version: answer.version,
  };
  await deps.returns.sendBack(cycle.key, sendBack);
  // An approved digest is approved no more: what SMT sees must include the answer that comes back.
  if (await deps.digests.approval(cycle.key)) await deps.digests.withdrawApproval(cycle.key);
  const returns = new Map(state.returns);
  returns.delete(item.key);
  const next: CycleState = {
    ...state,
    returns,
    sentBack: new Map([...(state.sentBack ?? []), [item.key, { ...sendBack, answer }]]),
  };
  // The cards of whoever sees the item show it sent back (the owner's next card is built from them).
  await cardsFollow(deps, { kind: 'sent-back', before: state, after: next, item });
  const to = [...new Set([effectiveOwner(next, item), itemDeputy(item)].filter((u): u is string => !!u))];
  const label = quarterIn(next.service, cycle.label);
  const [card] = cardsForItems(deps.cards, next, [item], {
    now: input.now,
    zone: deps.zone,
    notice: `${input.actor.upn} sent "${itemTitle(item)}" back for ${label}, to look at again before the digest. Answer again by the end of ${formatDay(cycle.deadlineDay)} (sent ${formatLocal(input.now, deps.zone)}).`,
    canAlwaysAmend: true,
  });
  const messages: PlannedMessage[] = card
    ? to.map((recipient) => ({
        id: formatMessageId({ kind: 'sendback', item: item.key, at: input.now, recipient }),
        recipient,
        kind: 'sendback',
        build: () => Promise.resolve({ card }),
      }))
    : [];
  // Its own holder, like a hand-over: it must not wait for a fan-out; the outbox keeps it once.
  const sent = await fanOut(deps, cycle.key, messages, () => input.now, {
    holder: `sendback-${randomUUID()}`,
    takeOverClaims: false,
  });
  return { item, sendBack, to, sent };
}
