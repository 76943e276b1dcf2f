/** Entity-group transactions: up to 100 operations, all in one partition. */
import type { TableClient, TransactionAction } from '@azure/data-tables';

export const MAX_BATCH = 100;

/** Submits actions grouped by partition in transactions of at most 100; reports progress after each. */
export async function submitInBatches(
  client: TableClient,
  actions: readonly TransactionAction[],
  onProgress?: (done: number, total: number) => void,
): Promise<void> {
  const byPartition = new Map<string, TransactionAction[]>();
  for (const action of actions) {
    const pk = action[1].partitionKey;
    const list = byPartition.get(pk) ?? [];
    list.push(action);
    byPartition.set(pk, list);
  }
  let done = 0;
  for (const list of byPartition.values()) {
    for (let i = 0; i < list.length; i += MAX_BATCH) {
      const chunk = list.slice(i, i + MAX_BATCH);
      await client.submitTransaction(chunk);
      done += chunk.length;
      onProgress?.(done, actions.length);
    }
  }
}
