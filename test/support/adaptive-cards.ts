/** Validates cards with the official adaptivecards parser (the same library Teams clients render with). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof import('adaptivecards');

export interface CardCheck {
  readonly errors: string[];
  readonly warnings: string[];
  /** At 1.2: actions the client does not know, whose fallback it will use instead. */
  readonly fallbacks: string[];
}

/** Parses at the given schema version and returns every error the parser and validator report. */
export function checkCard(json: object, version: '1.5' | '1.2' = '1.5'): CardCheck {
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext(version === '1.5' ? AC.Versions.v1_5 : AC.Versions.v1_2);
  card.parse(json, ctx);
  const errors: string[] = [];
  const warnings: string[] = [];
  const fallbacks: string[] = [];
  for (let i = 0; i < ctx.eventCount; i++) {
    const e = ctx.getEventAt(i);
    const text = `${AC.ValidationEvent[e.event]}: ${e.message}`;
    if (e.event === AC.ValidationEvent.UnknownActionType && /Fallback will be used/.test(e.message))
      fallbacks.push(text);
    else (e.event === AC.ValidationEvent.UnsupportedProperty ? warnings : errors).push(text);
  }
  for (const e of card.validateProperties().validationEvents) {
    errors.push(`${AC.ValidationEvent[e.event]}: ${e.message}`);
  }
  return { errors, warnings, fallbacks };
}

/** Every input id in a card (incl. show-cards), for uniqueness checks. */
export function inputIds(json: unknown): string[] {
  const ids: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && typeof o.id === 'string')
        ids.push(o.id);
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return ids;
}

/** All text a person would read, joined. */
export function cardText(json: unknown): string {
  const parts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      for (const k of ['text', 'title', 'value', 'label']) if (typeof o[k] === 'string') parts.push(o[k]);
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return parts.join('\n');
}

/** Every Action.Execute in a card, with the type of its fallback (if any). */
export function executeActions(json: unknown): { verb: string; fallback: string | undefined }[] {
  const found: { verb: string; fallback: string | undefined }[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (o.type === 'Action.Execute') {
        const fb = o.fallback as { type?: string; data?: { verb?: string } } | undefined;
        found.push({
          verb: String(o.verb),
          fallback: fb?.type && fb.data?.verb === o.verb ? fb.type : undefined,
        });
      }
      Object.values(o).forEach(walk);
    }
  };
  walk(json);
  return found;
}

/** The data of the first `Action.Execute` with this verb (and, if given, data containing `match`). */
export function executeData(card: object, verb: string, match = ''): Record<string, unknown> {
  let found: Record<string, unknown> | undefined;
  JSON.stringify(card, (_k, v: unknown) => {
    const o = v as { type?: string; verb?: string; data?: Record<string, unknown> } | null;
    if (!found && o?.type === 'Action.Execute' && o.verb === verb && JSON.stringify(o.data).includes(match))
      found = o.data;
    return v;
  });
  if (!found) throw new Error(`no ${verb}${match ? ` with ${match}` : ''} on the card`);
  return found;
}
