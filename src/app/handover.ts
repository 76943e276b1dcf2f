/** Use case: an owner hands one item to a colleague for this cycle; the colleague is chased instead. */
import { NotAuthorisedError, ValidationError } from '../domain/errors';
import { echo } from '../domain/echo';
import { upnSchema } from '../domain/plan';
import { itemTitle, mayAnswer, type DueItem } from '../domain/returns';
import { effectiveOwner, type ChaseDeps, type CycleState } from './owed';
import { findItem } from './submit-return';

export interface HandOverResult {
  readonly state: CycleState;
  readonly item: DueItem;
  readonly from: string;
  readonly to: string;
}

export async function handOver(
  deps: ChaseDeps,
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
      `Only the owner (${from}), the deputy or a service manager can hand over "${itemTitle(item)}".`,
    );
  }
  if (to.data === from) throw new ValidationError(`${to.data} already answers for this item.`);
  if (state.returns.has(item.key))
    throw new ValidationError('This item is already answered; amend the answer instead of handing it over.');
  const delegation = { to: to.data, by: input.by, at: input.now };
  await deps.returns.delegate(state.cycle.key, item.key, delegation);
  const delegations = new Map(state.delegations);
  delegations.set(item.key, delegation);
  return { state: { ...state, delegations }, item, from, to: to.data };
}
