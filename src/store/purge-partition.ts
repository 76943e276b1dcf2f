/** Removes (or, dry, counts) every row of one partition: a cycle's rows in a table, for `purge`. */
import { odata, type TableClient } from '@azure/data-tables';

export interface Purged {
  /** Rows in the partition (removed unless dry). */
  readonly rows: number;
  /** Of those, rows whose key `counted` picks (e.g. the current answers among a cycle's rows). */
  readonly counted: number;
}

export async function purgePartition(
  client: TableClient,
  partitionKey: string,
  dryRun: boolean,
  counted: (rowKey: string) => boolean = () => false,
): Promise<Purged> {
  let rows = 0;
  let picked = 0;
  for await (const e of client.listEntities({
    queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['RowKey'] },
  })) {
    const rowKey = e.rowKey ?? '';
    rows += 1;
    if (counted(rowKey)) picked += 1;
    if (!dryRun) await client.deleteEntity(partitionKey, rowKey);
  }
  return { rows, counted: picked };
}
