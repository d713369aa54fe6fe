import { openDB, type IDBPDatabase } from 'idb';

/** A database as the released version 6 of lib/store/db.ts left it (every store, no task list index), for the migration tests. */
export function openV6Database(name: string): Promise<IDBPDatabase> {
  return openDB(name, 6, {
    upgrade(database) {
      for (const store of ['task', 'instruction', 'drafts', 'timer', 'setting', 'snapshot', 'snapshotPart', 'handover']) {
        database.createObjectStore(store, { keyPath: 'id' });
      }
      for (const store of ['comment', 'timeEntry', 'occurrence']) {
        database.createObjectStore(store, { keyPath: 'id' }).createIndex('by-task', 'data.taskId');
      }
      database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
      database.createObjectStore('quarantine', { keyPath: 'seq', autoIncrement: true });
      database.createObjectStore('meta');
    },
  });
}
