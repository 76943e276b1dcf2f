/**
 * Nothing is half-imported: an import whose writes fail part-way (storage answering 503 on the third
 * transaction) leaves the plan exactly as it was for every reader, the importing instance included; the
 * retry imports it whole. Two imports racing: one wins, the other is told, nothing mixed.
 */
import { readImportFile } from '../../src/files/read-table';
import type { TableClient } from '@azure/data-tables';
import { importPlan } from '../../src/app/plan/import-plan';
import { TablePlanStore } from '../../src/store/plan-store';
import { Tables, type TableName } from '../../src/store/tables';
import { bigPlanCsv } from '../support/big-plan';
import { freshTables } from '../support/tables';

/** Tables whose plan client fails its `failOn`-th transaction with a 503, once. */
class FlakyTables extends Tables {
  transactions = 0;
  failOn = 0;
  override client(name: TableName): TableClient {
    const client = super.client(name);
    if (name !== 'plan') return client;
    return new Proxy(client, {
      get: (target, prop) => {
        if (prop === 'submitTransaction')
          return async (...args: Parameters<TableClient['submitTransaction']>) => {
            this.transactions += 1;
            if (this.transactions === this.failOn)
              throw Object.assign(new Error('Server busy'), { statusCode: 503 });
            return target.submitTransaction(...args);
          };
        const value = Reflect.get(target, prop) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
  }
}

it('an import that fails half-way changes nothing; the retry imports it whole', async () => {
  const base = await freshTables();
  try {
    const tables = new FlakyTables(base.target, base.prefix);
    const store = new TablePlanStore(tables);
    const other = new TablePlanStore(new Tables(base.target, base.prefix));
    const first = { name: 'activities.csv', bytes: Buffer.from(bigPlanCsv(300)) };
    await importPlan(store, { read: readImportFile, activities: first, now: '2016-06-01T00:00:00Z' });
    const before = JSON.stringify(await store.snapshot());
    // The next plan rewords every activity: 3 transactions of 100; the third fails.
    const second = { name: 'activities.csv', bytes: Buffer.from(bigPlanCsv(300, 'Reworded')) };
    tables.transactions = 0;
    tables.failOn = 3;
    await expect(
      importPlan(store, { read: readImportFile, activities: second, now: '2017-03-01T00:00:00Z' }),
    ).rejects.toThrow(/Server busy/);
    expect(JSON.stringify(await store.snapshot())).toBe(before);
    expect(JSON.stringify(await other.snapshot())).toBe(before);
    tables.failOn = 0;
    const retried = await importPlan(store, {
      read: readImportFile,
      activities: second,
      now: '2017-03-01T00:05:00Z',
    });
    expect(retried.written).toBe(true);
    const after = await other.snapshot();
    expect(after?.plan.activities).toHaveLength(300);
    expect(after?.plan.activities.every((a) => a.text.startsWith('Reworded'))).toBe(true);
  } finally {
    await base.drop();
  }
}, 60_000);
