/**
 * The two implementations of every port, for the contract suites: each suite runs its cases against both,
 * so the in-memory stores the use-case tests rely on are held to what the Table adapters do on Azurite.
 */
import type { Stores } from '../../src/app/ports';
import { freshStores } from '../support/world';

export const ADAPTERS: readonly [string, () => Promise<{ stores: Stores; drop: () => Promise<void> }>][] = [
  ['in memory', () => freshStores('memory')],
  ['Table Storage (Azurite)', () => freshStores('azurite')],
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
