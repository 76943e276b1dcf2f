/**
 * The two implementations of every port, for the contract suites: each suite runs its cases against both,
 * so the in-memory stores the use-case tests rely on are held to what the Table adapters do on Azurite.
 */
import type { Stores } from '../../src/app/ports';
import { freshStores } from '../support/world';

type Adapter = [string, () => Promise<{ stores: Stores; drop: () => Promise<void> }>];

/** The storages a contract suite runs on: both, or in the fast tier the in-memory one only. */
export const STORAGES: readonly ('memory' | 'azurite')[] =
  process.env.RAG_CHASER_TEST_TIER === 'fast' ? ['memory'] : ['memory', 'azurite'];

/** Both, except in the fast tier (npm run test:fast, no Azurite): the in-memory side only. */
export const ADAPTERS: readonly Adapter[] = [
  ['in memory', () => freshStores('memory')] as Adapter,
  ...(process.env.RAG_CHASER_TEST_TIER === 'fast'
    ? []
    : [['Table Storage (Azurite)', () => freshStores('azurite')] as Adapter]),
];

/** Runs `cases` once per adapter, each test on fresh stores that are dropped afterwards. */
export function eachAdapter(title: string, cases: (stores: () => Stores) => void): void {
  describe.each(ADAPTERS)(`${title}: %s`, (_name, make) => {
    let current: { stores: Stores; drop: () => Promise<void> } | undefined;
    beforeEach(async () => {
      current = await make();
    });
    afterEach(async () => {
      await current?.drop();
    });
    cases(() => {
      if (!current) throw new Error('stores are made before each test');
      return current.stores;
    });
  });
}
