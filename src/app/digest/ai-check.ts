/**
 * Use case: "Check with AI" on a review card. The assistant reads one supporting outcome's activities
 * (ids, ratings and commentaries only; email addresses taken out) and points out those whose commentary
 * does not seem to support the rating. Its answer is validated (known ids, short plain reasons) and
 * labelled as AI; it never changes a rating, and any failure says why and changes nothing.
 */
import { z } from 'zod';
import { supportingOutcomeId } from '../../domain/plan';
import { ragText } from '../../domain/rag';
import { planItems } from '../../domain/returns';
import type { CycleState } from '../cycle/cycle-state';
import type { Assistant, AssistantFailure, FlaggedItem } from '../ports';

const EMAIL = /(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const MAX_REASON = 200;

const answerSchema = z
  .array(z.object({ id: z.string().max(40), reason: z.string().min(1).max(2000) }))
  .max(100);

const WHY: Record<AssistantFailure | 'off' | 'allowance' | 'invalid', string> = {
  off: 'AI is not switched on here',
  allowance: 'you have used your AI requests for this hour: try again later',
  timeout: 'the AI service did not answer in time',
  throttled: 'the AI service is busy (429)',
  filtered: "the AI service's content filter stopped it",
  'no-tool': 'the AI service gave no answer',
  error: 'the AI service failed',
  invalid: 'the AI service answered in a form RAG Chaser does not accept',
};

export type AiCheck =
  | { readonly ok: true; readonly flagged: readonly FlaggedItem[] }
  | { readonly ok: false; readonly why: string };

export async function checkWithAi(
  assistant: Assistant | undefined,
  state: CycleState,
  soId: string,
  mayUseAi: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<AiCheck> {
  if (!assistant) return { ok: false, why: WHY.off };
  const answered = planItems(state.plan).flatMap((item) => {
    if (item.kind !== 'activity') return [];
    const a = item.activity;
    const answer = state.returns.get(item.key);
    if (supportingOutcomeId(a.outcome, a.supportingOutcome) !== soId || !answer?.rag) return [];
    return [{ id: a.id, title: a.text, rating: ragText(answer.rag), commentary: answer.commentary ?? '' }];
  });
  if (!answered.length) return { ok: true, flagged: [] };
  if (!(await mayUseAi())) return { ok: false, why: WHY.allowance };
  const result = await assistant.check({
    items: answered.map(({ id, rating, commentary }) => ({
      id,
      rating,
      commentary: commentary.replace(EMAIL, '[address]'),
    })),
  });
  if (!result.ok) return { ok: false, why: WHY[result.failure] };
  const parsed = answerSchema.safeParse(result.value);
  if (!parsed.success) return { ok: false, why: WHY.invalid };
  const byId = new Map(answered.map((a) => [a.id.toLowerCase(), a]));
  const flagged = new Map<string, FlaggedItem>();
  for (const { id, reason } of parsed.data) {
    const item = byId.get(id.trim().toLowerCase());
    if (!item) continue; // an id the model made up is dropped
    const text = reason
      .replace(/\p{Cc}/gu, ' ')
      .replace(/\s+/g, ' ')
      .trim();
    const clipped = text.length > MAX_REASON ? `${text.slice(0, MAX_REASON - 1)}…` : text;
    const earlier = flagged.get(item.id);
    flagged.set(item.id, {
      id: item.id,
      title: item.title,
      reasons: [...(earlier?.reasons ?? []), `AI: ${clipped}`],
    });
  }
  return { ok: true, flagged: [...flagged.values()] };
}

/** The review flags with the AI's for one supporting outcome added beside the rules' own. */
export function withAiFlags(
  base: ReadonlyMap<string, readonly FlaggedItem[]>,
  soId: string,
  ai: readonly FlaggedItem[],
): Map<string, readonly FlaggedItem[]> {
  const merged = new Map(base);
  const items = [...(base.get(soId) ?? [])];
  for (const flag of ai) {
    const at = items.findIndex((i) => i.id === flag.id);
    const existing = items[at];
    if (existing) items[at] = { ...existing, reasons: [...existing.reasons, ...flag.reasons] };
    else items.push(flag);
  }
  merged.set(soId, items);
  return merged;
}
