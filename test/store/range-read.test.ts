/**
 * A large range of one partition read in pages side by side (store/range-read.ts), against Azurite: every
 * row exactly once whatever the split keys, and a small or empty range in one page.
 */
import { TableClient, type TransactionAction } from '@azure/data-tables';
import { readRange } from '../../src/store/range-read';
import { testConnectionString, uniquePrefix } from '../support/tables';

let requests = 0;
const client = TableClient.fromConnectionString(testConnectionString(), uniquePrefix(), {
  allowInsecureConnection: true,
  additionalPolicies: [
    {
      policy: { name: 'count', sendRequest: (request, next) => ((requests += 1), next(request)) },
      position: 'perCall',
    },
  ],
});
const key = (i: number) => `r|${i % 3 ? 'a' : 'm'}:K${i}`;
const keys = Array.from({ length: 2345 }, (_, i) => key(i)).sort();

beforeAll(async () => {
  await client.createTable();
  const rows = [
    ...keys.map((rowKey) => ({ partitionKey: 'P', rowKey, body: rowKey })),
    // Neighbours that must never be read: other prefixes, another partition.
    ...['h|a:K1|000001', 'c|owner@example.org', 'r}', 'r{'].map((rowKey) => ({
      partitionKey: 'P',
      rowKey,
      body: 'x',
    })),
  ];
  for (let i = 0; i < rows.length; i += 100)
    await client.submitTransaction(rows.slice(i, i + 100).map((r): TransactionAction => ['create', r]));
  await client.submitTransaction([['create', { partitionKey: 'Q', rowKey: 'r|a:K1', body: 'other' }]]);
});
afterAll(() => client.deleteTable());

const read = (splitAt: readonly string[], partitionKey = 'P') =>
  readRange(client, {
    partitionKey,
    from: 'r|',
    to: 'r}',
    splitAt,
    select: ['body'],
    parse: (e) => String(e.body),
  });

it.each([
  ['no split keys', []],
  ['every 1,000th key', [keys[1000]!, keys[2000]!]],
  [
    'every 100th key, out of order and repeated',
    [...keys.filter((_, i) => i % 100 === 0)].reverse().concat(keys[500]!),
  ],
  [
    'keys not stored, before, between and after the rows',
    ['r|', 'r|0', 'r|a:K1000x', 'r|zzz', 'r}', 'q', 's'],
  ],
  ['every key', keys],
])('reads every row of the range exactly once: %s', async (_name, splitAt) => {
  const rows = await read(splitAt);
  expect(rows.length).toBe(keys.length);
  expect([...rows].sort()).toEqual(keys);
});

it('reads a range of one page, or an empty one, in one request, a large one in about a request a page', async () => {
  requests = 0;
  expect(await read([keys[1000]!], 'Q')).toEqual(['other']);
  expect(requests).toBe(1);
  expect(await read([keys[1000]!], 'empty')).toEqual([]);
  expect(requests).toBe(2);
  // The large range: the first page, then the rest in ranges of about a page each.
  requests = 0;
  await read([keys[1000]!, keys[2000]!]);
  expect(requests).toBe(3);
});

it('reads on when the first page is empty but says there is more (Table Storage may answer so)', async () => {
  const pages = [[], ['r|a:1', 'r|a:2'], ['r|a:3']].map((keys, i, all) =>
    Object.assign(
      keys.map((rowKey) => ({ rowKey, body: rowKey })),
      { continuationToken: i < all.length - 1 ? `token-${i}` : undefined },
    ),
  );
  const fake = {
    listEntities: () => ({
      byPage: async function* () {
        for (const page of pages) yield await Promise.resolve(page);
      },
    }),
  } as unknown as TableClient;
  const rows = await readRange(fake, {
    partitionKey: 'P',
    from: 'r|',
    to: 'r}',
    splitAt: ['r|a:2'],
    select: ['body'],
    parse: (e) => String(e.body),
  });
  expect(rows).toEqual(['r|a:1', 'r|a:2', 'r|a:3']);
});
