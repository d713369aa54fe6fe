/**
 * The one place that owns Zuarbeit's IndexedDB schema and its versioned migrations.
 * Popup, side panel and background all open the same database (same origin), so no view
 * ever waits for a sleeping service worker.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Entity, TaskDraft } from '../model';
import type { StampedGroup } from './changes';
import { buildAllTaskRows, countRows, type TaskRow, type TaskRowOrder } from './task-rows';

/** A materialised record: its current field values and, per field, the clock that wrote it. */
export interface StoredRecord {
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
}

/**
 * A plaintext group waiting to be pushed (one v2 message: fields of one record under one hlc);
 * deleted only after the server acknowledged it.
 */
export interface OutboxEntry extends StampedGroup {
  seq?: number;
}

/** A received message, or one field of it, that could not be applied (undecryptable, malformed, not allowed, invalid). */
export interface QuarantineEntry {
  seq?: number;
  hlc: string;
  device: string;
  reason: string;
  receivedAt: string;
  /** The field, when one field of a group was refused and the others applied. */
  field?: string;
}

export interface ZuarbeitDb extends DBSchema {
  task: { key: string; value: StoredRecord };
  comment: { key: string; value: StoredRecord; indexes: { 'by-task': string } };
  instruction: { key: string; value: StoredRecord };
  timeEntry: { key: string; value: StoredRecord; indexes: { 'by-task': string } };
  timer: { key: string; value: StoredRecord };
  setting: { key: string; value: StoredRecord };
  occurrence: { key: string; value: StoredRecord; indexes: { 'by-task': string } };
  snapshot: { key: string; value: StoredRecord };
  snapshotPart: { key: string; value: StoredRecord };
  handover: { key: string; value: StoredRecord };
  outbox: { key: number; value: OutboxEntry };
  drafts: { key: string; value: TaskDraft };
  quarantine: { key: number; value: QuarantineEntry };
  /** The task list's index, one row per task record (lib/store/task-rows.ts). */
  taskRow: { key: string; value: TaskRow; indexes: { 'by-order': TaskRowOrder } };
  /** How many rows each range of the index holds (lib/store/task-rows.ts, rowCounters). */
  taskRowCount: { key: string; value: number };
  /** Device node id, clock, connection and sync state, the side panel's route. */
  meta: { key: string; value: unknown };
}

export type Db = IDBPDatabase<ZuarbeitDb>;

/** An outbox entry as version 1 of the database wrote it (one field per entry). */
interface V1OutboxEntry {
  seq?: number;
  hlc: string;
  entity: Entity;
  id: string;
  field: string;
  value: unknown;
}

export const DB_NAME = 'zuarbeit';
export const DB_VERSION = 7;

/** Why a workspace's database was not opened: the workspace was left on this device. */
export class DatabaseGoneError extends Error {
  constructor(name: string) {
    super(`The database ${name} no longer exists on this device.`);
    this.name = 'DatabaseGoneError';
  }
}

/** Opens (and migrates) the database; closes itself when a newer version wants to upgrade or it is deleted. */
export async function openZuarbeitDb(name: string = DB_NAME): Promise<Db> {
  const db = await openDB<ZuarbeitDb>(name, DB_VERSION, {
    async upgrade(database, oldVersion, _newVersion, transaction) {
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
        const rows = database.createObjectStore('taskRow', { keyPath: 'id' });
        rows.createIndex('by-order', 'order');
        const counts = database.createObjectStore('taskRowCount');
        const [tasks, comments] = await Promise.all([
          transaction.objectStore('task').getAll(),
          transaction.objectStore('comment').getAll(),
        ]);
        const built = buildAllTaskRows(tasks, comments);
        await Promise.all([...built.map((row) => rows.put(row)), ...[...countRows(built)].map(([key, n]) => counts.put(n, key))]);
      }
    },
    blocking() {
      // Another context (a newer extension version) needs to upgrade, or deletes it: step aside.
      db.close();
    },
  });
  return db;
}
