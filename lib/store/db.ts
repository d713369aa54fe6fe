/**
 * The one place that owns Zuarbeit's IndexedDB schema and its versioned migrations.
 * Popup, side panel and background all open the same database (same origin), so no view
 * ever waits for a sleeping service worker.
 */
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { TaskDraft } from '../model';
import type { StampedChange } from './changes';

/** A materialised record: its current field values and, per field, the clock that wrote it. */
export interface StoredRecord {
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
}

/** A plaintext message waiting to be pushed; deleted only after the server acknowledged it. */
export interface OutboxEntry extends StampedChange {
  seq?: number;
}

/** A received message that could not be applied (undecryptable, malformed, not allowed). */
export interface QuarantineEntry {
  seq?: number;
  hlc: string;
  device: string;
  reason: string;
  receivedAt: string;
}

export interface ZuarbeitDb extends DBSchema {
  task: { key: string; value: StoredRecord };
  comment: { key: string; value: StoredRecord; indexes: { 'by-task': string } };
  instruction: { key: string; value: StoredRecord };
  timeEntry: { key: string; value: StoredRecord; indexes: { 'by-task': string } };
  outbox: { key: number; value: OutboxEntry };
  drafts: { key: string; value: TaskDraft };
  quarantine: { key: number; value: QuarantineEntry };
  /** Device node id, clock, connection and sync state, the side panel's route. */
  meta: { key: string; value: unknown };
}

export type Db = IDBPDatabase<ZuarbeitDb>;

export const DB_NAME = 'zuarbeit';
export const DB_VERSION = 1;

/** Opens (and migrates) the database; closes itself when a newer version wants to upgrade. */
export async function openZuarbeitDb(name: string = DB_NAME): Promise<Db> {
  const db = await openDB<ZuarbeitDb>(name, DB_VERSION, {
    upgrade(database, oldVersion) {
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
    },
    blocking() {
      // Another context (a newer extension version) needs to upgrade: step aside.
      db.close();
    },
  });
  return db;
}

let shared: Promise<Db> | undefined;

/** The database of this context, opened once and reused (a cache, not state: reopening is safe). */
export function getDb(): Promise<Db> {
  shared ??= openZuarbeitDb().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}
