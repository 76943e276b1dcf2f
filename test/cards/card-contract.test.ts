/**
 * The card contract (src/cards/actions.ts) against the templates and the bot's handlers: a verb renamed in
 * a template, a handler without a template, or an action's data or input ids drifting fail here, not in
 * front of an owner as "Unknown action".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CARD_ACTIONS, CARD_VERBS } from '../../src/cards/actions';
import { CARD_HANDLERS } from '../../src/bot/card-verbs';

const CARDS = join(__dirname, '../../src/cards');
type Json = Record<string, unknown>;

interface Found {
  readonly verbs: { verb: string; dataKeys: string[] }[];
  readonly inputs: string[];
}

function walk(node: unknown, found: Found): Found {
  if (Array.isArray(node)) node.forEach((n) => walk(n, found));
  else if (node && typeof node === 'object') {
    const o = node as Json;
    const data = (o.data ?? {}) as Json;
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
    if (o.type === 'Action.Execute') found.verbs.push({ verb: text(o.verb), dataKeys: Object.keys(data) });
    if (o.type === 'Action.Submit' && data.verb !== undefined)
      found.verbs.push({ verb: text(data.verb), dataKeys: Object.keys(data).filter((k) => k !== 'verb') });
    if (typeof o.type === 'string' && o.type.startsWith('Input.')) found.inputs.push(text(o.id));
    Object.values(o).forEach((v) => walk(v, found));
  }
  return found;
}

/** Every disagreement between the templates and the contract, in words. */
function problems(templates: Readonly<Record<string, unknown>>): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const [name, json] of Object.entries(templates)) {
    const { verbs, inputs } = walk(json, { verbs: [], inputs: [] });
    for (const { verb, dataKeys } of verbs) {
      seen.add(verb);
      const declared = CARD_ACTIONS[verb as keyof typeof CARD_ACTIONS] as
        (typeof CARD_ACTIONS)[keyof typeof CARD_ACTIONS] | undefined;
      if (!declared) {
        out.push(`${name}: verb "${verb}" has no handler`);
        continue;
      }
      if (declared.template !== name)
        out.push(`${name}: verb "${verb}" is declared for ${declared.template}`);
      const shape = Object.keys(declared.data.shape);
      for (const key of dataKeys)
        if (!shape.includes(key)) out.push(`${name}: ${verb} sends "${key}", not in its schema`);
    }
    // A per-item input's id carries the item's number: `commentary_${n}`.
    const expected = new Set<string>(
      Object.values(CARD_ACTIONS)
        .filter((a) => a.template === name)
        .flatMap((a) => a.inputs.map((i) => (a.perItem ? `${i}_\${n}` : i))),
    );
    const shown = (id: string) => id.replace(/_\$\{n\}$/, '');
    for (const id of inputs)
      if (!expected.has(id)) out.push(`${name}: input "${shown(id)}" belongs to no verb`);
    for (const id of expected) if (!inputs.includes(id)) out.push(`${name}: input "${shown(id)}" is missing`);
  }
  for (const verb of CARD_VERBS) if (!seen.has(verb)) out.push(`handler "${verb}" appears in no template`);
  return out;
}

const templates = Object.fromEntries(
  readdirSync(CARDS)
    .filter((f) => f.endsWith('.json'))
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(CARDS, f), 'utf8')) as unknown]),
);

describe('card contract', () => {
  it('every template verb has a handler, every handler a template; data and input ids as declared', () => {
    expect(problems(templates)).toEqual([]);
    expect(Object.keys(CARD_HANDLERS).sort()).toEqual([...CARD_VERBS].sort());
  });

  it('a verb renamed in a template, or an input id changed, is caught', () => {
    const renamed = JSON.parse(
      JSON.stringify(templates)
        .replace(/"verb":"amendReturn"/g, '"verb":"amendAnswer"')
        .replace('"reason_${n}"', '"why_${n}"'),
    ) as Record<string, unknown>;
    expect(problems(renamed)).toEqual([
      'chase-card: verb "amendAnswer" has no handler',
      'chase-card: verb "amendAnswer" has no handler',
      'digest-review: input "why" belongs to no verb',
      'digest-review: input "reason" is missing',
      'handler "amendReturn" appears in no template',
    ]);
  });
});
