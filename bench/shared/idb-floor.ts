// IndexedDB's own floor for the first-sync bench (issue 14): how long the browser takes only to put
// the very records a sync stored, in the same number of transactions, into a fresh store with the
// same index, in the page that ran the sync. What the sync takes above it is its own work (fetch,
// decrypt, parse, merge, the list's counters); the floor itself no change to the sync can lower,
// short of writing fewer records.
import type { Page } from 'playwright-core';

export interface IdbFloor {
  /** Milliseconds to put every record, `perTransaction` per readwrite transaction. */
  putMs: number;
  /** The same with records that hold only their key: the cost of one put request itself. */
  keyOnlyMs: number;
  records: number;
}

/**
 * Reads every record of `store` in the database `dbName`, then puts them into a fresh database
 * (keyPath `id`, one index on `indexPath`) and times that, and the same number of `{ id }` puts.
 * Evaluated from a string: tsx would name the page's functions with a helper the page lacks.
 */
export async function measureIdbFloor(
  page: Page,
  dbName: string,
  store: string,
  indexPath: string,
  perTransaction: number,
): Promise<IdbFloor> {
  const code = `(async ({ dbName, store, indexPath, perTransaction }) => {
    const opened = (request) => new Promise((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const source = await opened(indexedDB.open(dbName));
    const records = await opened(source.transaction(store).objectStore(store).getAll());
    source.close();
    const timePuts = async (name, values) => {
      await opened(indexedDB.deleteDatabase(name));
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore(store, { keyPath: 'id' }).createIndex('by-index', indexPath);
      const target = await opened(request);
      const start = performance.now();
      for (let from = 0; from < values.length; from += perTransaction) {
        const tx = target.transaction(store, 'readwrite');
        const objects = tx.objectStore(store);
        for (const value of values.slice(from, from + perTransaction)) objects.put(value);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      }
      const ms = performance.now() - start;
      target.close();
      await opened(indexedDB.deleteDatabase(name));
      return ms;
    };
    const putMs = await timePuts('bench-floor-records', records);
    const keyOnlyMs = await timePuts('bench-floor-keys', records.map((record) => ({ id: record.id })));
    return { putMs, keyOnlyMs, records: records.length };
  })(${JSON.stringify({ dbName, store, indexPath, perTransaction })})`;
  return (await page.evaluate(code)) as IdbFloor;
}
