/**
 * Port: the AI assistant (AI_ENDPOINT), used only where a council switches it on. It never supplies numbers
 * or lists: it turns free wording into the query tool's arguments (validated and run by app/ask/ask.ts), and
 * drafts an overall commentary that a service manager edits before it is published.
 */

/** What the model may see of the plan to choose arguments: names only, never people. */
export interface AssistantVocabulary {
  readonly districts: readonly string[];
  readonly functions: readonly string[];
  readonly services: readonly string[];
  /** e.g. "2016/17 Q2". */
  readonly latestQuarter: string;
}

/** One supporting outcome's activities, as the draft is written from them: ratings and commentaries only. */
export interface DraftInput {
  readonly supportingOutcome: string;
  readonly items: readonly { readonly rating: string; readonly commentary: string }[];
}

/** Activities to check: their ids, ratings and commentaries only (no owners, no evidence). */
export interface CheckInput {
  readonly items: readonly { readonly id: string; readonly rating: string; readonly commentary: string }[];
}

export type AssistantFailure = 'timeout' | 'throttled' | 'filtered' | 'no-tool' | 'error';

export type AssistantResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly failure: AssistantFailure };

export interface Assistant {
  /** The arguments the model chose for the query tool (unvalidated JSON), or why there are none. */
  toQuery(question: string, vocabulary: AssistantVocabulary): Promise<AssistantResult<unknown>>;
  /** An overall commentary for a supporting outcome. */
  draft(input: DraftInput): Promise<AssistantResult<string>>;
  /** Activities whose commentary does not seem to support their rating (unvalidated JSON), or why none. */
  check(input: CheckInput): Promise<AssistantResult<unknown>>;
}
