/**
 * The database's versioned migrations: lib/store/db.ts owns the schema and opens a database with
 * these only when it needs an upgrade (a fresh database is one from version 0). Also rebuilding the
 * task list index from the records, as the version 7 migration builds it.
 */
import type { Entity } from '../model';
import type { IDBPDatabase } from 'idb';
import type { Db, Migrate, OutboxEntry, StoredRecord } from './db';
import { announceChange } from './events';
import { buildAllTaskRows, countRows } from './task-rows';

/** An outbox entry as version 1 of the database wrote it (one field per entry). */
interface V1OutboxEntry {
  seq?: number;
  hlc: string;
  entity: Entity;
  id: string;
  field: string;
  value: unknown;
}

/** Migrates a database from `oldVersion` to DB_VERSION inside the upgrade transaction. */
export const migrate: Migrate = async (database, oldVersion, transaction) => {
  // Each block migrates from one version to the next; never edit a released block.
  if (oldVersion < 1) {
    database.createObjectStore('task', { keyPath: 'id' });
    const comments = database.createObjectStore('comment', { keyPath: 'id' });
    // Child records index their parent through the materialised field.
    comments.createIndex('by-task', 'data.taskId');
    database.createObjectStore('instruction', { keyPath: 'id' });
    const timeEntries = database.createObjectStore('timeEntry', { keyPath: 'id' });
    timeEntries.createIndex('by-task', 'data.taskId');
    database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
    database.createObjectStore('drafts', { keyPath: 'id' });
    database.createObjectStore('quarantine', { keyPath: 'seq', autoIncrement: true });
    database.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    // Protocol v2 pushes groups: a v1 entry (one field under its own hlc) becomes a group of
    // that one field under the same hlc, so nothing waiting is lost or re-stamped.
    let cursor = await transaction.objectStore('outbox').openCursor();
    while (cursor) {
      const entry = cursor.value as OutboxEntry | V1OutboxEntry;
      if ('field' in entry) {
        const fields: Record<string, unknown> = Object.create(null);
        fields[entry.field] = entry.value;
        await cursor.update({ seq: entry.seq, hlc: entry.hlc, entity: entry.entity, id: entry.id, fields });
      }
      cursor = await cursor.continue();
    }
  }
  if (oldVersion < 3) {
    // Issue 10: running timers and the workspace settings (rate, monthly budget) are synced records.
    database.createObjectStore('timer', { keyPath: 'id' });
    database.createObjectStore('setting', { keyPath: 'id' });
  }
  if (oldVersion < 4) {
    // Issue 9: the occurrences of standing tasks someone changed (the others are derived from the rule).
    database.createObjectStore('occurrence', { keyPath: 'id' }).createIndex('by-task', 'data.taskId');
  }
  if (oldVersion < 5) {
    // Issue 12: the page as the client saw it. Ids are the task's and `<taskId>:<n>`, so no index is needed.
    database.createObjectStore('snapshot', { keyPath: 'id' });
    database.createObjectStore('snapshotPart', { keyPath: 'id' });
  }
  if (oldVersion < 6) {
    // Issue 11: the handover packages.
    database.createObjectStore('handover', { keyPath: 'id' });
  }
  if (oldVersion < 7) {
    // Issue 14: the task list's index, built from the stored tasks and comments (lib/store/task-rows.ts).
    // (The store is gone since version 8, so its name is no longer in the typed schema.)
    const rows = (database as unknown as IDBPDatabase).createObjectStore('taskRow', { keyPath: 'id' });
    rows.createIndex('by-order', 'order');
    const counts = database.createObjectStore('taskRowCount');
    const [tasks, comments] = await Promise.all([transaction.objectStore('task').getAll(), transaction.objectStore('comment').getAll()]);
    const built = buildAllTaskRows(tasks, comments);
    await Promise.all([...built.map((row) => rows.put(row)), ...[...countRows(built)].map(([key, n]) => counts.put(n, key))]);
  }
  if (oldVersion < 8) {
    // Issue 14: each task's row moves into its record (one put per task instead of two on every
    // write; the first sync's pages were a third slower for the second). The counters are counted
    // again from the rows as built here.
    transaction.objectStore('task').createIndex('by-order', 'row.order');
    await writeAllTaskRows(transaction);
    // The store version 7 created.
    (database as unknown as IDBPDatabase).deleteObjectStore('taskRow');
  }
};

/** Rebuilds the whole index from the stored tasks and comments, in one transaction (as the v7 and v8 migrations build it). */
export async function rebuildTaskRows(db: Db): Promise<number> {
  const tx = db.transaction(['task', 'comment', 'taskRowCount'], 'readwrite');
  const [count] = await Promise.all([writeAllTaskRows(tx), tx.done]);
  announceChange({ db: db.name, kind: 'task' });
  return count;
}

/** What writeAllTaskRows needs of a transaction. */
interface AllRowStores {
  objectStore(name: 'task'): { getAll(): Promise<StoredRecord[]>; put(value: StoredRecord): Promise<unknown> };
  objectStore(name: 'comment'): { getAll(): Promise<StoredRecord[]> };
  objectStore(name: 'taskRowCount'): { clear(): Promise<void>; put(value: number, key: string): Promise<unknown> };
}

/**
 * Builds every task's row into its record from the stored tasks and comments and counts the
 * counters again from those rows, in `tx` (the version 8 migration and rebuildTaskRows); returns
 * how many task records it rewrote.
 */
async function writeAllTaskRows(transaction: unknown): Promise<number> {
  // The upgrade's transaction and a readwrite one over these stores: what both offer (as refreshTaskRows takes its own).
  const tx = transaction as AllRowStores;
  const tasks = tx.objectStore('task');
  const counters = tx.objectStore('taskRowCount');
  const [records, comments] = await Promise.all([tasks.getAll(), tx.objectStore('comment').getAll(), counters.clear()]);
  const built = buildAllTaskRows(records, comments);
  await Promise.all([
    ...records.map((record, i) => tasks.put({ ...record, row: built[i] })),
    ...[...countRows(built)].map(([key, n]) => counters.put(n, key)),
  ]);
  return records.length;
}
