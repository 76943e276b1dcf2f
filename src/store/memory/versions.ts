/** Version tokens for the in-memory stores: each write gets a new one, as Table Storage gives a new ETag. */
let counter = 0;

export function nextEtag(): string {
  counter += 1;
  return `W/"mem-${counter}"`;
}

/** A deep copy, so callers never share state with the store (as with a real round trip). */
export function copy<T>(value: T): T {
  return structuredClone(value);
}

/** Table Storage lists rows in key order; so do the in-memory stores. */
export function byKey<T>(entries: Iterable<[string, T]>): T[] {
  return [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
}
