/** The service manager's review card for one outcome: commentary and override per supporting outcome. */
import template from './digest-review.json';
import { render, type CardJson } from './render';
import type { Digest } from '../domain/digest';
import { ValidationError } from '../domain/errors';
import { ragText, type Rag } from '../domain/rag';
import type { FlaggedItem, ReviewFlags } from '../app/ports';

/** Flagged items shown per supporting outcome (and for the KPIs): the card stays under Teams' size limit. */
const MAX_FLAGGED = 8;
const more = (items: readonly FlaggedItem[] | undefined) =>
  (items?.length ?? 0) > MAX_FLAGGED
    ? `…and ${(items?.length ?? 0) - MAX_FLAGGED} more to look at: "send back <id>: <note>" in chat sends any item back.`
    : '';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

const rating = (rag: Rag | undefined) => (rag ? ragText(rag) : 'not returned');

export interface ReviewOptions {
  /** AI_ENDPOINT is set: each supporting outcome offers Draft with AI. */
  readonly ai?: boolean;
  /** What to challenge (app/digest/review-flags): flagged and sent-back items, each with Send back. */
  readonly flags?: ReviewFlags | undefined;
  /** Returns are sent back and not answered again: the approve button says so and confirms. */
  readonly confirmApproval?: boolean;
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
  // Each Send back note input needs an id of its own on the card: numbered across the card.
  let n = 0;
  const flagged = (items: readonly FlaggedItem[] | undefined) =>
    (items ?? []).slice(0, MAX_FLAGGED).map((f) => ({
      n: String((n += 1)),
      id: f.id,
      label: `${f.id}: ${clip(f.title, 120)}`,
      reasons: [...f.reasons.map((r) => `⚑ ${r}`), ...(f.waiting ? [`↩ ${f.waiting}`] : [])].join('\n'),
      canSendBack: !f.waiting,
    }));
  const first = outcomeNumber === digest.outcomes[0]?.number;
  const kpiFlags = first ? flagged(options.flags?.kpis) : [];
  return render(template, {
    kpiFlags,
    kpiMore: first ? more(options.flags?.kpis) : '',
    title: `Review ${digest.quarter}, outcome ${outcome.number}: ${outcome.title}`,
    quarter: digest.quarter,
    cycle: cycleKey,
    service,
    outcome: String(outcome.number),
    notice,
    ai: options.ai === true,
    confirm: options.confirmApproval ? 'yes' : '',
    approveTitle: options.confirmApproval ? 'Approve anyway' : 'Approve the digest',
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
        flagged: flagged(options.flags?.bySupportingOutcome.get(s.id)),
        more: more(options.flags?.bySupportingOutcome.get(s.id)),
      };
    }),
  });
}
