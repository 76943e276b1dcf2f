/**
 * The digest's picture: a stacked bar per outcome (Green, Amber, Red, not returned), each drawn as a PNG
 * data URI. Colour is never the only carrier: the card states the counts in words beside it, and the
 * image has alt text.
 */
import type { RagCounts } from '../domain/rag';
import { encodePng, type Rgba } from './png';

const COLOURS: Record<keyof RagCounts, Rgba> = {
  green: [0x10, 0x7c, 0x41, 255],
  amber: [0xf2, 0xa9, 0x00, 255],
  red: [0xd1, 0x34, 0x38, 255],
  notReturned: [0xa1, 0x9f, 0x9d, 255],
};
const ORDER: readonly (keyof RagCounts)[] = ['green', 'amber', 'red', 'notReturned'];
const WIDTH = 360;
const BAR = 18;
const GAP = 10;

export function ragBars(rows: readonly RagCounts[]): string {
  const height = rows.length * (BAR + GAP) + GAP;
  const png = encodePng(WIDTH, height, (x, y) => {
    const index = Math.floor((y - GAP / 2) / (BAR + GAP));
    const within = y - GAP / 2 - index * (BAR + GAP);
    const row = rows[index];
    if (!row || within < GAP / 2 || within > GAP / 2 + BAR) return [255, 255, 255, 0];
    const total = ORDER.reduce((n, k) => n + row[k], 0) || 1;
    let edge = 0;
    for (const k of ORDER) {
      edge += (row[k] / total) * WIDTH;
      // A 1px white gap between segments keeps them apart for people who cannot tell the colours.
      if (x < edge - 1) return COLOURS[k];
      if (x < edge) return [255, 255, 255, 255];
    }
    return [255, 255, 255, 0];
  });
  return `data:image/png;base64,${png.toString('base64')}`;
}

export function barsAltText(labels: readonly string[], rows: readonly RagCounts[]): string {
  return rows
    .map(
      (r, i) =>
        `${labels[i] ?? ''}: ${r.green} Green, ${r.amber} Amber, ${r.red} Red, ${r.notReturned} not returned`,
    )
    .join('. ');
}
