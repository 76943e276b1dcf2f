/** The service manager's review card for one outcome: commentary and override per supporting outcome. */
import template from './digest-review.json';
import { render, type CardJson } from './render';
import type { Digest } from '../domain/digest';
import { ValidationError } from '../domain/errors';
import { ragText, type Rag } from '../domain/rag';

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'not returned');

export interface ReviewOptions {
  /** AI_ENDPOINT is set: each supporting outcome offers Draft with AI. */
  readonly ai?: boolean;
  /** A draft just made for one supporting outcome, put in its commentary box. */
  readonly drafted?: { readonly so: string; readonly text: string; readonly byAi: boolean };
}

export function reviewCard(
  digest: Digest,
  cycleKey: string,
  outcomeNumber: number,
  notice = '',
  service = '',
  options: ReviewOptions = {},
): CardJson {
  const outcome = digest.outcomes.find((o) => o.number === outcomeNumber);
  if (!outcome)
    throw new ValidationError(
      'This card is out of date: the plan has changed. Type "digest preview" for a fresh one.',
    );
  return render(template, {
    title: `Review ${digest.quarter}, outcome ${outcome.number}: ${outcome.title}`,
    quarter: digest.quarter,
    cycle: cycleKey,
    service,
    outcome: String(outcome.number),
    notice,
    ai: options.ai === true,
    supportingOutcomes: outcome.supportingOutcomes.map((s, i) => {
      const drafted = options.drafted?.so === s.id ? options.drafted : undefined;
      return {
        n: String(i + 1),
        id: s.id,
        heading: `${s.number} ${s.title}`,
        rating: `Computed: ${rating(s.computed)}${s.override ? `; overridden to ${ragText(s.override.rag)}` : ''}`,
        state: drafted?.byAi
          ? 'AI draft ready under Review: edit it, then Save. Saved unchanged, it is labelled "AI draft".'
          : s.aiDraft
            ? 'Commentary written: AI draft, not edited.'
            : s.commentary
              ? 'Commentary written.'
              : 'No overall commentary yet: the draft below is from the owners.',
        commentary: drafted ? drafted.text : s.commentary || s.draft,
        aiDraft: drafted?.byAi ? drafted.text : s.aiDraft ? s.commentary : '',
        override: s.override?.rag ?? 'none',
        reason: s.override?.reason ?? '',
      };
    }),
  });
}
