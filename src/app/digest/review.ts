/**
 * Use cases of the digest review (service managers only): the digest with what to challenge, from one
 * read of the cycle; the AI's check of one supporting outcome added to the flags; an AI draft.
 */
import type { Cycle } from '../../domain/cycle';
import type { Digest } from '../../domain/digest';
import { NotFoundError } from '../../domain/errors';
import { requireManager } from '../council/actors';
import { loadCycleState, type CycleState } from '../cycle/cycle-state';
import type { Actor, AppDeps, ReviewFlags } from '../ports';
import { checkWithAi, withAiFlags, type AiCheck } from './ai-check';
import { loadDigest } from './digest';
import { draftCommentary, type Draft, type DraftDeps } from './draft-commentary';
import { reviewFlags } from './review-flags';

type ReviewDeps = Pick<AppDeps, 'plans' | 'returns' | 'digests' | 'people' | 'outbox' | 'cycles' | 'zone'>;

export interface DigestReview {
  readonly cycle: Cycle;
  readonly state: CycleState;
  readonly digest: Digest;
  readonly flags: ReviewFlags;
}

/** The latest open quarter, else the latest quarter (one read of the cycles). */
export async function latestCycle(deps: Pick<AppDeps, 'cycles'>): Promise<Cycle | undefined> {
  const cycles = await deps.cycles.all();
  return cycles.filter((c) => c.status === 'open').at(-1) ?? cycles.at(-1);
}

/** The digest of a quarter (default the latest) and its flags, for a manager to review. */
export async function reviewDigest(
  deps: ReviewDeps,
  input: { readonly actor: Actor; readonly cycle?: Cycle | undefined },
): Promise<DigestReview> {
  requireManager(input.actor, 'review the digest');
  const cycle = input.cycle ?? (await latestCycle(deps));
  if (!cycle) throw new NotFoundError('No quarter has been opened, so there is nothing to digest.');
  const state = await loadCycleState(deps, cycle);
  const digest = await loadDigest(deps, cycle, { loaded: state });
  return { cycle, state, digest, flags: reviewFlags(state, deps.zone) };
}

/** The review with the AI's flags for one supporting outcome added (or, if it could not, why not). */
export async function checkForReview(
  deps: ReviewDeps & Pick<AppDeps, 'assistant'>,
  input: {
    readonly actor: Actor;
    readonly cycle: Cycle;
    readonly soId: string;
    readonly mayUseAi: () => Promise<boolean>;
  },
): Promise<{ readonly review: DigestReview; readonly ai: AiCheck }> {
  const review = await reviewDigest(deps, input);
  const ai = await checkWithAi(deps.assistant, review.state, input.soId, input.mayUseAi);
  if (!ai.ok) return { review, ai };
  const bySupportingOutcome = withAiFlags(review.flags.bySupportingOutcome, input.soId, ai.flagged);
  return { review: { ...review, flags: { ...review.flags, bySupportingOutcome } }, ai };
}

/** An AI draft of one supporting outcome's commentary, for a manager reviewing it. */
export async function draftForReview(
  deps: DraftDeps,
  input: {
    readonly actor: Actor;
    readonly cycle: Cycle;
    readonly soId: string;
    readonly mayUseAi: () => Promise<boolean>;
  },
): Promise<Draft> {
  requireManager(input.actor, 'review the digest');
  return draftCommentary(deps, input.cycle, input.soId, input.mayUseAi);
}
