/**
 * The query tool the AI assistant calls (prompts/ask/actions.json): its arguments are checked here like any
 * input at the edge, and every name must be one of the plan's; otherwise there is no answer, never a guess.
 */
import { z } from 'zod';
import { EMPTY_QUERY, type Query } from '../../domain/ask';
import type { Quarter } from '../../domain/quarter';
import type { Vocabulary } from '../../domain/question';

const quarterText = z.string().regex(/^\s*(?:(\d{4})\s*\/\s*\d{2}\s*)?Q([1-4])\s*$/i);

export const queryArgsSchema = z
  .object({
    kind: z.enum(['activity', 'kpi', 'any']).optional(),
    ratings: z
      .array(z.enum(['red', 'amber', 'green']))
      .max(3)
      .optional(),
    outcome: z.number().int().min(1).max(50).optional(),
    supporting_outcome: z
      .string()
      .regex(/^\d+\.\d+$/)
      .optional(),
    function: z.string().max(100).optional(),
    district: z.string().max(100).optional(),
    service: z.string().max(100).optional(),
    quarter: quarterText.optional(),
    outstanding: z.boolean().optional(),
    late: z.boolean().optional(),
    changed_since: quarterText.optional(),
    change: z.enum(['worse', 'better']).optional(),
    kpis_off_target: z.boolean().optional(),
  })
  .strict();

function quarterOf(text: string | undefined, latest: Quarter): Quarter | undefined {
  const m = text ? /^\s*(?:(\d{4})\s*\/\s*\d{2}\s*)?Q([1-4])\s*$/i.exec(text) : null;
  if (!m) return undefined;
  return { startYear: m[1] ? Number(m[1]) : latest.startYear, q: Number(m[2]) as Quarter['q'] };
}

/** A name as the plan spells it, or undefined when the plan has no such name. */
function known(name: string | undefined, names: readonly string[]): string | undefined | false {
  if (name === undefined || name.trim() === '') return undefined;
  return names.find((n) => n.toLowerCase() === name.trim().toLowerCase()) ?? false;
}

/** The tool's arguments as a query; undefined when they are malformed or name what the plan does not have. */
export function queryFromArgs(args: unknown, vocabulary: Vocabulary): Query | undefined {
  const parsed = queryArgsSchema.safeParse(args);
  if (!parsed.success) return undefined;
  const a = parsed.data;
  const fn = known(a.function, vocabulary.functions);
  const district = known(a.district, vocabulary.districts);
  const byName = a.service
    ? vocabulary.services.find((s) =>
        [s.key, s.name].some((n) => n.toLowerCase() === a.service?.trim().toLowerCase()),
      )
    : undefined;
  if (fn === false || district === false || (a.service && !byName)) return undefined;
  return {
    ...EMPTY_QUERY,
    kind: a.kpis_off_target ? 'kpi' : (a.kind ?? 'any'),
    ratings: [...new Set(a.ratings ?? [])],
    outcome: a.outcome,
    supportingOutcome: a.supporting_outcome,
    function: fn,
    district,
    service: byName?.key,
    quarter: quarterOf(a.quarter, vocabulary.latest),
    outstanding: a.outstanding ?? false,
    late: a.late ?? false,
    changedSince: a.changed_since
      ? quarterOf(a.changed_since, vocabulary.latest)
      : a.change
        ? 'previous'
        : undefined,
    change: a.change,
    offTarget: a.kpis_off_target ?? false,
  };
}
