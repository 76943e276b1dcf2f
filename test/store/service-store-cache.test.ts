/** The Table adapter's directory cache on its own (Azurite): what another instance sees, and when. */
import type { Service } from '../../src/domain/service';
import { TableServiceStore } from '../../src/store/service-store';
import { freshTables } from '../support/tables';

const service = (key: string, scope: string): Service => ({
  key,
  name: `Service ${key}`,
  scope,
  createdAt: '2016-06-01T00:00:00Z',
  retiredAt: '',
  managers: [],
});

describe('TableServiceStore: the directory kept for a few seconds', () => {
  it("its own writes are seen at once; another instance's within the TTL, not before", async () => {
    const tables = await freshTables();
    let now = 0;
    const clock = { ttlMs: 10_000, now: () => now };
    const a = new TableServiceStore(tables, clock);
    const b = new TableServiceStore(tables, clock);
    try {
      expect(await a.all()).toEqual([]);
      await a.create(service('lra', ''));
      expect((await a.all()).map((s) => s.key)).toEqual(['lra']);
      await b.create(service('highways', 's0badf00d'));
      now = 9_999;
      expect((await a.all()).map((s) => s.key)).toEqual(['lra']);
      now = 10_001;
      expect((await a.all()).map((s) => s.key)).toEqual(['highways', 'lra']);
    } finally {
      await tables.drop();
    }
  });
});
