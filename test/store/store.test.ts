import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask, type Task, type TaskDraft } from '../../lib/model';
import {
  addComment,
  addInstruction,
  applyLocalChange,
  applyPulledPage,
  createTask,
  delegateDraft,
  deleteRecord,
  getDraft,
  getRecord,
  listComments,
  listDrafts,
  listInstructions,
  listRecords,
  moveInstruction,
  onStoreChange,
  openZuarbeitDb,
  ensureDeviceClock,
  saveDraft,
  updateRecord,
  type Db,
  type StoreChange,
} from '../../lib/store';
import { HLC_PATTERN } from '../../lib/protocol/hlc';
import type { StoredRecord } from '../../lib/store/db';
import { fieldClocks } from '../../lib/store/field-clocks';

const clocksOf = (record: StoredRecord | undefined) => (record ? Object.fromEntries(fieldClocks(record)) : undefined);

function sampleTask(overrides: Partial<Task> = {}): Task {
  return newTask({
    id: crypto.randomUUID(),
    title: 'Urteil BGH VI ZR 1/25 zusammenfassen',
    kind: 'research',
    instructions: 'Bitte die Kernaussagen in fünf Punkten.',
    source: { type: 'page', url: 'https://www.bundesgerichtshof.de/x', title: 'BGH', capturedAt: '2026-11-27T05:00:00.000Z' },
    createdAt: '2026-11-27T05:00:00.000Z',
    ...overrides,
  });
}

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
});

describe('local changes', () => {
  it('writes fields, field clocks and one outbox group under one tick together', async () => {
    const task = await createTask(db, sampleTask());
    const stored = await db.get('task', task.id);
    expect(stored?.data.title).toBe(task.title);
    const outbox = await db.getAll('outbox');
    expect(outbox).toHaveLength(1);
    const [entry] = outbox;
    const { id, ...fields } = task;
    expect(entry).toMatchObject({ entity: 'task', id, fields });
    expect(entry.hlc).toMatch(HLC_PATTERN);
    for (const field of Object.keys(fields)) expect(clocksOf(stored)?.[field]).toBe(entry.hlc);
    expect(await getRecord(db, 'task', task.id)).toEqual(task);
  });

  it('ticks once per record, and splits a record too large for one body into groups with their own hlcs', async () => {
    const big = 'x'.repeat(40_000);
    const groups = await applyLocalChange(db, [
      { entity: 'task', id: 'a', field: 'title', value: 'A' },
      { entity: 'instruction', id: 'i', field: 'title', value: 'I' },
      { entity: 'task', id: 'a', field: 'instructions', value: big },
      { entity: 'task', id: 'a', field: 'result', value: { text: big, links: [] } },
    ]);
    expect(groups.map((g) => [g.entity, Object.keys(g.fields)])).toEqual([
      ['task', ['title', 'instructions']],
      ['task', ['result']],
      ['instruction', ['title']],
    ]);
    expect(new Set(groups.map((g) => g.hlc)).size).toBe(3);
    const stored = await db.get('task', 'a');
    expect(clocksOf(stored)).toEqual({ title: groups[0].hlc, instructions: groups[0].hlc, result: groups[1].hlc });
    expect((await db.getAll('outbox')).map(({ seq: _, ...entry }) => entry)).toEqual(groups);
  });

  it('keeps the clock in the store and moves it forward across reopen', async () => {
    await createTask(db, sampleTask());
    const before = await ensureDeviceClock(db);
    db.close();
    db = await openZuarbeitDb('test');
    const [change] = await applyLocalChange(db, [{ entity: 'task', id: 'x', field: 'title', value: 'a' }], { now: () => 0 });
    expect(change.hlc.endsWith(before.node)).toBe(true);
    expect(change.hlc > (await db.getAll('outbox')).slice(-2)[0].hlc).toBe(true);
  });

  it('updateRecord writes only the fields that changed', async () => {
    const task = await createTask(db, sampleTask());
    await db.clear('outbox');
    await updateRecord(db, 'task', task.id, { title: task.title, status: 'accepted', due: '2026-12-01' });
    const outbox = await db.getAll('outbox');
    expect(outbox.map((e) => e.fields)).toEqual([{ status: 'accepted', due: '2026-12-01' }]);
  });

  it('deletion is a field, and deleted records disappear from listings', async () => {
    const task = await createTask(db, sampleTask());
    await deleteRecord(db, 'task', task.id);
    expect((await db.get('task', task.id))?.data.deleted).toBe(true);
    expect((await listRecords(db, 'task')).records).toHaveLength(0);
  });

  it('announces changes to listeners', async () => {
    const seen: StoreChange[] = [];
    const stop = onStoreChange((c) => seen.push(c));
    const task = await createTask(db, sampleTask());
    stop();
    expect(seen).toContainEqual({ db: db.name, kind: 'task', ids: [task.id] });
  });
});

describe('invalid records', () => {
  it('are skipped and counted, never thrown', async () => {
    await createTask(db, sampleTask());
    await db.put('task', { id: 'future', data: { id: 'future', title: 'x', status: 'teleported' }, clocks: {} });
    await db.put('task', { id: 'partial', data: { id: 'partial', title: 'only a title' }, clocks: {} });
    const listing = await listRecords(db, 'task');
    expect(listing.records).toHaveLength(1);
    expect(listing.skipped).toBe(2);
    expect(await getRecord(db, 'task', 'future')).toBeUndefined();
  });
});

describe('remote changes', () => {
  const other = 'aaaaaaaaaaaaaaaa';
  const at = (n: number) => `2026-11-27T05:00:00.${String(n).padStart(3, '0')}Z-0000-${other}`;

  it('last writer wins per field, in any order, idempotently', async () => {
    const messages = [
      { entity: 'task' as const, id: 't', field: 'title', value: 'old', hlc: at(1), device: other },
      { entity: 'task' as const, id: 't', field: 'title', value: 'new', hlc: at(3), device: other },
      { entity: 'task' as const, id: 't', field: 'status', value: 'done', hlc: at(2), device: other },
    ];
    expect((await applyPulledPage(db, { changes: [messages[1], messages[0]], cursor: 2 })).applied).toBe(1);
    await applyPulledPage(db, { changes: [messages[2], messages[0], messages[1]], cursor: 3 });
    const stored = await db.get('task', 't');
    expect(stored?.data).toEqual({ id: 't', title: 'new', status: 'done' });
    expect(clocksOf(stored)).toEqual({ title: at(3), status: at(2) });
  });

  it('advances the local clock past the newest remote clock', async () => {
    const remote = `2099-01-01T00:00:00.000Z-0005-${other}`;
    await applyPulledPage(db, {
      changes: [{ entity: 'task', id: 't', field: 'title', value: 'x', hlc: remote, device: other }],
      cursor: 1,
      now: () => Date.parse('2098-12-31T12:00:00.000Z'),
    });
    const [local] = await applyLocalChange(db, [{ entity: 'task', id: 't', field: 'title', value: 'mine' }], {
      now: () => Date.parse('2098-12-31T12:00:00.000Z'),
    });
    expect(local.hlc > remote).toBe(true);
    expect((await db.get('task', 't'))?.data.title).toBe('mine');
  });

  it('refuses a batch from more than 24 hours in the future without writing anything', async () => {
    const remote = `2099-01-01T00:00:00.000Z-0000-${other}`;
    await expect(
      applyPulledPage(db, { changes: [{ entity: 'task', id: 't', field: 'title', value: 'x', hlc: remote, device: other }], cursor: 1 }),
    ).rejects.toThrow(/too far ahead/);
    expect(await db.get('task', 't')).toBeUndefined();
  });
});

describe('comments and standing instructions', () => {
  it('lists a task thread oldest first', async () => {
    const task = await createTask(db, sampleTask());
    await addComment(db, task.id, 'Zweite Frage', new Date('2026-11-27T06:00:00Z'));
    await addComment(db, task.id, 'Erste Frage', new Date('2026-11-27T05:30:00Z'));
    await addComment(db, 'other-task', 'Nicht hier', new Date('2026-11-27T05:00:00Z'));
    const { records } = await listComments(db, task.id);
    expect(records.map((c) => c.body)).toEqual(['Erste Frage', 'Zweite Frage']);
  });

  it('adds, reorders and deletes standing instructions', async () => {
    const a = await addInstruction(db, 'Quellen', 'Immer Quellen angeben');
    const b = await addInstruction(db, 'Anrede', 'Mandanten X duzen');
    const c = await addInstruction(db, 'Format', 'PDF liefern');
    await moveInstruction(db, c.id, -1);
    expect((await listInstructions(db)).records.map((i) => i.id)).toEqual([a.id, c.id, b.id]);
    await moveInstruction(db, c.id, -1);
    expect((await listInstructions(db)).records.map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    await moveInstruction(db, c.id, -1);
    expect((await listInstructions(db)).records.map((i) => i.id)).toEqual([c.id, a.id, b.id]);
    await moveInstruction(db, a.id, 1);
    expect((await listInstructions(db)).records.map((i) => i.id)).toEqual([c.id, b.id, a.id]);
    await deleteRecord(db, 'instruction', b.id);
    expect((await listInstructions(db)).records.map((i) => i.id)).toEqual([c.id, a.id]);
  });
});

describe('drafts', () => {
  const draft = (): TaskDraft => ({
    id: crypto.randomUUID(),
    title: 'Gutachten prüfen',
    kind: 'revise-text',
    instructions: '',
    source: {
      type: 'selection',
      url: 'https://example.com/a',
      title: 'A',
      quote: 'Absatz 1\n\nAbsatz 2',
      capturedAt: '2026-11-27T05:00:00.000Z',
    },
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    createdAt: '2026-11-27T05:00:00.000Z',
    updatedAt: '2026-11-27T05:00:00.000Z',
  });

  it('stay on this device and write nothing to the outbox', async () => {
    const d = draft();
    await saveDraft(db, d);
    expect(await getDraft(db, d.id)).toEqual(d);
    expect(await db.count('outbox')).toBe(0);
  });

  it('become a task atomically when delegated', async () => {
    const d = { ...draft(), instructions: 'Bitte Rechtschreibung prüfen' };
    await saveDraft(db, d);
    const task = await delegateDraft(db, d);
    expect((await listDrafts(db)).records).toHaveLength(0);
    expect(await getRecord(db, 'task', d.id)).toEqual(task);
    expect(task.status).toBe('new');
    expect(task.instructions).toBe('Bitte Rechtschreibung prüfen');
    expect((await db.getAll('outbox')).map((e) => e.id)).toEqual([task.id]);
  });

  it('refuses to save an invalid draft', async () => {
    await expect(saveDraft(db, { ...draft(), kind: 'nonsense' as never })).rejects.toThrow();
  });
});

describe('device identity', () => {
  it('keeps one author id from the first comment on, before any other write', async () => {
    const first = await addComment(db, 't', 'Erste');
    const second = await addComment(db, 't', 'Zweite');
    expect(second.authorDevice).toBe(first.authorDevice);
    expect((await ensureDeviceClock(db)).node).toBe(first.authorDevice);
  });
});

describe('time entries', () => {
  it('are logged with this device as author, listed per task by day, and refuse impossible durations', async () => {
    const { addTimeEntry, listTimeEntries } = await import('../../lib/store');
    const b = await addTimeEntry(db, { taskId: 't1', minutes: 30, date: '2026-11-28', note: '' });
    const a = await addTimeEntry(db, { taskId: 't1', minutes: 90, date: '2026-11-27', note: 'Recherche' });
    await addTimeEntry(db, { taskId: 't2', minutes: 10, date: '2026-11-27', note: '' });
    expect((await listTimeEntries(db, 't1')).records.map((e) => e.id)).toEqual([a.id, b.id]);
    expect(a.authorDevice).toBe((await ensureDeviceClock(db)).node);
    expect(Object.keys((await db.getAll('outbox')).filter((e) => e.entity === 'timeEntry' && e.id === a.id)[0].fields)[0]).toBe(
      'authorDevice',
    );
    await expect(addTimeEntry(db, { taskId: 't1', minutes: 0, date: '2026-11-27', note: '' })).rejects.toThrow();
    await expect(addTimeEntry(db, { taskId: 't1', minutes: 30, date: '27.11.2026', note: '' })).rejects.toThrow();
  });

  it('are read with their task and its thread in one transaction as the single reads give them', async () => {
    const { addTimeEntry, listTimeEntries, readTaskWithThread } = await import('../../lib/store');
    const task = await createTask(db, sampleTask());
    await addComment(db, task.id, 'Zweite Frage', new Date('2026-11-28T10:00:00.000Z'));
    const first = await addComment(db, task.id, 'Erste Frage', new Date('2026-11-28T09:00:00.000Z'));
    await addComment(db, 'other-task', 'Nicht diese');
    await addTimeEntry(db, { taskId: task.id, minutes: 30, date: '2026-11-28', note: '' });
    await addTimeEntry(db, { taskId: task.id, minutes: 45, date: '2026-11-27', note: 'Recherche' });
    await deleteRecord(db, 'comment', first.id);
    // A record a future version wrote: skipped and counted, as in the single reads.
    await db.put('timeEntry', { id: 'future', data: { id: 'future', taskId: task.id, minutes: 'viele' }, clocks: {} } as never);
    const read = await readTaskWithThread(db, task.id);
    expect(read).toEqual({
      task: await getRecord(db, 'task', task.id),
      comments: await listComments(db, task.id),
      entries: await listTimeEntries(db, task.id),
    });
    expect(read.comments.records.map((c) => c.body)).toEqual(['Zweite Frage']);
    expect(read.entries.records.map((e) => e.minutes)).toEqual([45, 30]);
    expect(read.entries.skipped).toBe(1);
    expect(await readTaskWithThread(db, 'no-such-task')).toEqual({
      task: undefined,
      comments: { records: [], skipped: 0 },
      entries: { records: [], skipped: 0 },
    });
  });
});
