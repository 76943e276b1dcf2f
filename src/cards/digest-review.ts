/** The service manager's review card for one outcome: commentary and override per supporting outcome. */
import template from './digest-review.json';
import { render, type CardJson } from './render';
import type { Digest } from '../domain/digest';
import { ValidationError } from '../domain/errors';
import { ragText, type Rag } from '../domain/rag';

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'not returned');

export function reviewCard(
  digest: Digest,
  cycleKey: string,
  outcomeNumber: number,
  notice = '',
  service = '',
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
    supportingOutcomes: outcome.supportingOutcomes.map((s, i) => ({
      n: String(i + 1),
      id: s.id,
      heading: `${s.number} ${s.title}`,
      rating: `Computed: ${rating(s.computed)}${s.override ? `; overridden to ${ragText(s.override.rag)}` : ''}`,
      state: s.commentary
        ? 'Commentary written.'
        : 'No overall commentary yet: the draft below is from the owners.',
      commentary: s.commentary || s.draft,
      override: s.override?.rag ?? 'none',
      reason: s.override?.reason ?? '',
    })),
  });
}
