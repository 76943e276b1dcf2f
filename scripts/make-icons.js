#!/usr/bin/env node
'use strict';
// Draws the app icons (a traffic light: red, amber, green) as PNGs with Node's zlib. Run once; the PNGs are committed.
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

// The encoder is the app's own (src/cards/png.ts): run `npm run build` first.
const { encodePng } = require('../dist/cards/png.js');
const png = (size, pixel) => encodePng(size, size, pixel);
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return inCircle(x, y, cx, cy, r);
};
// Colour icon 192x192: teal tile, dark housing, three lamps.
const colour = png(192, (x, y) => {
  const lamps = [
    [52, [0xd1, 0x34, 0x38]],
    [96, [0xf2, 0xa9, 0x00]],
    [140, [0x10, 0x7c, 0x41]],
  ];
  for (const [cy, rgb] of lamps) if (inCircle(x, y, 96, cy, 17)) return [...rgb, 255];
  if (inRoundRect(x, y, 64, 24, 128, 168, 22)) return [0x1f, 0x29, 0x37, 255];
  return [0x0f, 0x6c, 0xbd, 255];
});
// Outline icon 32x32: white outline on transparent, as Teams requires.
const outline = png(32, (x, y) => {
  const ring = (cx, cy) => inCircle(x, y, cx, cy, 3.6) && !inCircle(x, y, cx, cy, 2.2);
  const housing = inRoundRect(x, y, 10, 2, 22, 30, 4) && !inRoundRect(x, y, 11.5, 3.5, 20.5, 28.5, 3);
  return housing || ring(16, 9) || ring(16, 16) || ring(16, 23) ? [255, 255, 255, 255] : [0, 0, 0, 0];
});
const dir = join(__dirname, '..', 'appPackage');
writeFileSync(join(dir, 'color.png'), colour);
writeFileSync(join(dir, 'outline.png'), outline);
console.log('appPackage/color.png (192x192) and appPackage/outline.png (32x32) written');
