#!/usr/bin/env node
'use strict';
// Draws the app icons (a traffic light: red, amber, green) as PNGs with Node's zlib. Run once; the PNGs are committed.
const { deflateSync } = require('node:zlib');
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, pixel) {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4);
    for (let x = 0; x < size; x++) row.set(pixel(x + 0.5, y + 0.5), 1 + x * 4);
    rows.push(row);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
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
