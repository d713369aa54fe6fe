// Issue 16, defect 8: the background writes what a closed page handed it and had not saved.
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { acceptPendingEdits, UnknownDatabaseError, type PendingEditsPort } from '../../lib/background/pending-edits';
import { pendingEditsSender, type PendingEditsRuntime } from '../../lib/browser/pending-edits';
import { newTask, type TaskDraft } from '../../lib/model';
import { createTask, getDraft, getRecord, openZuarbeitDb, PENDING_EDITS_PORT, saveDraft, writePendingEdit, type Db } from '../../lib/store';

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb(`pending-${crypto.randomUUID()}`);
  await createTask(db, newTask({ id: 't', title: 'Gutachten' }));
});

/** A page and the background joined by one in-memory port; `close()` is the page going away. */
function channel(name = PENDING_EDITS_PORT) {
  const toBackground: ((message: unknown) => void)[] = [];
  const backgroundGone: (() => void)[] = [];
  const pageGone: (() => void)[] = [];
  const port: PendingEditsPort = {
    name,
    onMessage: { addListener: (listener) => toBackground.push(listener) },
    onDisconnect: { addListener: (listener) => backgroundGone.push(listener) },
  };
  let connects = 0;
  const runtime: PendingEditsRuntime = {
    connect: (info) => {
      connects++;
      expect(info.name).toBe(PENDING_EDITS_PORT);
      return {
        // Chrome serialises port messages as JSON.
        postMessage: (message) => toBackground.forEach((listener) => listener(JSON.parse(JSON.stringify(message)))),
        onDisconnect: { addListener: (listener) => pageGone.push(listener) },
      };
    },
  };
  const errors: unknown[] = [];
  // The background opens only registered workspaces by their database's name: here `db` alone.
  acceptPendingEdits(
    port,
    async (name) => (name === db.name ? db : null),
    (error) => errors.push(error),
  );
  return {
    runtime,
    connects: () => connects,
    send: (message: unknown) => toBackground.forEach((listener) => listener(message)),
    /** The page goes away; resolves once the background's writes had time to land. */
    close: async ({ refused = 0 } = {}) => {
      backgroundGone.forEach((listener) => listener());
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(errors).toHaveLength(refused);
      return errors;
    },
    backgroundRestarts: () => pageGone.forEach((listener) => listener()),
  };
}

describe('pending edits handed to the background', () => {
  it('writes the latest unsaved edit when the page goes away', async () => {
    const { runtime, close } = channel();
    const sender = pendingEditsSender(runtime);
    sender.pending('form', { entity: 'task', id: 't', patch: { title: 'Gutachten – F' } }, db.name);
    sender.pending('form', { entity: 'task', id: 't', patch: { title: 'Gutachten – Fassung 2' } }, db.name);
    await close();
    await expect.poll(async () => (await getRecord(db, 'task', 't'))?.title).toBe('Gutachten – Fassung 2');
  });

  it('writes nothing the page saved or dropped itself', async () => {
    const { runtime, close } = channel();
    const sender = pendingEditsSender(runtime);
    sender.pending('form', { entity: 'task', id: 't', patch: { title: 'dropped' } }, db.name);
    sender.settled('form');
    await close();
    expect((await getRecord(db, 'task', 't'))?.title).toBe('Gutachten');
  });

  it('ignores messages that are not pending edits, and edits with invalid values', async () => {
    const { send, close } = channel();
    send({ type: 'pending', key: 'x', db: db.name, edit: { entity: 'task', id: 't', patch: { status: 'bogus' } } });
    send({ type: 'pending', key: 'y', db: db.name, edit: { entity: 'comment', id: 'c', patch: { body: 'hi' } } });
    // A page of the version before workspaces names no database: never written.
    send({ type: 'pending', key: 'z', edit: { entity: 'task', id: 't', patch: { title: 'no database named' } } });
    send('garbage');
    await close();
    expect((await getRecord(db, 'task', 't'))?.status).toBe('new');
    expect((await getRecord(db, 'task', 't'))?.title).toBe('Gutachten');
    expect(await db.count('outbox')).toBe(1);
  });

  it('refuses an edit naming a database that is no registered workspace’s (issue 13)', async () => {
    const { send, close } = channel();
    send({ type: 'pending', key: 'x', db: 'zuarbeit-elsewhere', edit: { entity: 'task', id: 't', patch: { title: 'smuggled' } } });
    send({ type: 'pending', key: 'y', db: db.name, edit: { entity: 'task', id: 't', patch: { priority: 'high' } } });
    const [error] = await close({ refused: 1 });
    expect(error).toBeInstanceOf(UnknownDatabaseError);
    expect(error).toMatchObject({ dbName: 'zuarbeit-elsewhere' });
    // The edit of the registered workspace is written; the other is not, anywhere.
    await expect.poll(() => getRecord(db, 'task', 't')).toMatchObject({ title: 'Gutachten', priority: 'high' });
  });

  it('follows only its own port', async () => {
    const other = channel('something-else');
    other.send({ type: 'pending', key: 'x', db: db.name, edit: { entity: 'task', id: 't', patch: { title: 'not mine' } } });
    await other.close();
    expect((await getRecord(db, 'task', 't'))?.title).toBe('Gutachten');
  });

  it('sends every pending edit again over a new port when the background restarted', async () => {
    const first = channel();
    const sender = pendingEditsSender(first.runtime);
    sender.pending('a', { entity: 'task', id: 't', patch: { title: 'after restart' } }, db.name);
    first.backgroundRestarts();
    sender.pending('b', { entity: 'task', id: 't', patch: { priority: 'high' } }, db.name);
    expect(first.connects()).toBe(2);
    await first.close();
    await expect.poll(() => getRecord(db, 'task', 't')).toMatchObject({ title: 'after restart', priority: 'high' });
  });
});

describe('writePendingEdit', () => {
  const draft = (): TaskDraft =>
    ({
      ...newTask({ id: 'd', title: 'Entwurf' }),
      updatedAt: '2026-12-01T10:00:00.000Z',
    }) as unknown as TaskDraft;

  it('merges a draft edit into the stored draft', async () => {
    const stored = draft();
    await saveDraft(db, stored);
    await writePendingEdit(db, { entity: 'draft', id: 'd', patch: { title: 'Entwurf, überarbeitet' } }, new Date('2026-12-01T11:00:00Z'));
    expect(await getDraft(db, 'd')).toMatchObject({ title: 'Entwurf, überarbeitet', updatedAt: '2026-12-01T11:00:00.000Z' });
  });

  it('never brings back a draft that was delegated or discarded, nor a deleted task', async () => {
    await writePendingEdit(db, { entity: 'draft', id: 'gone', patch: { title: 'x' } });
    expect(await getDraft(db, 'gone')).toBeUndefined();
    await writePendingEdit(db, { entity: 'task', id: 'missing', patch: { title: 'x' } });
    expect(await getRecord(db, 'task', 'missing')).toBeUndefined();
  });
});
