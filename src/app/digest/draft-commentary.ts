/**
 * Use case: "Draft with AI" on the digest review card. The assistant drafts one supporting outcome's overall
 * commentary from its activities' ratings and commentaries only (no owners, no evidence, email addresses
 * taken out); any failure falls back to the usual draft assembled from the owners' commentaries, saying why.
 */
import type { Cycle } from '../../domain/cycle';
import { NotFoundError } from '../../domain/errors';
import { loadDigest } from './digest';
import type { AppDeps, AssistantFailure } from '../ports';

export type DraftDeps = Pick<AppDeps, 'plans' | 'returns' | 'digests' | 'people' | 'outbox' | 'assistant'>;

export type Draft =
  | { readonly by: 'ai'; readonly text: string }
  | { readonly by: 'owners'; readonly text: string; readonly why: string };

// Starts only where an address can start (the look-behind): linear on a long run without '@'.
const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

const WHY: Record<AssistantFailure | 'off' | 'allowance', string> = {
  off: 'AI is not switched on here',
  allowance: 'you have used your AI drafts for this hour: try again later',
  timeout: 'the AI service did not answer in time',
  throttled: 'the AI service is busy (429)',
  filtered: "the AI service's content filter stopped it",
  'no-tool': 'the AI service gave no draft',
  error: 'the AI service failed',
};

export async function draftCommentary(
  deps: DraftDeps,
  cycle: Cycle,
  supportingOutcomeId: string,
  mayUseAi: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<Draft> {
  const digest = await loadDigest(deps, cycle);
  const so = digest.outcomes.flatMap((o) => o.supportingOutcomes).find((s) => s.id === supportingOutcomeId);
  if (!so)
    throw new NotFoundError(
      'That supporting outcome is not in the plan any more. Run "digest preview" again.',
    );
  if (!deps.assistant) return { by: 'owners', text: so.draft, why: WHY.off };
  if (!(await mayUseAi())) return { by: 'owners', text: so.draft, why: WHY.allowance };
  const result = await deps.assistant.draft({
    supportingOutcome: `${so.number} ${so.title}`,
    items: so.activities.map((a) => ({
      rating: a.rag ?? 'not returned',
      commentary: a.commentary.replace(EMAIL, '[address removed]').slice(0, 1000),
    })),
  });
  if (!result.ok) return { by: 'owners', text: so.draft, why: WHY[result.failure] };
  return { by: 'ai', text: result.value.replace(EMAIL, '').slice(0, 4000).trim() };
}
