import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { openV6Database } from './v6-schema';

// The migrations are a module of their own, loaded only when a database needs an upgrade (issue 14:
// the popup opens a current database on every start). Counted here through a wrapping mock.
const migrations = vi.hoisted(() => ({ runs: [] as number[] }));
vi.mock('../../lib/store/migrations', async (original) => {
  const real = await original<typeof import('../../lib/store/migrations')>();
  return {
    ...real,
    migrate: (...args: Parameters<typeof real.migrate>) => {
      migrations.runs.push(args[1]);
      return real.migrate(...args);
    },
  };
});

const { DB_VERSION, openZuarbeitDb } = await import('../../lib/store/db');
const { createTask, listRecords, readTaskListHead } = await import('../../lib/store');
const { newTask } = await import('../../lib/model');

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  migrations.runs.length = 0;
});

/** Task t1 as a database of an earlier version stored it: every field under one clock. */
function storedTask(title: string) {
  const task = newTask({
    id: 't1',
    title,
    kind: 'research',
    instructions: '',
    source: { type: 'page', url: 'https://www.bundesgerichtshof.de/x', title: 'Urteil', capturedAt: '2026-11-27T05:00:00.000Z' },
    createdAt: '2026-11-27T05:00:00.000Z',
  });
  const clocks = Object.fromEntries(Object.keys(task).map((k) => [k, '2026-11-27T05:00:00.000Z-0000-aaaaaaaaaaaaaaaa']));
  return { task, record: { id: task.id, data: task, clocks } };
}

describe('opening the database (issue 14)', () => {
  it('migrates a fresh database from version 0 and opens a current one without the migrations', async () => {
    const fresh = await openZuarbeitDb('w');
    expect(fresh.version).toBe(DB_VERSION);
    // Version 8: the list rows live in the task records, indexed there; their own store is gone.
    expect([...fresh.objectStoreNames]).not.toContain('taskRow');
    expect([...fresh.transaction('task').store.indexNames]).toEqual(['by-order']);
    fresh.close();
    expect(migrations.runs).toEqual([0]);

    const again = await openZuarbeitDb('w');
    expect(again.version).toBe(DB_VERSION);
    again.close();
    expect(migrations.runs).toEqual([0]);
  });

  it('migrates an older database once, keeping its records, and builds the task list index', async () => {
    const old = await openV6Database('v6');
    const { task, record } = storedTask('Urteil prüfen');
    await old.put('task', record);
    old.close();

    const db = await openZuarbeitDb('v6');
    expect(migrations.runs).toEqual([6]);
    expect((await listRecords(db, 'task')).records.map((t) => t.title)).toEqual(['Urteil prüfen']);
    const head = await readTaskListHead(db, 'client', 10, new Set(['aaaaaaaaaaaaaaaa']));
    expect(head.total).toBe(1);
    expect(head.rows.open.map((row) => row.title)).toEqual(['Urteil prüfen']);
    expect((await db.get('task', 't1'))?.row).toMatchObject({ id: 't1', title: 'Urteil prüfen', live: 1 });
    expect([...db.objectStoreNames]).not.toContain('taskRow');
    // A write after the migration keeps the index (the write path is its own module too).
    await createTask(db, { ...task, id: 't2', title: 'Frist notieren' });
    expect((await readTaskListHead(db, 'client', 10, new Set(['aaaaaaaaaaaaaaaa']))).total).toBe(2);
    db.close();

    (await openZuarbeitDb('v6')).close();
    expect(migrations.runs).toEqual([6]);
  });

  it('moves the rows of a version 7 database into their task records and counts them again', async () => {
    (await openV6Database('v7')).close();
    // Version 7 as released: the rows in a store of their own (here a stale one, and a counter that drifted).
    const v7 = await openDB('v7', 7, {
      upgrade(database) {
        database.createObjectStore('taskRow', { keyPath: 'id' }).createIndex('by-order', 'order');
        database.createObjectStore('taskRowCount');
      },
    });
    await v7.put('task', storedTask('Schriftsatz prüfen').record);
    await v7.put('taskRow', { id: 't1', title: 'stale', order: [0, 3, '', 0, 0], live: 1 });
    await v7.put('taskRowCount', 7, 'live');
    v7.close();

    const db = await openZuarbeitDb('v7');
    expect(migrations.runs).toEqual([7]);
    expect([...db.objectStoreNames]).not.toContain('taskRow');
    expect((await db.get('task', 't1'))?.row).toMatchObject({ id: 't1', title: 'Schriftsatz prüfen', live: 1 });
    expect(await db.get('taskRowCount', 'live')).toBe(1);
    const head = await readTaskListHead(db, 'client', 10, new Set(['aaaaaaaaaaaaaaaa']));
    expect(head.total).toBe(1);
    expect(head.rows.open.map((row) => row.title)).toEqual(['Schriftsatz prüfen']);
    db.close();
  });

  it('leaves a database it could not migrate as it was, and reports the failure', async () => {
    const old = await openDB('broken', 6, {
      upgrade(database) {
        // Version 6 without the stores the version 7 migration reads: it fails.
        database.createObjectStore('meta');
      },
    });
    await old.put('meta', 'kept', 'note');
    old.close();

    await expect(openZuarbeitDb('broken')).rejects.toThrow();
    const after = await openDB('broken');
    expect(after.version).toBe(6);
    expect(await after.get('meta', 'note')).toBe('kept');
    after.close();
  });
});
