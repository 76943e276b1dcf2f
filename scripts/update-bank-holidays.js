#!/usr/bin/env node
'use strict';
// Merges gov.uk's bank-holidays.json (England and Wales) over the shipped list. See docs/bank-holidays.md.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const source = process.argv[2];
if (!source) {
  console.error('Usage: node scripts/update-bank-holidays.js <bank-holidays.json from gov.uk>');
  process.exit(2);
}
const target = join(__dirname, '..', 'src', 'domain', 'data', 'bank-holidays-england-and-wales.json');
const feed = JSON.parse(readFileSync(source, 'utf8'));
const division = feed['england-and-wales'] ?? (feed.division === 'england-and-wales' ? feed : undefined);
if (!division || !Array.isArray(division.events)) {
  console.error('No "england-and-wales" division with events in that file.');
  process.exit(2);
}
const current = JSON.parse(readFileSync(target, 'utf8'));
const years = new Set(division.events.map((e) => e.date.slice(0, 4)));
const kept = current.events.filter((e) => !years.has(e.date.slice(0, 4)));
const events = [...kept, ...division.events].sort((a, b) => a.date.localeCompare(b.date));
writeFileSync(target, `${JSON.stringify({ division: 'england-and-wales', events }, null, 1)}\n`);
console.log(`Wrote ${events.length} bank holidays (${[...years].sort().join(', ')} from the feed).`);
