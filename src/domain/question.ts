/**
 * A question in words -> a query (domain/ask.ts), with no AI: the common forms SMT asks ("which Reds are in
 * Dover?", "what changed since Q1?", "who hasn't returned in Archives?", "show me everything on Outcome 2").
 * Every word must be understood: a question with a word that is neither a filter nor a filler word gets
 * "I can't answer that yet", never a list that ignores part of it.
 */
import { EMPTY_QUERY, type Query } from './ask';
import { previousQuarter, type Quarter } from './quarter';
import type { Rag } from './rag';

export interface Vocabulary {
  readonly districts: readonly string[];
  readonly functions: readonly string[];
  readonly owners: readonly string[];
  /** Activity ids and KPI refs, to ask about one item by name. */
  readonly ids?: readonly string[] | undefined;
  readonly services: readonly { readonly key: string; readonly name: string }[];
  /** The quarter a question without one is about; "Q3" alone is in its financial year. */
  readonly latest: Quarter;
}

export type Parsed =
  | { readonly ok: true; readonly query: Query; readonly countOnly: boolean }
  | { readonly ok: false; readonly unknown: readonly string[] };

export const EXAMPLES = [
  'which reds are in Dover?',
  'what changed since Q1?',
  "who hasn't returned in Archives?",
  'show me everything on outcome 2',
  'KPIs off target',
  'late items in 2016/17 Q2',
];

const FILLER = new Set(
  `which what who whose where show me list give tell all every everything anything are is was were be been
  the a an in on for of at by to from with items item activities activity lines line things thing any there
  how many number count has have not yet returned answered submitted rated rating ratings rag status please
  can you i we our and or that this these those do does did owned owner owners under within district
  districts function functions service services team teams quarter quarters so their its it them they
  still what's who's there's current currently now rated as marked with returns return everyone doing going
  getting latest news update updates progress responsible rate report reported say said says owns about
  anything something look looking up been has had one ones right standing stand gone come should`.split(
    /\s+/,
  ),
);

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const QUARTER = String.raw`(?:(\d{4})\s*[/-]\s*(\d{2})\s*[- ]?\s*)?q([1-4])`;

function quarterFrom(year: string | undefined, q: string, latest: Quarter): Quarter {
  return { startYear: year ? Number(year) : latest.startYear, q: Number(q) as Quarter['q'] };
}

/** Takes the first match of `pattern` out of the text (replaced by a space); returns its groups. */
function take(state: { text: string }, pattern: RegExp): RegExpExecArray | undefined {
  const match = pattern.exec(state.text);
  if (!match) return undefined;
  state.text = `${state.text.slice(0, match.index)} ${state.text.slice(match.index + match[0].length)}`;
  return match;
}

/** The longest name of `names` found as whole words, taken out of the text. */
function takeName(state: { text: string }, names: readonly string[]): string | undefined {
  for (const name of [...names].sort((a, b) => b.length - a.length)) {
    if (!name.trim()) continue;
    if (take(state, new RegExp(`(?<![\\w@.-])${escape(name.toLowerCase())}s?(?![\\w@-])`))) return name;
  }
  return undefined;
}

export function parseQuestion(question: string, vocabulary: Vocabulary): Parsed {
  const state = {
    text: ` ${question
      .toLowerCase()
      .replace(/[’‘]/g, "'")
      .replace(/[?!,;:"()]/g, ' ')
      // A possessive names its owner: "area-ops.dover's items".
      .replace(/(\w)'s(?=\s)/g, '$1')} `,
  };
  let query: Query = EMPTY_QUERY;
  const set = (fields: Partial<Query>) => (query = { ...query, ...fields });
  const { latest } = vocabulary;

  // Changes: "changed since Q1", "got worse since last quarter", "what improved".
  const since = take(state, new RegExp(String.raw`\bsince\s+(?:(last|the previous)\s+quarter|${QUARTER})`));
  const changeWord = take(
    state,
    /\b(changed|change|changes|moved|different|(?:got|gotten|get|gets|getting) worse|worse|worsened|worsening|declined|declining|deteriorated|deteriorating|slipped|slipping|improved|improving|improvements?|better|(?:got|get|gets|getting) better)\b/,
  );
  if (since || changeWord) {
    const word = changeWord?.[1] ?? '';
    set({
      changedSince: since?.[1]
        ? 'previous'
        : since?.[4]
          ? quarterFrom(since[2], since[4], latest)
          : 'previous',
      change: /worse|declin|deteriorat|slip/.test(word)
        ? 'worse'
        : /improv|better/.test(word)
          ? 'better'
          : undefined,
    });
  }
  const quarter = take(state, new RegExp(String.raw`\b${QUARTER}\b`));
  if (quarter?.[3]) set({ quarter: quarterFrom(quarter[1], quarter[3], latest) });
  else if (take(state, /\b(last|previous) quarter\b/)) set({ quarter: previousQuarter(latest) });
  else take(state, /\bthis quarter\b/);

  // Starts only where an address can start (the look-behind), so a long run without '@' is read once.
  // Items by name ("how is LRA-1.2.03 doing?", "LRA06 and DT10"), before anything that reads digits.
  const items: string[] = [];
  for (let id = takeName(state, vocabulary.ids ?? []); id; id = takeName(state, vocabulary.ids ?? []))
    items.push(id);
  if (items.length) set({ items });
  // An id that is not in the plan is named as not understood, whole (not read as a supporting outcome).
  const strange = take(state, /\b[a-z]{2,5}-\d+\.\d+\.\d+\b/);
  if (strange) return { ok: false, unknown: [strange[0].toUpperCase()] };
  const email = take(state, /(?<![\w.+-])[\w.+-]+@[\w-]+(\.[\w-]+)+\b/);
  if (email) set({ owner: email[0] });
  const so = take(state, /\b(?:supporting outcome|so)\s*(\d+\.\d+)\b/) ?? take(state, /\b(\d+\.\d+)\b/);
  if (so?.[1]) set({ supportingOutcome: so[1] });
  const outcome = take(state, /\boutcome\s*(\d+)\b/);
  if (outcome?.[1]) set({ outcome: Number(outcome[1]) });

  // Off target before ratings: "KPIs off target", "below target", "not meeting target".
  if (take(state, /\b(off|below|under|missing|not (?:on|at|meeting|hitting)|behind)\s+(the\s+)?targets?\b/))
    set({ offTarget: true, kind: 'kpi' });
  if (take(state, /\b(kpis?|indicators?|measures?|performance indicators?)\b/)) set({ kind: 'kpi' });
  if (take(state, /\b(activities|activity)\b/)) set({ kind: 'activity' });

  const ratings = new Set<Rag>();
  if (take(state, /\b(not green|off track|at risk)\b/))
    ['red', 'amber'].forEach((r) => ratings.add(r as Rag));
  for (const rag of ['red', 'amber', 'green'] as const)
    while (take(state, new RegExp(`\\b${rag}s?\\b`))) ratings.add(rag);
  if (ratings.size) set({ ratings: [...ratings] });

  if (
    take(
      state,
      /\b(outstanding|missing|overdue|not (?:yet )?(?:been )?(?:returned|answered|submitted|in)|(?:hasn't|haven't|hadn't|has not|have not|had not|didn't|did not|yet to|not)\s+(?:been\s+)?(?:returned|answered|submitted|repl(?:ied|y)|respond(?:ed)?|return|answer|submit)|still (?:owe[sd]?|need(?:ed)?|to come in|to come|waiting (?:for|on))|owe[sd]?|(?:waiting|wait) (?:for|on)|needs? chasing|to be chased|to chase|chasing|chase|no return|unanswered|not back|not in yet)\b/,
    )
  )
    set({ outstanding: true });
  if (take(state, /\blate\b/)) set({ late: true });
  // What is left of "returned" after the negative forms above: answered ones ("what has Stock returned?").
  if (!query.outstanding && take(state, /\b(returned|answered|submitted|replied|sent in|handed in)\b/))
    set({ returned: true });
  const countOnly = Boolean(take(state, /\bhow many\b/));

  // Names from the plan and the services: a function before a service of the same name.
  const fn = takeName(state, vocabulary.functions);
  if (fn) set({ function: fn });
  const service = vocabulary.services.find(
    (s) => takeName(state, [s.name]) !== undefined || takeName(state, [s.key]) !== undefined,
  );
  if (service) set({ service: service.key });
  const district = takeName(state, vocabulary.districts);
  if (district) set({ district });
  if (!query.owner) {
    const byLocal = vocabulary.owners.find((o) => takeName(state, [o.split('@')[0] ?? '']) !== undefined);
    if (byLocal) set({ owner: byLocal });
  }

  const unknown = state.text
    .split(/\s+/)
    .map((w) => w.replace(/^[-'.]+|[-'.]+$/g, ''))
    .filter((w) => w && !FILLER.has(w));
  if (unknown.length) return { ok: false, unknown };
  return { ok: true, query, countOnly };
}
