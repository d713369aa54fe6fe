// The workspace registry (issue 13): each workspace its own database, the single-workspace
// database becoming the first workspace unchanged, leaving one deleting exactly its data.
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import {
  addComment,
  affectsWorkspaces,
  createTask,
  DatabaseGoneError,
  listRecords,
  onStoreChange,
  openZuarbeitDb,
  saveDraft,
  listDrafts,
  META,
  type Db,
  type StoreChange,
} from '../../lib/store';
import {
  addWorkspace,
  delegateOrder,
  FIRST_WORKSPACE,
  getCurrentWorkspace,
  listWorkspaces,
  MAX_WORKSPACES,
  noteDelegatedTo,
  openRegistry,
  removeWorkspace,
  setCurrentWorkspace,
  updateWorkspace,
  workspaceDb,
  type Registry,
} from '../../lib/store/workspaces';
import { getConnection, setConnection } from '../../lib/sync/connection';
import { makeConnection } from '../ui/helpers';

let run = 0;
let registryName: string;
let firstName: string;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  run++;
  registryName = `registry-${run}`;
  firstName = `zuarbeit-first-${run}`;
});

const draft = (id: string) => ({ ...newTask({ id, title: 'Entwurf' }), updatedAt: new Date().toISOString() });
const open = (): Promise<Registry> => openRegistry(registryName, firstName);

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((d) => d.name ?? '');
}

describe('workspace registry', () => {
  it('turns the database of the single-workspace version into the first workspace, with nothing lost and no re-pairing', async () => {
    // Written by the current single-workspace code: a connection, a task with a comment, a draft.
    const legacy = await openZuarbeitDb(firstName);
    await setConnection(legacy, makeConnection({ role: 'client', deviceId: 'dev-client', workspaceId: 'ws-kanzlei' }));
    await createTask(legacy, newTask({ id: 't1', title: 'Urteil zusammenfassen' }));
    await addComment(legacy, 't1', 'Bitte bis Freitag');
    await saveDraft(legacy, draft('d1'));
    const outboxBefore = await legacy.count('outbox');
    legacy.close();

    const registry = await open();
    const [first, ...others] = await listWorkspaces(registry);
    expect(others).toEqual([]);
    expect(first).toMatchObject({ id: FIRST_WORKSPACE, dbName: firstName });
    const db = await workspaceDb(first);
    expect((await getConnection(db))?.workspaceId).toBe('ws-kanzlei');
    expect((await listRecords(db, 'task')).records.map((t) => t.title)).toEqual(['Urteil zusammenfassen']);
    expect((await listRecords(db, 'comment')).records).toHaveLength(1);
    expect((await listDrafts(db)).records.map((d) => d.id)).toEqual(['d1']);
    expect(await db.count('outbox')).toBe(outboxBefore);
    // Opening again registers nothing twice.
    registry.close();
    expect(await listWorkspaces(await open())).toHaveLength(1);
  });

  it('keeps every workspace’s records, drafts, outbox and settings apart', async () => {
    const registry = await open();
    const [first] = await listWorkspaces(registry);
    const second = await addWorkspace(registry, { label: 'Praxis Dr. Weber — Anna' });
    const a = await workspaceDb(first);
    const b = await workspaceDb(second);
    await setConnection(a, makeConnection({ role: 'client', deviceId: 'dev-a', workspaceId: 'ws-a' }));
    await setConnection(b, makeConnection({ role: 'assistant', deviceId: 'dev-b', workspaceId: 'ws-b' }));
    await createTask(a, newTask({ id: 'only-a', title: 'Kanzlei' }));
    await createTask(b, newTask({ id: 'only-b', title: 'Praxis' }));
    await saveDraft(b, draft('draft-b'));

    const ids = async (db: Db) => ({
      tasks: (await listRecords(db, 'task')).records.map((t) => t.id),
      drafts: (await listDrafts(db)).records.map((d) => d.id),
      outbox: (await db.getAll('outbox')).map((g) => g.id),
      workspace: (await getConnection(db))?.workspaceId,
      role: (await db.get('meta', META.connection)) ? (await getConnection(db))?.role : null,
    });
    expect(await ids(a)).toEqual({ tasks: ['only-a'], drafts: [], outbox: ['only-a'], workspace: 'ws-a', role: 'client' });
    expect(await ids(b)).toEqual({ tasks: ['only-b'], drafts: ['draft-b'], outbox: ['only-b'], workspace: 'ws-b', role: 'assistant' });
    expect(second.dbName).not.toBe(first.dbName);
  });

  it('leaving a workspace deletes exactly its database; keeping its data keeps both', async () => {
    const registry = await open();
    const [first] = await listWorkspaces(registry);
    const second = await addWorkspace(registry, { label: 'Zweiter' });
    const third = await addWorkspace(registry, { label: 'Dritter' });
    for (const entry of [first, second, third])
      await createTask(await workspaceDb(entry), newTask({ id: `t-${entry.id}`, title: entry.id }));
    await setCurrentWorkspace(registry, second.id);

    await removeWorkspace(registry, third.id, { keepData: true });
    expect((await listWorkspaces(registry)).map((w) => w.id)).toEqual([first.id, second.id, third.id]);

    await removeWorkspace(registry, second.id, { keepData: false });
    expect((await listWorkspaces(registry)).map((w) => w.id)).toEqual([first.id, third.id]);
    const names = await databaseNames();
    expect(names).not.toContain(second.dbName);
    expect(names).toContain(first.dbName);
    expect(names).toContain(third.dbName);
    // The current workspace was the one removed: the first is shown again.
    expect((await getCurrentWorkspace(registry)).id).toBe(first.id);
    expect((await listRecords(await workspaceDb(first), 'task')).records.map((t) => t.id)).toEqual([`t-${first.id}`]);
    expect((await listRecords(await workspaceDb(third), 'task')).records.map((t) => t.id)).toEqual([`t-${third.id}`]);
    // Reopened, the removed workspace's database is empty: nothing of it survived.
    const reopened = await openZuarbeitDb(second.dbName);
    expect(await reopened.count('task')).toBe(0);
    reopened.close();

    await removeWorkspace(registry, third.id, { keepData: false });
    await expect(removeWorkspace(registry, first.id, { keepData: false })).rejects.toMatchObject({ reason: 'last' });
    await expect(removeWorkspace(registry, 'ws-nope', { keepData: false })).rejects.toMatchObject({ reason: 'unknown' });
  });

  it('names, colours, the current one, the delegate menu order and the limits', async () => {
    const registry = await open();
    const [first] = await listWorkspaces(registry);
    const second = await addWorkspace(registry, { label: '  Kanzlei\u0000 Nowag \n— Anna ' });
    expect(second.label).toBe('Kanzlei Nowag — Anna');
    expect(first.label).toBe('');
    await expect(addWorkspace(registry, { label: 'x'.repeat(81) })).rejects.toMatchObject({ reason: 'bad-label' });
    await expect(updateWorkspace(registry, second.id, { colour: 'pink' as never })).rejects.toThrow();
    expect((await updateWorkspace(registry, first.id, { label: 'Test', colour: 'grey' })).colour).toBe('grey');

    expect((await getCurrentWorkspace(registry)).id).toBe(first.id);
    await setCurrentWorkspace(registry, second.id);
    expect((await getCurrentWorkspace(registry)).id).toBe(second.id);
    await expect(setCurrentWorkspace(registry, 'ws-nope')).rejects.toMatchObject({ reason: 'unknown' });

    expect(delegateOrder(await listWorkspaces(registry)).map((w) => w.id)).toEqual([first.id, second.id]);
    await noteDelegatedTo(registry, second.id, new Date('2027-01-01T11:00:00Z'));
    expect(delegateOrder(await listWorkspaces(registry)).map((w) => w.id)).toEqual([second.id, first.id]);
    await noteDelegatedTo(registry, first.id, new Date('2027-01-01T12:00:00Z'));
    expect(delegateOrder(await listWorkspaces(registry)).map((w) => w.id)).toEqual([first.id, second.id]);

    for (let i = 2; i < MAX_WORKSPACES; i++) await addWorkspace(registry);
    await expect(addWorkspace(registry)).rejects.toMatchObject({ reason: 'too-many' });
    expect(await listWorkspaces(registry)).toHaveLength(MAX_WORKSPACES);
  });

  it('never brings a left workspace’s database back: a late reader holding its entry gets DatabaseGoneError', async () => {
    const registry = await open();
    const second = await addWorkspace(registry, { label: 'Praxis Berg' });
    expect(await databaseNames()).toContain(second.dbName);
    await removeWorkspace(registry, second.id, { keepData: false });
    // A view or a sync that listed the registry before the removal opens the entry afterwards.
    await expect(workspaceDb(second)).rejects.toBeInstanceOf(DatabaseGoneError);
    expect(await databaseNames()).not.toContain(second.dbName);
    // The first workspace may still be created fresh (a new installation).
    const [first] = await listWorkspaces(registry);
    await expect(workspaceDb(first)).resolves.toBeDefined();
  });

  it('tells every view when the registry changed (added, renamed, made current, left)', async () => {
    const registry = await open();
    const heard: StoreChange[] = [];
    const stop = onStoreChange((change) => heard.push(change), { name: firstName });
    const second = await addWorkspace(registry, { label: 'Zweiter Mandant' });
    await updateWorkspace(registry, second.id, { colour: 'teal' });
    await setCurrentWorkspace(registry, second.id);
    await removeWorkspace(registry, second.id, { keepData: false });
    stop();
    // Registry changes name no database, so a view scoped to its own workspace hears them too.
    expect(heard.filter(affectsWorkspaces)).toEqual(Array(4).fill({ kind: 'workspaces', ids: [second.id] }));
  });

  it('leaves out an unreadable entry instead of failing', async () => {
    const registry = await open();
    await registry.put('workspace', { id: 'broken', dbName: 42 } as never);
    expect((await listWorkspaces(registry)).map((w) => w.id)).toEqual([FIRST_WORKSPACE]);
  });
});

describe('registry start (issue 14)', () => {
  it('registers the first workspace when it is created, and gives it back should every entry be lost', async () => {
    const registry = await open();
    expect((await listWorkspaces(registry)).map((entry) => entry.dbName)).toEqual([firstName]);
    // Damage: the entries are gone (the last workspace cannot be removed, so only by a broken profile).
    await registry.clear('workspace');
    const current = await getCurrentWorkspace(registry);
    expect(current).toMatchObject({ id: FIRST_WORKSPACE, dbName: firstName });
    expect(await listWorkspaces(registry)).toHaveLength(1);
    registry.close();
    // Opening again writes nothing and finds it.
    const again = await open();
    expect((await getCurrentWorkspace(again)).dbName).toBe(firstName);
    again.close();
  });
});
