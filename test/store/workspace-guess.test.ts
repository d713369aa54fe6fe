// @vitest-environment happy-dom
// Issue 14: a view opens the workspace it showed last while the registry is read. The guess is
// the same database the registry then names, and it never creates or migrates a database.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, it } from 'vitest';
import { DB_VERSION, openZuarbeitDb, openZuarbeitDbIfCurrent } from '../../lib/store';
import { guessCurrentWorkspaceDb, openCurrentWorkspace, openRegistry, workspaceDb } from '../../lib/store/workspaces';
import { openV6Database } from './v6-schema';

let run = 0;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  localStorage.clear();
  run++;
});

const names = async () => (await indexedDB.databases()).map((d) => `${d.name}@${d.version}`);

it('guesses nothing without a hint', async () => {
  expect(await guessCurrentWorkspaceDb()).toBeUndefined();
});

it('notes the workspace a view shows, and the next guess is the database the registry names', async () => {
  const registry = await openRegistry(`registry-g${run}`, `first-g${run}`);
  const { entry, db } = await openCurrentWorkspace(registry);
  expect(entry.dbName).toBe(`first-g${run}`);
  expect(await guessCurrentWorkspaceDb()).toBe(db);
});

it('opens the hinted database before the registry names it, and hands the same connection on', async () => {
  const name = `shown-${run}`;
  (await openZuarbeitDb(name)).close();
  localStorage.setItem('zuarbeit.shownDb', name);
  const guess = await guessCurrentWorkspaceDb();
  expect(guess?.name).toBe(name);
  expect(await workspaceDb({ id: 'w', dbName: name })).toBe(guess);
});

it('creates no database for a hint naming one that is gone', async () => {
  localStorage.setItem('zuarbeit.shownDb', `gone-${run}`);
  expect(await guessCurrentWorkspaceDb()).toBeUndefined();
  expect(await names()).not.toContainEqual(expect.stringContaining(`gone-${run}`));
  // Named by the registry later, it is created as usual.
  const db = await workspaceDb({ id: 'w', dbName: `gone-${run}` });
  expect(db.version).toBe(DB_VERSION);
});

it('leaves a database that needs a migration as it is', async () => {
  const name = `old-${run}`;
  (await openV6Database(name)).close();
  expect(await openZuarbeitDbIfCurrent(name)).toBeUndefined();
  localStorage.setItem('zuarbeit.shownDb', name);
  expect(await guessCurrentWorkspaceDb()).toBeUndefined();
  expect(await names()).toContain(`${name}@6`);
});
