/**
 * How a person's card is stored in the cycle's partition of the returns table (see return-store.ts):
 *   RowKey `c|<upn>`         the card: its rows as JSON in `s0`, `s1`, … (`n` of them, each under Table
 *                            Storage's 64 KB a property) and each answer copied in as `a_<hash of item>`;
 *                            one point read gives the whole card. A card of more than CARD_ITEMS items holds
 *                            only `large` = true, and its rows are stored item by item:
 *   RowKey `o|<upn>|<item>`  one item of a large card (and of every card, in tables written before cards
 *                            were single records; those rows are read no more and removed by the rebuild).
 * An answer's write copies it into the card of everyone who sees the item, in the same entity-group
 * transaction: `a_<hash>` merged into a card record, or `current` merged into a large card's item row.
 */
import type { SendBack } from '../domain/send-back';
import { createHash } from 'node:crypto';
import type { TableEntity, TransactionAction } from '@azure/data-tables';
import type { DueItem } from '../domain/returns';
import type { CardCopy, CardRow, Delegation } from '../app/ports';

export const cardKey = (viewer: string) => `c|${viewer.toLowerCase()}`;
export const itemRowKey = (viewer: string, item: string) => `o|${viewer.toLowerCase()}|${item}`;
/** An answer's property in a card record: the item key, hashed into a property name Table Storage takes. */
export const answerProperty = (item: string) =>
  `a_${createHash('sha256').update(item).digest('hex').slice(0, 24)}`;

/** Under Table Storage's 32,768 characters (64 KB) for one string property. */
const CHUNK = 30_000;

/** A card record: its chunks, its answers, or the mark of a large card. */
export type CardEntity = TableEntity;
/** A card record as read back. */
export type StoredCard = Readonly<Record<string, unknown>>;

/** The rows of a card without their answers (those are separate properties): what `s0…` hold. */
type StaticRow = Omit<CardRow, 'viewer' | 'current'>;

/** A small card's record with the answers its rows have (written whole, or merged to keep others). */
export function cardEntity(partitionKey: string, viewer: string, rows: readonly CardRow[]): CardEntity {
  const json = JSON.stringify(
    rows.map((r): StaticRow => ({
      item: r.item,
      number: r.number,
      previous: r.previous,
      delegation: r.delegation,
      sentBack: r.sentBack,
      large: r.large?.length ? r.large : undefined,
    })),
  );
  const entity: CardEntity = { partitionKey, rowKey: cardKey(viewer), large: false, n: 0 };
  for (let i = 0; i * CHUNK < json.length; i += 1) {
    entity[`s${i}`] = json.slice(i * CHUNK, (i + 1) * CHUNK);
    entity.n = i + 1;
  }
  for (const r of rows) if (r.current) entity[answerProperty(r.item.key)] = JSON.stringify(r.current);
  return entity;
}

/** A card record's rows with their answers; undefined for a large card or a record holding only answers. */
export function rowsOfCard(
  entity: StoredCard,
  viewer: string,
  readAnswer: (body: string) => CardRow['current'],
): CardRow[] | undefined {
  const n = typeof entity.n === 'number' ? entity.n : 0;
  if (entity.large === true || n === 0) return undefined;
  let json = '';
  for (let i = 0; i < n; i += 1) {
    const chunk = entity[`s${i}`];
    json += typeof chunk === 'string' ? chunk : '';
  }
  return (JSON.parse(json) as StaticRow[]).map((r) => {
    const body = entity[answerProperty(r.item.key)];
    return {
      viewer,
      item: r.item,
      number: r.number,
      previous: r.previous,
      current: typeof body === 'string' && body ? readAnswer(body) : undefined,
      delegation: r.delegation,
      ...(r.sentBack ? { sentBack: r.sentBack } : {}),
      ...(r.large ? { large: r.large } : {}),
    };
  });
}

/** The merges that copy an answer into the cards of those who see it. */
export function copyActions(
  partitionKey: string,
  item: string,
  body: string,
  copies: readonly CardCopy[],
): TransactionAction[] {
  const seen = new Set<string>();
  return copies.flatMap(({ viewer, large }): TransactionAction[] => {
    const v = viewer.toLowerCase();
    if (seen.has(v)) return [];
    seen.add(v);
    return large
      ? [['upsert', { partitionKey, rowKey: itemRowKey(v, item), current: body }, 'Merge']]
      : [['upsert', { partitionKey, rowKey: cardKey(v), [answerProperty(item)]: body }, 'Merge']];
  });
}

/** One item row of a large card. */
export interface ItemRowEntity {
  partitionKey: string;
  rowKey: string;
  item?: string;
  number?: string;
  previous?: string;
  current?: string;
  delegation?: string;
  sentBack?: string;
  large?: string;
}

export function itemRowEntity(partitionKey: string, r: CardRow): ItemRowEntity {
  const json = (v: unknown) => (v === undefined ? '' : JSON.stringify(v));
  return {
    partitionKey,
    rowKey: itemRowKey(r.viewer, r.item.key),
    item: JSON.stringify(r.item),
    number: r.number,
    previous: json(r.previous),
    delegation: json(r.delegation),
    sentBack: json(r.sentBack),
    large: json(r.large?.length ? r.large : undefined),
  };
}

export function rowOfItemEntity(
  e: ItemRowEntity,
  readAnswer: (body: string) => CardRow['current'],
): CardRow | undefined {
  // A row with only an answer copied into it (its card was being rewritten) waits for the card.
  if (!e.item) return undefined;
  return {
    viewer: e.rowKey.slice(2, e.rowKey.lastIndexOf('|')),
    item: JSON.parse(e.item) as DueItem,
    number: e.number ?? '',
    previous: e.previous ? readAnswer(e.previous) : undefined,
    current: e.current ? readAnswer(e.current) : undefined,
    delegation: e.delegation ? (JSON.parse(e.delegation) as Delegation) : undefined,
    ...(e.sentBack ? { sentBack: JSON.parse(e.sentBack) as SendBack } : {}),
    ...(e.large ? { large: JSON.parse(e.large) as string[] } : {}),
  };
}
