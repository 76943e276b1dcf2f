/**
 * The assistant configured by AI_ENDPOINT, or none. teams-ai's planner and the model client (ai/planner.ts)
 * load on the first question or draft: a process that never asks (the minute tick, the CLI) does not carry
 * them; teams-ai with its recognizers and tokenizers is about 58 MB of heap.
 */
import type { Assistant, AssistantResult } from '../app/ports';
import type { Config } from '../config';

const made = new WeakMap<Config, Assistant>();

/** One per configuration. */
export function createAssistant(config: Config): Assistant | undefined {
  const ai = config.ai;
  if (ai.kind === 'off') return undefined;
  const existing = made.get(config);
  if (existing) return existing;
  let loading: Promise<Assistant> | undefined;
  const real = () => (loading ??= import('./planner').then((m) => m.plannerAssistant(ai)));
  const failed = <T>(): AssistantResult<T> => ({ ok: false, failure: 'error' });
  const assistant: Assistant = {
    toQuery: (question, vocabulary) => real().then((a) => a.toQuery(question, vocabulary), failed<unknown>),
    draft: (input) => real().then((a) => a.draft(input), failed<string>),
    check: (input) => real().then((a) => a.check(input), failed<unknown>),
  };
  made.set(config, assistant);
  return assistant;
}
