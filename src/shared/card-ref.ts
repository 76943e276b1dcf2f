/**
 * A delivery reference: a short, opaque id of one outbox message carried inside the card it sends, so the
 * card can be found again in the recipient's chat (docs/sending.md, "The one message in flight at a crash").
 * It sits on the card root (`id`) and in the `data` of every Submit/Execute action, because Teams echoes
 * action data back when the card is used: the card the bot returns in place of the old one keeps the
 * reference, and the message can still be recognised after its owner has answered on it.
 */
/** A card as JSON (Adaptive Card), as the cards adapter and the messenger pass it. */
type CardJson = Record<string, unknown>;

export const REF_PATTERN = /^rc-[0-9a-f]{12}$/;

const DATA_ACTIONS = new Set(['Action.Submit', 'Action.Execute']);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function tag(node: unknown, ref: string): unknown {
  if (Array.isArray(node)) return node.map((x) => tag(x, ref));
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) out[key] = tag(value, ref);
  if (typeof node.type === 'string' && DATA_ACTIONS.has(node.type)) {
    if (node.data === undefined) out.data = { ref };
    else if (isObject(out.data)) out.data = { ...out.data, ref };
  }
  return out;
}

/** A copy of the card carrying `ref` (no reference, or a malformed one: the card unchanged). */
export function withRef(card: CardJson, ref: string | undefined): CardJson {
  if (!ref || !REF_PATTERN.test(ref)) return card;
  return { ...(tag(card, ref) as CardJson), id: ref };
}

/** The reference echoed back in a card action's data, if it is well-formed. */
export function refOf(data: unknown): string | undefined {
  const ref = isObject(data) ? data.ref : undefined;
  return typeof ref === 'string' && REF_PATTERN.test(ref) ? ref : undefined;
}
