import { beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { FINISHED, newTask, type Role, type Task } from '../../lib/model';
import { waitingCount } from '../../lib/model/sections';
import {
  acknowledgePush,
  applyLocalChange,
  applyPulledPage,
  authorDeviceId,
  countWaitingTasks,
  listDrafts,
  listRecords,
  openZuarbeitDb,
  readSession,
  readSessionAndHead,
  readTaskListHead,
  rebuildTaskRows,
  sessionSide,
  setKnownDevices,
  takeOutboxBatch,
  taskLastWord,
  threadLastWords,
  type Db,
  type FieldChange,
  type RemoteChange,
} from '../../lib/store';
import { buildAllTaskRows, countRows, type TaskRow } from '../../lib/store/task-rows';
import { formatHlc } from '../../lib/protocol/hlc';
import { prepareTaskList, STANDING_NOT_LOADED } from '../../lib/ui/task-list';
import { openV6Database } from './v6-schema';

const NOW = Date.parse('2026-12-01T12:00:00.000Z');
const OTHER = 'bbbbbbbbbbbbbbbb';
const SAME_SIDE = 'cccccccccccccccc';
const STRANGER = 'dddddddddddddddd';

function task(id: string, overrides: Partial<Task> = {}): Task {
  return newTask({
    id,
    title: `Aufgabe ${id}`,
    kind: 'research',
    instructions: 'Fristen prüfen',
    source: { type: 'page', url: `https://www.example.com/${id}`, title: `Seite ${id}`, capturedAt: '2026-11-27T05:00:00.000Z' },
    createdAt: '2026-11-27T05:00:00.000Z',
    ...overrides,
  });
}

const fields = (entity: 'task' | 'comment', record: { id: string; [field: string]: unknown }): FieldChange[] =>
  Object.entries(record)
    .filter(([field, value]) => field !== 'id' && value !== undefined)
    .map(([field, value]) => ({ entity, id: record.id, field, value }));

const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));

/** The list rows as stored: in their task records (version 8). */
async function storedRows(db: Db): Promise<TaskRow[]> {
  return (await db.getAll('task')).flatMap((record) => (record.row ? [record.row] : []));
}

const storedRow = async (db: Db, id: string) => (await db.get('task', id))?.row;

async function expectIndexMatchesRebuild(db: Db) {
  const [tasks, comments, rows, keys, counts] = await Promise.all([
    db.getAll('task'),
    db.getAll('comment'),
    storedRows(db),
    db.getAllKeys('taskRowCount'),
    db.getAll('taskRowCount'),
  ]);
  const rebuilt = buildAllTaskRows(tasks, comments);
  expect(byId(rows)).toEqual(byId(rebuilt));
  expect(new Map(keys.map((key, i) => [key, counts[i]]))).toEqual(countRows(rebuilt));
}

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
});

const taskIds = ['t1', 't2', 't3', 't4'];
const commentIds = ['c1', 'c2', 'c3', 'c4', 'c5'];
const statuses = ['new', 'accepted', 'in-progress', 'question', 'review', 'done', 'archived'] as const;

/** One write: a task or comment field, locally or from another device, or a push acknowledged with hlc-taken. */
const operation = fc.oneof(
  fc.record({
    type: fc.constant('task' as const),
    remote: fc.boolean(),
    id: fc.constantFrom(...taskIds),
    patch: fc.oneof(
      fc.constant({ create: true }),
      fc.record({ status: fc.constantFrom(...statuses) }),
      fc.record({ due: fc.constantFrom(null, '2026-12-03', '2026-12-05') }),
      fc.record({ priority: fc.constantFrom('low', 'normal', 'high') }),
      fc.record({ deleted: fc.boolean() }),
      fc.record({ recurrence: fc.constantFrom(null, { every: 'week', interval: 1 }) }),
      fc.record({ title: fc.constantFrom('', 'Neu', 42) }),
    ),
  }),
  fc.record({
    type: fc.constant('comment' as const),
    remote: fc.boolean(),
    id: fc.constantFrom(...commentIds),
    taskId: fc.constantFrom(...taskIds),
    author: fc.constantFrom(OTHER, SAME_SIDE, STRANGER),
    minute: fc.integer({ min: 0, max: 5 }),
    deleted: fc.boolean(),
  }),
  fc.record({ type: fc.constant('ack' as const) }),
);

let hlcCounter = 0;
const remoteHlc = (device: string) => formatHlc({ millis: NOW - 60_000, counter: hlcCounter++, node: device });

type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

async function run(op: Operation) {
  if (op.type === 'ack') {
    const batch = await takeOutboxBatch(db, 5);
    await acknowledgePush(
      db,
      batch,
      batch.slice(0, 2).map((e) => ({ hlc: e.hlc, reason: 'hlc-taken' })),
      { now: () => NOW },
    );
    return;
  }
  let changes: FieldChange[];
  if (op.type === 'task') {
    changes =
      'create' in op.patch
        ? fields('task', task(op.id))
        : Object.entries(op.patch).map(([field, value]) => ({ entity: 'task', id: op.id, field, value }));
  } else {
    const createdAt = new Date(Date.UTC(2026, 10, 28, 5, op.minute)).toISOString();
    changes = fields('comment', { id: op.id, taskId: op.taskId, body: 'Frage', authorDevice: op.author, createdAt, deleted: op.deleted });
  }
  if (op.remote) {
    const device = op.type === 'comment' ? op.author : OTHER;
    const hlc = remoteHlc(device);
    const remote: RemoteChange[] = changes.map((c) => ({ ...c, hlc, device }));
    await applyPulledPage(db, { changes: remote, cursor: hlcCounter, now: () => NOW });
  } else {
    await applyLocalChange(db, changes, { now: () => NOW });
  }
}

async function fullList(role: Role) {
  const [tasks, drafts, words] = await Promise.all([listRecords(db, 'task'), listDrafts(db), threadLastWords(db)]);
  return { list: prepareTaskList(tasks.records, drafts.records, role, words, STANDING_NOT_LOADED), skipped: tasks.skipped };
}

describe('the task list index (issue 14)', () => {
  it('equals a rebuild from the records after any sequence of local and remote task and comment writes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 25 }), async (ops) => {
        globalThis.indexedDB = new IDBFactory();
        db = await openZuarbeitDb('test');
        for (const op of ops) await run(op);
        await expectIndexMatchesRebuild(db);
        db.close();
      }),
      { numRuns: 40 },
    );
  });

  it('gives the first rows and counts of each section as the full list has them, for both roles', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operation, { minLength: 1, maxLength: 30 }),
        fc.constantFrom<Role>('client', 'assistant'),
        fc.integer({ min: 1, max: 3 }),
        async (ops, role, limit) => {
          globalThis.indexedDB = new IDBFactory();
          db = await openZuarbeitDb('test');
          // SAME_SIDE is a device of this role: its comments are "mine".
          await setKnownDevices(db, [
            { id: SAME_SIDE, role: 'client' },
            { id: OTHER, role: 'assistant' },
          ]);
          for (const op of ops) await run(op);
          // The side in this test is the client's (getRole without connection); the sections follow the role asked.
          const head = await readTaskListHead(db, role, limit);
          const { list, skipped } = await fullList(role);
          for (const section of ['waiting', 'done'] as const) {
            expect(head.rows[section].map((r) => r.id)).toEqual(list[section].slice(0, limit).map((r) => r.row.id));
            expect(head.counts[section]).toBe(list[section].length);
          }
          expect(head.rows.open.map((r) => r.id)).toEqual(list.open.slice(0, limit).map((r) => r.row.id));
          expect(head.counts.open).toBe(list.open.length);
          expect(head.total).toBe(list.total);
          expect(head.skipped).toBe(skipped);
          // The popup's first screen reads the same head with the session, in one transaction (the client's here).
          if (role === 'client') expect((await readSessionAndHead(db, limit)).head).toEqual(head);
          // The task view's last word reads one thread only, and says what the whole list's does.
          const words = await threadLastWords(db);
          for (const { id } of await db.getAll('task')) expect(await taskLastWord(db, id)).toBe(words.get(id));
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals a rebuild after pulled pages of many tasks and comments at once (the page reads only what it does not hold)', async () => {
    // One page: several task and comment writes of other devices, possibly comments before their task,
    // a comment moved to another task, and tasks or comments the page refuses.
    const pageOp = fc.oneof(
      fc.record({
        type: fc.constant('task' as const),
        id: fc.constantFrom(...taskIds),
        status: fc.constantFrom(...statuses),
        full: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('comment' as const),
        id: fc.constantFrom(...commentIds),
        taskId: fc.constantFrom(...taskIds),
        author: fc.constantFrom(OTHER, SAME_SIDE, STRANGER),
        minute: fc.integer({ min: 0, max: 2 }),
        deleted: fc.boolean(),
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ ops: fc.array(pageOp, { maxLength: 8 }), refuseTask: fc.constantFrom(null, ...taskIds) }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        async (pages, seeded) => {
          globalThis.indexedDB = new IDBFactory();
          db = await openZuarbeitDb('test');
          // A task stored as the v7 migration found it (no field clocks), so not every stored record has clocks.
          if (seeded) await db.put('task', { id: 't1', data: task('t1') as unknown as Record<string, unknown>, clocks: {} });
          if (seeded) await rebuildTaskRows(db);
          for (const { ops, refuseTask } of pages) {
            const changes: RemoteChange[] = [];
            for (const op of ops) {
              const device = op.type === 'comment' ? op.author : OTHER;
              const hlc = remoteHlc(device);
              const written: FieldChange[] =
                op.type === 'task'
                  ? op.full
                    ? fields('task', task(op.id, { status: op.status }))
                    : [{ entity: 'task', id: op.id, field: 'status', value: op.status }]
                  : fields('comment', {
                      id: op.id,
                      taskId: op.taskId,
                      body: 'Frage',
                      authorDevice: op.author,
                      createdAt: new Date(Date.UTC(2026, 10, 28, 5, op.minute)).toISOString(),
                      deleted: op.deleted,
                    });
              changes.push(...written.map((c) => ({ ...c, hlc, device })));
            }
            await applyPulledPage(db, {
              changes,
              cursor: hlcCounter,
              now: () => NOW,
              refuse: (change) => (change.entity === 'task' && change.id === refuseTask ? 'not-allowed' : null),
            });
            await expectIndexMatchesRebuild(db);
          }
          db.close();
        },
      ),
      { numRuns: 60 },
    );
  });

  it('equals a rebuild after a page of new tasks with comments into an empty store, and after one commenting them', async () => {
    const page = (changes: FieldChange[], device = OTHER): RemoteChange[] => {
      const hlc = remoteHlc(device);
      return changes.map((c) => ({ ...c, hlc, device }));
    };
    const comment = (id: string, taskId: string, minute: number, author = OTHER) =>
      fields('comment', {
        id,
        taskId,
        body: 'Frage',
        authorDevice: author,
        createdAt: new Date(Date.UTC(2026, 10, 28, 5, minute)).toISOString(),
      });
    await applyPulledPage(db, {
      changes: [
        ...page(fields('task', task('t1', { status: 'question' }))),
        ...page(fields('task', task('t2'))),
        ...page(comment('c2', 't1', 1)),
        ...page(comment('c1', 't1', 1, SAME_SIDE), SAME_SIDE),
        ...page(comment('c3', 't3', 0)),
      ],
      cursor: 1,
      now: () => NOW,
    });
    await expectIndexMatchesRebuild(db);
    // c1 and c2 tie on createdAt: the first by id is the thread's last word.
    expect(await storedRow(db, 't1')).toMatchObject({ lastAuthor: SAME_SIDE });
    await applyPulledPage(db, {
      changes: [...page(comment('c4', 't2', 3)), ...page(fields('task', task('t3'))), ...page(comment('c2', 't1', 4))],
      cursor: 2,
      now: () => NOW,
    });
    await expectIndexMatchesRebuild(db);
    expect(await storedRow(db, 't1')).toMatchObject({ lastAuthor: OTHER });
    expect(await storedRow(db, 't3')).toMatchObject({ lastAuthor: OTHER, live: 1 });
  });

  it('counts the tasks waiting for a role as waitingCount of the records does (the badge), standing tasks included', async () => {
    // Every run starts from stored tasks (some standing, in any status), then any writes.
    const seed = fc.array(
      fc.record({
        id: fc.constantFrom(...taskIds),
        remote: fc.boolean(),
        status: fc.constantFrom(...statuses),
        recurrence: fc.constantFrom(null, { every: 'week' as const, interval: 1 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    let standingSeen = 0;
    await fc.assert(
      fc.asyncProperty(
        seed,
        fc.array(operation, { maxLength: 25 }),
        fc.constantFrom<Role>('client', 'assistant'),
        async (seeds, ops, role) => {
          globalThis.indexedDB = new IDBFactory();
          db = await openZuarbeitDb('test');
          await setKnownDevices(db, [
            { id: SAME_SIDE, role: 'client' },
            { id: OTHER, role: 'assistant' },
          ]);
          for (const { id, remote, status, recurrence } of seeds) {
            await run({ type: 'task', remote, id, patch: { create: true } });
            await run({ type: 'task', remote, id, patch: { status } });
            await run({ type: 'task', remote, id, patch: { recurrence } });
          }
          for (const op of ops) await run(op);
          const [{ records }, words] = await Promise.all([listRecords(db, 'task'), threadLastWords(db)]);
          if (records.some((t) => t.recurrence !== null && !FINISHED.includes(t.status))) standingSeen++;
          const expected = waitingCount(records, role, words);
          expect(await countWaitingTasks(db, role)).toBe(expected);
          // With the side given (the badge passes the session's).
          expect(await countWaitingTasks(db, role, sessionSide(await readSession(db)))).toBe(expected);
          db.close();
        },
      ),
      { numRuns: 80 },
    );
    // The runs covered standing tasks not finished (in no range of the index).
    expect(standingSeen).toBeGreaterThan(10);
  });

  it('reads the session with the head: a new device gets its clock, and the head is seen from its side', async () => {
    await applyLocalChange(db, fields('task', task('t1', { status: 'question' })));
    // An assistant's question: waits for this (client) device.
    await applyLocalChange(
      db,
      fields('comment', { id: 'c1', taskId: 't1', body: 'Frage', authorDevice: OTHER, createdAt: '2026-11-28T05:00:00.000Z' }),
    );
    await setKnownDevices(db, [{ id: OTHER, role: 'assistant' }]);
    const { session, head } = await readSessionAndHead(db, 10);
    expect(session).toEqual(await readSession(db));
    expect(session.me).toBe(await authorDeviceId(db));
    expect(head).toEqual(await readTaskListHead(db, 'client', 10, sessionSide(session)));
    expect(head.counts).toEqual({ waiting: 1, open: 0, done: 0 });

    globalThis.indexedDB = new IDBFactory();
    const fresh = await openZuarbeitDb('fresh');
    const first = await readSessionAndHead(fresh, 10);
    expect(first.head).toEqual({
      rows: { waiting: [], open: [], done: [] },
      counts: { waiting: 0, open: 0, done: 0 },
      total: 0,
      skipped: 0,
    });
    // Its node id is written once and stays.
    expect(first.session.me).toBe(await authorDeviceId(fresh));
    fresh.close();
  });

  it('counts a comment of this device as mine', async () => {
    await applyLocalChange(db, fields('task', task('t1', { status: 'question' })));
    const me = await authorDeviceId(db);
    await applyLocalChange(
      db,
      fields('comment', { id: 'c1', taskId: 't1', body: 'Frage', authorDevice: me, createdAt: '2026-11-28T05:00:00.000Z' }),
    );
    const head = await readTaskListHead(db, 'client', 10);
    expect(head.counts).toEqual({ waiting: 0, open: 1, done: 0 });
    expect(head.rows.open[0]).toMatchObject({ id: 't1', title: 'Aufgabe t1', domain: 'example.com', lastAuthor: me });
  });

  it('is rebuilt by the v7 migration from a large v6 store, invalid records skipped', async () => {
    globalThis.indexedDB = new IDBFactory();
    const old = await openV6Database('v6');
    const tx = old.transaction(['task', 'comment'], 'readwrite');
    for (let i = 0; i < 5_000; i++) {
      const data = task(`task-${String(i).padStart(4, '0')}`, {
        status: statuses[i % statuses.length],
        due: i % 3 ? null : `2026-12-0${1 + (i % 9)}`,
        createdAt: new Date(Date.UTC(2026, 10, 27, 5, 0, i % 60)).toISOString(),
      });
      void tx.objectStore('task').put({ id: data.id, data, clocks: {} });
      if (i % 7 === 0) {
        const comment = {
          id: `c-${i}`,
          taskId: data.id,
          body: 'Frage',
          authorDevice: i % 2 ? OTHER : SAME_SIDE,
          createdAt: '2026-11-28T05:00:00.000Z',
        };
        void tx.objectStore('comment').put({ id: comment.id, data: comment, clocks: {} });
      }
    }
    void tx.objectStore('task').put({ id: 'broken', data: { id: 'broken', title: 7 }, clocks: {} });
    await tx.done;
    old.close();

    db = await openZuarbeitDb('v6');
    expect(await storedRows(db)).toHaveLength(5_001);
    await expectIndexMatchesRebuild(db);
    for (const role of ['client', 'assistant'] as const) {
      const head = await readTaskListHead(db, role, 60);
      const { list, skipped } = await fullList(role);
      expect(head.skipped).toBe(1);
      expect(skipped).toBe(1);
      expect(head.total).toBe(list.total);
      for (const section of ['waiting', 'open', 'done'] as const) {
        expect(head.counts[section]).toBe(list[section].length);
        expect(head.rows[section].map((r) => r.id)).toEqual(list[section].slice(0, 60).map((r) => r.row.id));
      }
    }
    // Rebuilding again changes nothing.
    const before = await storedRows(db);
    await rebuildTaskRows(db);
    expect(byId(await storedRows(db))).toEqual(byId(before));
  }, 60_000);
});
