/**
 * Use case: the performance dashboard of one service over a range of quarters, for the person asking.
 * Who sees what is Ask's rule: a manager of the service or a performance lead sees the current returns;
 * a member of the service's registered SMT team sees published quarters only (as published); anyone
 * else is refused. A published quarter never changes, so its compiled digest is kept in memory.
 */
import { EMPTY_QUERY, rowsOf, type Query } from '../../domain/ask';
import type { Cycle } from '../../domain/cycle';
import { compileDashboard, type DashboardQuarter, type DashboardView } from '../../domain/dashboard';
import type { Digest } from '../../domain/digest';
import { NotAuthorisedError, ValidationError } from '../../domain/errors';
import {
  compareQuarters,
  formatQuarter,
  previousQuarter,
  quarterKey,
  type Quarter,
} from '../../domain/quarter';
import { parseQuestion, type Vocabulary } from '../../domain/question';
import { vocabularyOf, type AskDeps } from '../ask/ask';
import { loadDigest } from '../digest/digest';

/** Who is looking, with the roles the entry point resolved; `smtMember` asks Teams, once per request. */
export interface DashboardViewer {
  readonly upn: string;
  readonly lead: boolean;
  readonly managerOf: readonly string[];
  readonly smtMember: () => Promise<boolean>;
}

export interface DashboardInput {
  readonly viewer: DashboardViewer;
  readonly service: { readonly key: string; readonly name: string; readonly deps: AskDeps };
  readonly from?: Quarter | undefined;
  readonly to?: Quarter | undefined;
  readonly filter?: Query | undefined;
  /** A question as Ask takes it; its filter replaces `filter`. */
  readonly question?: string | undefined;
  readonly page?: number | undefined;
  /** Only the items behind one quarter's counts (its key). */
  readonly itemsIn?: string | undefined;
}

export interface DashboardResult extends DashboardView {
  readonly service: { readonly key: string; readonly name: string };
  readonly view: 'current' | 'published';
  readonly filter: Query;
  /** Every quarter the viewer may see, oldest first (for choosing a range). */
  readonly available: readonly { readonly key: string; readonly label: string }[];
  /** The districts, functions and owners of the plan, for the filters. */
  readonly choices: { readonly districts: string[]; readonly functions: string[]; readonly owners: string[] };
  /** What a question was understood as, or why it was not. */
  readonly question?: { readonly ok: boolean; readonly message: string } | undefined;
}

export const MAX_QUARTERS = 12;

/** Compiled published quarters: the record is final, so the same digest serves every later request. */
export class PublishedCache {
  private readonly digests = new Map<string, Promise<Digest>>();
  constructor(private readonly limit = 200) {}

  get(key: string, load: () => Promise<Digest>): Promise<Digest> {
    const found = this.digests.get(key);
    if (found) return found;
    const loading = load().catch((error: unknown) => {
      this.digests.delete(key);
      throw error;
    });
    if (this.digests.size >= this.limit) this.digests.delete(this.digests.keys().next().value as string);
    this.digests.set(key, loading);
    return loading;
  }
}

async function viewOf(input: Pick<DashboardInput, 'viewer' | 'service'>): Promise<'current' | 'published'> {
  const { viewer, service } = input;
  if (viewer.lead || viewer.managerOf.includes(service.key)) return 'current';
  if (await viewer.smtMember()) return 'published';
  throw new NotAuthorisedError(
    `Only managers of ${service.name || 'this service'}, performance leads and members of its SMT team see its dashboard.`,
  );
}

/** The quarters the viewer may see in the range asked for (default: the last four and the same one a year before). */
export async function readQuarters(
  input: Pick<DashboardInput, 'viewer' | 'service' | 'from' | 'to'>,
  cache: PublishedCache,
): Promise<{
  view: 'current' | 'published';
  latest: Quarter | undefined;
  available: { key: string; label: string }[];
  quarters: (DashboardQuarter & { readonly cycle: Cycle; readonly publishedAt?: string | undefined })[];
}> {
  const view = await viewOf(input);
  const { deps } = input.service;
  const cycles = await deps.cycles.all();
  const stamps = await Promise.all(cycles.map((c) => deps.digests.published(c.key)));
  const visible = cycles
    .map((cycle, i) => ({ cycle, published: stamps[i] }))
    .filter((c) => view === 'current' || c.published)
    .sort((a, b) => compareQuarters(a.cycle.quarter, b.cycle.quarter));
  const latest = visible.at(-1)?.cycle.quarter;
  const to = input.to ?? latest;
  let from = input.from;
  if (!from && to) {
    from = to;
    for (let i = 0; i < 4; i += 1) from = previousQuarter(from);
  }
  if (from && to && compareQuarters(from, to) > 0)
    throw new ValidationError('The range starts after it ends: give "from" before "to".');
  const inRange = visible.filter(
    (c) =>
      from && to && compareQuarters(c.cycle.quarter, from) >= 0 && compareQuarters(c.cycle.quarter, to) <= 0,
  );
  if (inRange.length > MAX_QUARTERS)
    throw new ValidationError(`Ask for at most ${MAX_QUARTERS} quarters at a time (three years).`);
  const label = { key: input.service.key, name: input.service.name };
  const quarters = await Promise.all(
    inRange.map(async ({ cycle, published }) => {
      const digest = published
        ? await cache.get(`${input.service.key}|${cycle.key}|${published.at}`, () =>
            loadDigest(deps, cycle, { asAt: published.at }),
          )
        : await loadDigest(deps, cycle);
      return {
        cycle,
        publishedAt: published?.at,
        key: cycle.key,
        label: cycle.label,
        state: published ? ('published' as const) : ('current' as const),
        digest,
        rows: rowsOf(digest, label),
      };
    }),
  );
  const available = visible.map((c) => ({ key: c.cycle.key, label: c.cycle.label }));
  return { view, latest, available, quarters };
}

export async function loadDashboard(input: DashboardInput, cache: PublishedCache): Promise<DashboardResult> {
  const { view, latest, available, quarters } = await readQuarters(input, cache);
  const vocabulary = latest ? await vocabularyOf([seenOf(input)], latest) : undefined;
  const { filter, question } = filterOf(
    input,
    quarters.map((q) => q.cycle),
    vocabulary,
  );
  // A question is answered about one quarter, as Ask answers it: the one it names, else the latest.
  const asked = question?.ok ? (filter.quarter ?? latest) : undefined;
  const itemsIn = input.itemsIn ?? (asked ? quarterKey(asked) : undefined);
  const shown = compileDashboard(quarters, filter, { page: input.page, itemsIn });
  const sorted = (xs: readonly string[] = []) => [...xs].sort((a, b) => a.localeCompare(b));
  return {
    ...shown,
    service: { key: input.service.key, name: input.service.name },
    view,
    filter,
    question,
    available,
    choices: {
      districts: sorted(vocabulary?.districts),
      functions: sorted(vocabulary?.functions),
      owners: sorted(vocabulary?.owners),
    },
  };
}

const seenOf = (input: DashboardInput) => ({
  service: { key: input.service.key, name: input.service.name, deps: input.service.deps },
  cycles: new Map(),
});

function filterOf(
  input: DashboardInput,
  cycles: readonly Cycle[],
  vocabulary: Vocabulary | undefined,
): { filter: Query; question?: { ok: boolean; message: string } } {
  const typed = input.question?.trim();
  if (!typed || !vocabulary) return { filter: input.filter ?? EMPTY_QUERY };
  const parsed = parseQuestion(typed.slice(0, 500), vocabulary);
  if (!parsed.ok)
    return {
      filter: input.filter ?? EMPTY_QUERY,
      question: {
        ok: false,
        message: `I did not understand "${parsed.unknown.slice(0, 5).join(' ').slice(0, 80)}": try "reds in Dover" or "what is late".`,
      },
    };
  const asked = parsed.query.quarter;
  const outside = asked && !cycles.some((c) => quarterKey(c.quarter) === quarterKey(asked));
  return {
    filter: narrowed(parsed.query, input.filter),
    question: {
      ok: true,
      message: outside
        ? `${formatQuarter(asked)} is outside the quarters shown: change the range to see it.`
        : 'Showing what that question asks for.',
    },
  };
}

/** The question's filter, narrowed by what was also chosen (a count clicked: its rating, late, kind). */
function narrowed(asked: Query, chosen: Query | undefined): Query {
  if (!chosen) return asked;
  return {
    ...asked,
    kind: chosen.kind !== 'any' ? chosen.kind : asked.kind,
    ratings: chosen.ratings.length ? chosen.ratings : asked.ratings,
    outcome: chosen.outcome ?? asked.outcome,
    supportingOutcome: chosen.supportingOutcome ?? asked.supportingOutcome,
    function: chosen.function ?? asked.function,
    district: chosen.district ?? asked.district,
    owner: chosen.owner ?? asked.owner,
    late: chosen.late || asked.late,
    outstanding: chosen.outstanding || asked.outstanding,
  };
}

/** A performance lead's view: each service's quarters side by side (counts only). */
export async function compareServices(
  input: {
    readonly viewer: DashboardViewer;
    readonly services: readonly DashboardInput['service'][];
    readonly from?: Quarter | undefined;
    readonly to?: Quarter | undefined;
  },
  cache: PublishedCache,
): Promise<{ key: string; name: string; quarters: DashboardResult['quarters'] }[]> {
  if (!input.viewer.lead)
    throw new NotAuthorisedError('Only performance leads see every service side by side.');
  return Promise.all(
    input.services.map(async (service) => {
      const { quarters } = await readQuarters({ ...input, service }, cache);
      return {
        key: service.key,
        name: service.name,
        quarters: compileDashboard(quarters, EMPTY_QUERY, { pageSize: 1 }).quarters,
      };
    }),
  );
}
