/**
 * What the returns partition keeps beside the answers: hand-overs (RowKey `d|<item>`, one per item,
 * replaced) and send-backs (RowKey `s|<item>|<at>`, each a row of its own, never rewritten).
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { Delegation } from '../app/ports';
import type { ItemKey } from '../domain/returns';
import type { SendBack } from '../domain/send-back';

/** The JSON body rows of one key prefix of a cycle's partition, with their row keys. */
async function bodies(client: TableClient, cycleKey: string, prefix: 'd' | 's') {
  const filter = odata`PartitionKey eq ${cycleKey} and RowKey ge ${`${prefix}|`} and RowKey lt ${`${prefix}}`}`;
  const out: { rowKey: string; body: string }[] = [];
  for await (const e of client.listEntities<{ body: string }>({ queryOptions: { filter } }))
    out.push({ rowKey: e.rowKey ?? '', body: e.body });
  return out;
}

export async function readDelegations(
  client: TableClient,
  cycleKey: string,
): Promise<Map<ItemKey, Delegation>> {
  const rows = await bodies(client, cycleKey, 'd');
  return new Map(rows.map((r) => [r.rowKey.slice(2) as ItemKey, JSON.parse(r.body) as Delegation]));
}

export async function writeDelegation(
  client: TableClient,
  cycleKey: string,
  item: ItemKey,
  delegation: Delegation,
): Promise<void> {
  await client.upsertEntity(
    { partitionKey: cycleKey, rowKey: `d|${item}`, body: JSON.stringify(delegation) },
    'Replace',
  );
}

export async function writeSendBack(
  client: TableClient,
  cycleKey: string,
  sendBack: SendBack,
): Promise<void> {
  const rowKey = `s|${sendBack.item}|${sendBack.at}`;
  await client.createEntity({ partitionKey: cycleKey, rowKey, body: JSON.stringify(sendBack) });
}

export async function readSendBacks(client: TableClient, cycleKey: string): Promise<SendBack[]> {
  const rows = await bodies(client, cycleKey, 's');
  return rows.map((r) => JSON.parse(r.body) as SendBack).sort((a, b) => a.at.localeCompare(b.at));
}
