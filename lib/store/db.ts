/**
 * The one place that owns Zuarbeit's IndexedDB schema and opens it (its versioned migrations are
 * lib/store/migrations.ts, loaded only when a database needs one).
 * Popup, side panel and background all open the same database (same origin), so no view
 * ever waits for a sleeping service worker.
 */
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { TaskDraft } from '../model';
import type { StampedGroup } from './changes';
import type { TaskRow, TaskRowOrder } from './task-row-order';

/** A materialised record: its current field values and, per field, the clock that wrote it. */
export interface StoredRecord {
  id: string;
  data: Record<string, unknown>;
  clocks: Record<string, string>;
  /**
   * The clock of every field of `data` (but `id`) that `clocks` names none for: the clock most
   * fields share, stored once (compactClocks in field-clocks.ts). Absent in records stored before.
   */
  clock?: string;
  /**
   * A task's list row (lib/store/task-rows.ts), kept in its record since version 8: the first sync
   * wrote a row per task to a store of its own, a second put per task (issue 14). Other records have none.
   */
  row?: TaskRow;
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
  /** `by-order` indexes the list rows (`row.order`; a row without order is in no range). */
  task: { key: string; value: StoredRecord; indexes: { 'by-order': TaskRowOrder } };
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
  /** How many rows each range of the index holds (lib/store/task-rows.ts, rowCounters). */
  taskRowCount: { key: string; value: number };
  /** Device node id, clock, connection and sync state, the side panel's route. */
  meta: { key: string; value: unknown };
}

export type Db = IDBPDatabase<ZuarbeitDb>;

export const DB_NAME = 'zuarbeit';
export const DB_VERSION = 8;

/** Why a workspace's database was not opened: the workspace was left on this device. */
export class DatabaseGoneError extends Error {
  constructor(name: string) {
    super(`The database ${name} no longer exists on this device.`);
    this.name = 'DatabaseGoneError';
  }
}

/** The migrations' signature (idb's upgrade callback); they live in lib/store/migrations.ts. */
export type Migrate = (
  database: IDBPDatabase<ZuarbeitDb>,
  oldVersion: number,
  transaction: IDBPTransaction<ZuarbeitDb, StoreNames<ZuarbeitDb>[], 'versionchange'>,
) => Promise<void>;

/**
 * Opens (and migrates) the database; closes itself when a newer version wants to upgrade or it is
 * deleted. The migrations (lib/store/migrations.ts: every block since version 1, and rebuilding the
 * task list index) are loaded only when the database needs one (issue 14: the popup opens a
 * current database on every start and does without that code): a first try opens without them and
 * gives up the upgrade if one is due, the second opens with them. A fresh database is an upgrade from 0.
 */
export async function openZuarbeitDb(name: string = DB_NAME): Promise<Db> {
  const current = await openZuarbeitDbIfCurrent(name);
  if (current) return current;
  const { migrate } = await import('./migrations');
  return openAt(name, migrate);
}

/**
 * The database `name` if it exists at this version, else undefined — nothing is created and
 * nothing is migrated (issue 14: a view opens the workspace it showed last while the registry
 * still says which one to show).
 */
export async function openZuarbeitDbIfCurrent(name: string): Promise<Db | undefined> {
  let upgradeDue = false;
  try {
    return await openAt(name, (_database, _oldVersion, transaction) => {
      upgradeDue = true;
      // Given up: nothing is written, the database stays as it was (or is not created).
      transaction.done.catch(() => undefined);
      transaction.abort();
      return Promise.resolve();
    });
  } catch (error) {
    if (upgradeDue) return undefined;
    throw error;
  }
}

/** Opens at DB_VERSION with `upgrade`; a failed upgrade is given up (nothing of it stays) and its error is the open's. */
async function openAt(name: string, upgrade: Migrate): Promise<Db> {
  let failure: unknown;
  const opening = openDB<ZuarbeitDb>(name, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      upgrade(database, oldVersion, transaction).catch((error: unknown) => {
        failure = error;
        transaction.done.catch(() => undefined);
        transaction.abort();
      });
    },
    blocking() {
      // Another context (a newer extension version) needs to upgrade, or deletes it: step aside.
      void opening.then((db) => db.close());
    },
  });
  try {
    return await opening;
  } catch (error) {
    throw failure ?? error;
  }
}
