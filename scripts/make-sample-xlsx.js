#!/usr/bin/env node
'use strict';
// Writes samples/lra-2016-17/*.xlsx from the CSVs, for service managers who keep the plan in Excel.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { parse } = require('csv-parse/sync');
const writeXlsxFile = require('write-excel-file/node').default;

const dir = join(__dirname, '..', 'samples', 'lra-2016-17');
(async () => {
  const sheets = [];
  for (const name of ['activities', 'kpis']) {
    const rows = parse(readFileSync(join(dir, `${name}.csv`), 'utf8'));
    const data = rows.map((row, i) =>
      row.map((value) =>
        i > 0 && /^-?\d+(\.\d+)?$/.test(value)
          ? { type: Number, value: Number(value) }
          : { type: String, value, fontWeight: i === 0 ? 'bold' : undefined },
      ),
    );
    await writeXlsxFile(data).toFile(join(dir, `${name}.xlsx`));
    console.log(`samples/lra-2016-17/${name}.xlsx: ${rows.length - 1} rows`);
    sheets.push({ data, sheet: name === 'kpis' ? 'KPIs' : 'Activities' });
  }
  // The whole plan as one workbook, as a service manager keeps it: an activities sheet and a KPIs sheet.
  await writeXlsxFile(sheets).toFile(join(dir, 'plan.xlsx'));
  console.log('samples/lra-2016-17/plan.xlsx: activities and KPIs sheets');
})();
