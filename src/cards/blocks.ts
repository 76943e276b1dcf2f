/** Small builders for cards written as JSON (not templates): a text block, and lines of plain text runs. */

/** A TextBlock: for our own words (it is read as Markdown). */
export const block = (text: string, extra: Record<string, unknown> = {}) => ({
  type: 'TextBlock',
  text,
  wrap: true,
  ...extra,
});

/** Lines as TextRuns of one RichTextBlock: for anything people or files wrote (never read as Markdown). */
export const runs = (lines: readonly string[], extra: Record<string, unknown> = {}) => ({
  type: 'RichTextBlock',
  spacing: 'Small',
  inlines: lines.map((text, i) => ({
    type: 'TextRun',
    text: i < lines.length - 1 ? `${text}\n` : text,
    ...extra,
  })),
});
