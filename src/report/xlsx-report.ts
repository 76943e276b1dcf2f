/**
 * The committee pack as an Excel workbook (exceljs): one sheet per outcome and one for KPIs and
 * indicators; RAG in words and as the cell's fill (Excel's own good / neutral / bad fills, dark text);
 * the earlier quarters' ratings as trend columns; the header row frozen and filters on. Each cell holds
 * what the JSON report holds (numbers as numbers), so the two agree cell by cell.
 */
import ExcelJS from 'exceljs';
import type { Digest } from '../domain/digest';
import { RAG_LABEL, type Rag } from '../domain/rag';
import type { YearReport } from '../domain/year';

/** Earlier quarters' ratings of each item, oldest first ('none': in the plan, not returned). */
export interface TrendColumns {
  readonly labels: readonly string[];
  ratings(kind: 'activity' | 'kpi', id: string): readonly (Rag | 'none' | undefined)[];
}

const FILL: Record<Rag, { fill: string; font: string }> = {
  green: { fill: 'FFC6EFCE', font: 'FF006100' },
  amber: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  red: { fill: 'FFFFC7CE', font: 'FF9C0006' },
};

export const ratingWord = (r: Rag | 'none' | undefined): string =>
  r === undefined ? '' : r === 'none' ? 'Not returned' : RAG_LABEL[r].word;

type Cell = string | number | undefined;

function sheet(
  book: ExcelJS.Workbook,
  name: string,
  header: readonly string[],
  rows: readonly Cell[][],
): void {
  const ws = book.addWorksheet(name.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31), {
    views: [{ state: 'frozen', ySplit: 1 }],
  });
  ws.addRow([...header]);
  ws.getRow(1).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((c) => c ?? null));
  ws.autoFilter = {
    from: { row: 1, column: 1 },
    to: { row: Math.max(1, rows.length + 1), column: header.length },
  };
  ws.columns.forEach((column, i) => {
    const longest = Math.max(header[i]?.length ?? 8, ...rows.map((r) => String(r[i] ?? '').length));
    column.width = Math.min(60, Math.max(10, longest + 2));
  });
  // A rating cell: its word, and the fill of its colour.
  ws.eachRow((row, n) => {
    if (n === 1) return;
    row.eachCell((cell) => {
      const rag = (['Green', 'Amber', 'Red'] as const).indexOf(cell.value as 'Green');
      if (rag < 0) return;
      const colour = FILL[(['green', 'amber', 'red'] as const)[rag] as Rag];
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colour.fill } };
      cell.font = { color: { argb: colour.font } };
    });
    row.alignment = { vertical: 'top' };
  });
}

async function done(book: ExcelJS.Workbook, title: string): Promise<Buffer> {
  book.creator = 'RAG Chaser';
  book.title = title;
  return Buffer.from(await book.xlsx.writeBuffer());
}

export const OUTCOME_HEADER = [
  'Supporting outcome',
  'Activity id',
  'Activity',
  'Function',
  'Districts',
  'Owner',
  'Rating',
  'Commentary',
  'Evidence',
  'Late',
  'Previous rating',
  'Direction of travel',
] as const;

export const KPI_HEADER = [
  'Kind',
  'Ref',
  'Description',
  'Unit',
  'Value',
  'Rating or band',
  'Floor',
  'Target',
  'Lower',
  'Upper',
  'Previous value',
  'Direction of travel',
  'Late',
  'Note',
] as const;

/** A quarter's committee pack. */
export function quarterWorkbook(d: Digest, trend: TrendColumns): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const earlier = trend.labels.map((l) => `${l} rating`);
  for (const o of d.outcomes)
    sheet(
      book,
      `Outcome ${o.number}`,
      [...OUTCOME_HEADER, ...earlier],
      o.supportingOutcomes.flatMap((so) =>
        so.activities.map((a) => [
          `${so.number} ${so.title}`,
          a.id,
          a.text,
          a.function,
          a.districts.join('; '),
          a.owner,
          a.rag ? ratingWord(a.rag) : 'Not returned',
          a.commentary,
          a.evidence,
          a.late ? 'yes' : '',
          ratingWord(a.previous),
          a.travel ?? '',
          ...trend.ratings('activity', a.id).map(ratingWord),
        ]),
      ),
    );
  sheet(
    book,
    'KPIs',
    [...KPI_HEADER, ...earlier],
    [
      ...d.kpis.map((k) => [
        'KPI',
        k.ref,
        k.description,
        k.unit,
        k.value,
        k.value === undefined ? 'Not returned' : ratingWord(k.rag),
        k.floor,
        k.target,
        undefined,
        undefined,
        k.previousValue,
        k.travel ?? '',
        k.late ? 'yes' : '',
        k.note,
        ...trend.ratings('kpi', k.ref).map(ratingWord),
      ]),
      ...d.indicators.map((i) => [
        'Indicator',
        i.ref,
        i.description,
        i.unit,
        i.value,
        i.band ?? (i.value === undefined ? 'Not returned' : ''),
        undefined,
        undefined,
        i.lower,
        i.upper,
        i.previousValue,
        i.travel ?? '',
        i.late ? 'yes' : '',
        i.note,
        ...trend.ratings('kpi', i.ref).map(ratingWord),
      ]),
    ],
  );
  return done(book, `${d.plan}: ${d.quarter}`);
}

/** A year's (or half year's) pack: each item's rating per quarter, and the trend. */
export function yearWorkbook(y: YearReport): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const o of y.outcomes)
    sheet(
      book,
      `Outcome ${o.id}`,
      ['Supporting outcome', 'Activity id', 'Activity', ...y.quarters, 'Trend'],
      o.supportingOutcomes.flatMap((so) =>
        so.items.map((a) => [
          `${so.id} ${so.title}`,
          a.id,
          a.title,
          ...a.ratings.map((r, i) => (a.inPlan[i] ? (r ? ratingWord(r) : 'Not returned') : '')),
          a.trend,
        ]),
      ),
    );
  sheet(
    book,
    'KPIs',
    ['Ref', 'Description', ...y.quarters.flatMap((q) => [`${q} value`, `${q} rating`]), 'Trend'],
    y.kpis.map((k) => [
      k.ref,
      k.description,
      ...k.quarters.flatMap((q) => [
        q?.value,
        q ? (q.value === undefined ? 'Not returned' : ratingWord(q.rag)) : '',
      ]),
      k.trend,
    ]),
  );
  return done(book, `${y.plan}: ${y.title}`);
}
