// One real endpoint on a fresh SQLite file for a whole test file, and a fresh fake IndexedDB for
// each test: the set-up the sync tests that pair devices through the endpoint share.
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { openZuarbeitDb, type Db } from '../../lib/store';
import { sqliteDatabase, startEndpoint, type RunningEndpoint, type TestDatabase } from './endpoint';

export interface FileEndpoint {
  /** The running endpoint's origin (after beforeAll). */
  readonly origin: string;
  /** The endpoint's SQLite file (for tests that read the server's rows). */
  readonly databaseFile: string;
  /** Opens a device database named for this test (`<name>-<n>`). */
  open(name: string): Promise<Db>;
}

/** Registers the file's hooks: the endpoint starts before the first test and stops (its file dropped) after the last. */
export function useSqliteEndpoint(): FileEndpoint {
  let database: TestDatabase | undefined;
  let endpoint: RunningEndpoint | undefined;
  let n = 0;
  beforeAll(async () => {
    database = sqliteDatabase();
    endpoint = await startEndpoint(database.url);
  });
  afterAll(async () => {
    await endpoint?.stop();
    await database?.drop();
  });
  beforeEach(() => {
    globalThis.indexedDB = new IDBFactory();
    n++;
  });
  return {
    get origin() {
      if (!endpoint) throw new Error('The endpoint starts in beforeAll');
      return endpoint.origin;
    },
    get databaseFile() {
      if (!database?.file) throw new Error('The endpoint starts in beforeAll');
      return database.file;
    },
    open: (name) => openZuarbeitDb(`${name}-${n}`),
  };
}
