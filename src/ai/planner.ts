/**
 * The assistant through @microsoft/teams-ai (AI_ENDPOINT), loaded by ai/assistant.ts on first use: an ActionPlanner over the prompts in `prompts/`
 * (the query tool in `prompts/ask/actions.json`) and an OpenAIModel, for Azure OpenAI with the managed
 * identity or any OpenAI-compatible endpoint with a key. Nothing of a prompt or an answer is logged here;
 * the model's own error logging is off.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { join } from 'node:path';
import { getBearerTokenProvider, DefaultAzureCredential } from '@azure/identity';
import { ActionPlanner, OpenAIModel, PromptManager, type PromptCompletionModel } from '@microsoft/teams-ai';
import { BotAdapter, TurnContext, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type {
  CheckInput,
  Assistant,
  AssistantFailure,
  AssistantResult,
  AssistantVocabulary,
  DraftInput,
} from '../app/ports';
import type { Config } from '../config';
import { MapMemory } from './memory';

/** The prompts folder: `prompts/` at the root of the app (next to `dist/`, and in the deployment zip). */
export const PROMPTS = join(__dirname, '..', '..', 'prompts');

/** The model runs outside any conversation: a turn context that can send nothing. */
class NoConversation extends BotAdapter {
  sendActivities(): Promise<ResourceResponse[]> {
    return Promise.reject(new Error('the assistant sends nothing'));
  }
  updateActivity(): Promise<undefined> {
    return Promise.reject(new Error('the assistant sends nothing'));
  }
  deleteActivity(): Promise<void> {
    return Promise.reject(new Error('the assistant sends nothing'));
  }
  continueConversation(_reference: Partial<ConversationReference>): Promise<void> {
    return Promise.resolve();
  }
}

const turn = () => new TurnContext(new NoConversation(), { type: 'message' });

/**
 * teams-ai's model reports a failed call as a status and a generic error; what the endpoint said (a content
 * filter) is seen here, on the way back, for the call in hand.
 */
const call = new AsyncLocalStorage<{ filtered: boolean }>();
export const observingFetch = async (
  input: string | URL | Request,
  init?: RequestInit,
): Promise<Response> => {
  const response = await fetch(input, init);
  if (response.status === 400 || response.status === 403) {
    const body = await response
      .clone()
      .text()
      .catch(() => '');
    const seen = call.getStore();
    if (seen && /content_filter|ResponsibleAIPolicyViolation/i.test(body)) seen.filtered = true;
  }
  return response;
};

function failureOf(status: string, filtered: boolean, tookMs: number, timeoutMs: number): AssistantFailure {
  if (status === 'rate_limited') return 'throttled';
  if (filtered) return 'filtered';
  if (tookMs >= timeoutMs - 50) return 'timeout';
  return 'error';
}

export class TeamsAiAssistant implements Assistant {
  private readonly planner: ActionPlanner;

  constructor(
    model: PromptCompletionModel,
    private readonly timeoutMs = 20_000,
    promptsFolder = PROMPTS,
  ) {
    this.planner = new ActionPlanner({
      model,
      prompts: new PromptManager({ promptsFolder }),
      defaultPrompt: 'ask',
      max_repair_attempts: 0,
    });
  }

  private async complete(
    prompt: 'ask' | 'draft' | 'check',
    input: string,
    values: Record<string, string>,
  ): Promise<AssistantResult<{ content: string; calls: { name: string; arguments: string }[] }>> {
    const memory = new MapMemory({
      'temp.input': input,
      ...Object.fromEntries(Object.entries(values).map(([k, v]) => [`temp.${k}`, v])),
    });
    const seen = { filtered: false };
    const started = Date.now();
    try {
      const response = await call.run(seen, () => this.planner.completePrompt(turn(), memory, prompt));
      if (response.status !== 'success' || !response.message)
        return {
          ok: false,
          failure: failureOf(response.status, seen.filtered, Date.now() - started, this.timeoutMs),
        };
      const calls = (response.message.action_calls ?? []).map((c) => ({
        name: c.function.name,
        arguments: c.function.arguments,
      }));
      return { ok: true, value: { content: response.message.content ?? '', calls } };
    } catch {
      return { ok: false, failure: failureOf('error', seen.filtered, Date.now() - started, this.timeoutMs) };
    }
  }

  async toQuery(question: string, vocabulary: AssistantVocabulary): Promise<AssistantResult<unknown>> {
    const result = await this.complete('ask', question, {
      districts: vocabulary.districts.join('; '),
      functions: vocabulary.functions.join('; '),
      services: vocabulary.services.join('; '),
      latest: vocabulary.latestQuarter,
    });
    if (!result.ok) return result;
    const call = result.value.calls.find((c) => c.name === 'query_returns');
    if (!call) return { ok: false, failure: 'no-tool' };
    try {
      return { ok: true, value: JSON.parse(call.arguments || '{}') as unknown };
    } catch {
      return { ok: false, failure: 'error' };
    }
  }

  async check(input: CheckInput): Promise<AssistantResult<unknown>> {
    const result = await this.complete('check', JSON.stringify(input), {});
    if (!result.ok) return result;
    // The model may wrap its JSON in a code fence.
    const text = result.value.content.replace(/^\s*```(?:json)?\s*|\s*```\s*$/g, '').trim();
    try {
      return { ok: true, value: JSON.parse(text || '[]') as unknown };
    } catch {
      return { ok: false, failure: 'error' };
    }
  }

  async draft(input: DraftInput): Promise<AssistantResult<string>> {
    const result = await this.complete('draft', JSON.stringify(input), {});
    if (!result.ok) return result;
    const text = result.value.content.trim();
    return text ? { ok: true, value: text } : { ok: false, failure: 'error' };
  }
}

/** The model client for the configured endpoint, and the planner over it. */
export function plannerAssistant(ai: Exclude<Config['ai'], { kind: 'off' }>): Assistant {
  const common = {
    maxRetries: 0,
    clientOptions: { timeout: ai.timeoutMs, maxRetries: 0, fetch: observingFetch },
    logRequests: false,
  };
  const model =
    ai.kind === 'azure'
      ? new OpenAIModel({
          ...common,
          azureEndpoint: ai.endpoint,
          azureDefaultDeployment: ai.model,
          azureApiVersion: '2024-06-01',
          ...(ai.apiKey
            ? { azureApiKey: ai.apiKey }
            : {
                azureADTokenProvider: getBearerTokenProvider(
                  new DefaultAzureCredential(),
                  'https://cognitiveservices.azure.com/.default',
                ),
              }),
        })
      : new OpenAIModel({ ...common, apiKey: ai.apiKey, defaultModel: ai.model, endpoint: ai.endpoint });
  return new TeamsAiAssistant(model, ai.timeoutMs);
}
