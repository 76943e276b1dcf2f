/**
 * Reading a large key range of one partition in pages side by side. Table Storage answers a range query
 * 1,000 entities a page, each page after the one before: 10,000 answers are ten round trips one after
 * another. Here the first page is read as usual (a small or empty range ends there, in one request); when
 * there is more, the rest is cut at the caller's split keys (e.g. every 1,000th of the plan's item keys)
 * and those ranges are read at most READERS at a time. Whatever the split keys, the ranges together cover
 * the range once, so every row is read exactly once.
 */
import { odata, type TableClient } from '@azure/data-tables';

/** Range reads of one partition in flight at once. */
const READERS = 8;
const PAGE = 1000;

export interface RangeRead<T> {
  readonly partitionKey: string;
  /** Row keys `from` (inclusive) to `to` (exclusive). */
  readonly from: string;
  readonly to: string;
  /** Row keys at which the rest may be cut (any order; outside the range or repeated is fine). */
  readonly splitAt: readonly string[];
  /** The properties read (the row key is read too), and how a row becomes a value. */
  readonly select: readonly string[];
  readonly parse: (entity: Record<string, unknown>) => T;
}

export async function readRange<T>(client: TableClient, read: RangeRead<T>): Promise<T[]> {
  const { partitionKey, from, to } = read;
  const query = (filter: string) =>
    client.listEntities({ queryOptions: { filter, select: [...read.select, 'RowKey'] } });
  const pages = query(
    odata`PartitionKey eq ${partitionKey} and RowKey ge ${from} and RowKey lt ${to}`,
  ).byPage({ maxPageSize: PAGE });
  const firstPage = await pages.next();
  if (firstPage.done) return [];
  const first = firstPage.value.map(read.parse);
  if (!firstPage.value.continuationToken) return first;
  // The rest, after the first page's last key, cut at the split keys above it. The first of those is
  // dropped: it is usually the very next key, which would make the first range empty.
  const after = firstPage.value.at(-1)?.rowKey;
  const cuts =
    after === undefined
      ? []
      : [...new Set(read.splitAt)]
          .filter((k) => k > after && k < to)
          .sort()
          .slice(1);
  if (after === undefined || cuts.length === 0) {
    // Nothing to read side by side (no split key past the first page, or Table Storage answered an empty
    // page that says there is more): read on, page by page.
    const rows = [...first];
    for await (const page of pages) rows.push(...page.map(read.parse));
    return rows;
  }
  const edges = [after, ...cuts, to];
  const ranges = cuts.length + 1;
  const parts: T[][] = new Array<T[]>(ranges);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(READERS, ranges) }, async () => {
      for (let i = next++; i < ranges; i = next++) {
        const low = edges[i] ?? after;
        const high = edges[i + 1] ?? to;
        const filter =
          i === 0
            ? odata`PartitionKey eq ${partitionKey} and RowKey gt ${low} and RowKey lt ${high}`
            : odata`PartitionKey eq ${partitionKey} and RowKey ge ${low} and RowKey lt ${high}`;
        const rows: T[] = [];
        for await (const e of query(filter)) rows.push(read.parse(e));
        parts[i] = rows;
      }
    }),
  );
  return [first, ...parts].flat();
}

/**
 * Every 1,000th of the given keys, in key order: reading between them takes one page each (Table Storage
 * answers 1,000 entities a page), and the pages can be read side by side.
 */
export function pageSplits<K extends string>(keys: readonly K[]): K[] {
  if (keys.length <= PAGE) return [];
  return [...keys].sort().filter((_, i) => i > 0 && i % PAGE === 0);
}
