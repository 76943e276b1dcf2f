/**
 * Use case: answer a question about the returns (domain/question.ts -> domain/ask.ts) over the services
 * the asker may see. In an SMT channel only published digests count, each as it stood when published
 * (answers given after publication are left out); a service manager in chat sees the current returns.
 */
import { describeQuery, rowsOf, runQuery, type AskRow, type Query } from '../../domain/ask';
import type { Cycle } from '../../domain/cycle';
import {
  compareQuarters,
  formatQuarter,
  previousQuarter,
  quarterKey,
  type Quarter,
} from '../../domain/quarter';
import { EXAMPLES, parseQuestion, type Vocabulary } from '../../domain/question';
import { loadDigest } from '../digest/digest';
import { queryFromArgs } from './ask-tools';
import type { AppDeps, Assistant } from '../ports';

export type AskDeps = Pick<
  AppDeps,
  'plans' | 'returns' | 'digests' | 'people' | 'outbox' | 'cycles' | 'zone'
>;

export interface AskService {
  readonly key: string;
  readonly name: string;
  readonly deps: AskDeps;
}

export type AskView = 'published' | 'current';

export type Answer =
  | {
      readonly ok: true;
      /** The query written out with its count. */
      readonly title: string;
      readonly rows: readonly AskRow[];
      readonly query: Query;
      readonly countOnly: boolean;
      readonly several: boolean;
      /** The wording was turned into the query by the AI assistant (the list still comes from the returns). */
      readonly viaAi: boolean;
    }
  | { readonly ok: false; readonly message: string; readonly examples: readonly string[] };

const cannot = (message: string): Answer => ({ ok: false, message, examples: EXAMPLES });

export interface Seen {
  readonly service: AskService;
  readonly cycles: Map<string, { cycle: Cycle; publishedAt?: string | undefined }>;
}

async function visibleCycles(service: AskService, view: AskView): Promise<Seen> {
  const cycles = new Map<string, { cycle: Cycle; publishedAt?: string | undefined }>();
  for (const cycle of await service.deps.cycles.all()) {
    if (view === 'current') {
      cycles.set(cycle.key, { cycle });
      continue;
    }
    const published = await service.deps.digests.published(cycle.key);
    if (published) cycles.set(cycle.key, { cycle, publishedAt: published.at });
  }
  return { service, cycles };
}

async function rowsFor(seen: Seen, quarter: Quarter): Promise<AskRow[] | undefined> {
  const found = seen.cycles.get(quarterKey(quarter));
  if (!found) return undefined;
  const digest = await loadDigest(seen.service.deps, found.cycle, { asAt: found.publishedAt });
  return rowsOf(digest, seen.service);
}

export async function vocabularyOf(seen: readonly Seen[], latest: Quarter): Promise<Vocabulary> {
  const districts = new Set<string>();
  const functions = new Set<string>();
  const owners = new Set<string>();
  const ids = new Set<string>();
  for (const s of seen) {
    const plan = await s.service.deps.plans.load();
    for (const a of plan?.activities ?? []) {
      a.districts.forEach((d) => districts.add(d));
      if (a.function) functions.add(a.function);
      owners.add(a.owner);
      ids.add(a.id);
    }
    for (const m of plan?.measures ?? []) {
      owners.add(m.owner);
      ids.add(m.ref);
    }
  }
  return {
    districts: [...districts],
    functions: [...functions],
    owners: [...owners],
    ids: [...ids],
    services: seen.map((s) => ({ key: s.service.key, name: s.service.name })),
    latest,
  };
}

/** Free wording through the assistant (when configured): a query, or why there is none. */
async function byAssistant(
  assistant: Assistant,
  question: string,
  vocabulary: Vocabulary,
): Promise<{ query: Query } | { failure: string }> {
  const result = await assistant.toQuery(question, {
    districts: vocabulary.districts,
    functions: vocabulary.functions,
    services: vocabulary.services.map((s) => s.name || s.key),
    latestQuarter: formatQuarter(vocabulary.latest),
  });
  if (!result.ok) return { failure: result.failure };
  const query = queryFromArgs(result.value, vocabulary);
  return query ? { query } : { failure: 'no-tool' };
}

const AI_FAILURE: Record<string, string> = {
  timeout: 'The AI service did not answer in time.',
  throttled: 'The AI service is busy (429).',
  filtered: "The AI service's content filter stopped it.",
  error: 'The AI service failed.',
  'no-tool': '',
};

/** The longest question taken: a question is a sentence, and longer texts only cost time. */
export const MAX_QUESTION_CHARS = 500;

/**
 * Answers a question over the services' returns. `mayUseAi` is asked before the assistant is (each
 * person has an allowance of AI calls); without it the assistant is used whenever it is needed.
 */
export async function ask(
  services: readonly AskService[],
  view: AskView,
  question: string,
  assistant?: Assistant,
  mayUseAi: () => Promise<boolean> = () => Promise.resolve(true),
): Promise<Answer> {
  if (question.length > MAX_QUESTION_CHARS)
    return cannot(`Ask in at most ${MAX_QUESTION_CHARS} characters: one question at a time.`);
  const seen = await Promise.all(services.map((s) => visibleCycles(s, view)));
  const quarters = seen.flatMap((s) => [...s.cycles.values()].map((c) => c.cycle.quarter));
  const latest = quarters.sort(compareQuarters).at(-1);
  if (!latest)
    return cannot(
      view === 'published'
        ? 'No digest has been published here yet: questions are answered from published digests.'
        : 'No quarter has been opened yet, so there are no returns to ask about.',
    );
  const vocabulary = await vocabularyOf(seen, latest);
  const parsed = parseQuestion(question, vocabulary);
  let query: Query;
  let countOnly = false;
  let viaAi = false;
  if (parsed.ok) ({ query, countOnly } = parsed);
  else {
    const notUnderstood = `I did not understand "${parsed.unknown.slice(0, 5).join(' ').slice(0, 80)}" in that question.`;
    if (!assistant) return cannot(notUnderstood);
    if (!(await mayUseAi()))
      return cannot(
        `${notUnderstood} You have asked the AI assistant many questions in the last hour: ask again later, or use one of these wordings.`,
      );
    const ai = await byAssistant(assistant, question, vocabulary);
    if ('failure' in ai) return cannot(`${notUnderstood} ${AI_FAILURE[ai.failure] ?? ''}`.trim());
    query = ai.query;
    viaAi = true;
  }
  const quarter = query.quarter ?? latest;
  const scope = seen.filter((s) => !query.service || s.service.key === query.service);
  const since =
    query.changedSince === 'previous' ? previousQuarter(quarter) : (query.changedSince ?? undefined);
  if (since && compareQuarters(since, quarter) >= 0)
    return cannot(
      `${formatQuarter(quarter)} is the latest quarter${view === 'published' ? ' published here' : ''}: a change is asked since an earlier one.`,
    );
  const rows: AskRow[] = [];
  const before: AskRow[] = [];
  let answered = 0;
  for (const s of scope) {
    const now = await rowsFor(s, quarter);
    if (!now) continue;
    answered += 1;
    rows.push(...now);
    if (since) before.push(...((await rowsFor(s, since)) ?? []));
  }
  const label = formatQuarter(quarter);
  if (answered === 0)
    return cannot(
      view === 'published'
        ? `The ${label} digest has not been published yet: ask about a published quarter.`
        : `There are no returns for ${label}.`,
    );
  if (since && before.length === 0)
    return cannot(
      `There is nothing to compare with for ${formatQuarter(since)}${view === 'published' ? ' (not published)' : ''}.`,
    );
  const found = runQuery(query, rows, before);
  return {
    ok: true,
    // The service by its name in the title ("service Customer Services"), not its key.
    title: describeQuery(
      {
        ...query,
        service: scope.find((s) => s.service.key === query.service)?.service.name || query.service,
      },
      label,
      found.length,
      since ? formatQuarter(since) : undefined,
    ),
    rows: found,
    query,
    countOnly,
    several: scope.length > 1,
    viaAi,
  };
}
