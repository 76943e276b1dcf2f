/** Escaping for report output: HTML text and attributes; CSV cells safe from formula injection. */
const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function html(text: string | number | undefined): string {
  return String(text ?? '').replace(/[&<>"']/g, (c) => HTML[c] ?? c);
}

/**
 * A CSV cell: quoted, quotes doubled, and a leading =, +, -, @, tab or carriage return neutralised with a
 * leading apostrophe so a spreadsheet shows it as text instead of running it.
 */
export function csvCell(value: string | number | undefined): string {
  let text = String(value ?? '');
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
}
