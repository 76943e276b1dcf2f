/** Shortens what someone typed before it is repeated back in a message, so a reply stays small. */
export function echo(text: string, max = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
