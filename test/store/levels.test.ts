import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { LEVEL_FIELDS, newTask, WORKSPACE_SETTINGS_ID, type Task } from '../../lib/model';
import { addComment, authorDeviceId, createTask, getRecord, openZuarbeitDb, setHourlyRate, updateRecord, type Db } from '../../lib/store';
import { getLevelOverview, getLevelSettings, recordReviewOutcome, setKindLevel, setSuggestAfter } from '../../lib/store/levels';

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb(`levels-${crypto.randomUUID()}`);
  // Only Date: field clocks take their time from it, IndexedDB's callbacks keep running.
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2026-12-01T09:00:00.000Z'));
});
afterEach(() => {
  vi.useRealTimers();
  db.close();
});

const at = (iso: string) => vi.setSystemTime(new Date(iso));

/** A research task delivered for review (result written now). */
async function delivered(overrides: Partial<Task> = {}): Promise<Task> {
  return createTask(
    db,
    newTask({
      id: crypto.randomUUID(),
      title: 'Urteil',
      kind: 'research',
      level: null,
      status: 'review',
      result: { text: 'Zusammenfassung', links: [] },
      ...overrides,
    }),
  );
}

/** The client moves the task from review to `to`, as the task view does. */
async function move(task: Task, to: Task['status']) {
  const stored = await getRecord(db, 'task', task.id);
  await recordReviewOutcome(db, task.id, stored!.status, to);
  await updateRecord(db, 'task', task.id, { status: to });
}

describe('kind levels in the workspace settings', () => {
  it('start at 1, and a change is kept with who and when', async () => {
    expect((await getLevelSettings(db)).levels).toEqual({ research: 1, 'revise-text': 1, presentation: 1, other: 1 });
    at('2026-12-02T10:00:00.000Z');
    await setKindLevel(db, 'research', 3);
    await setKindLevel(db, 'research', 3);
    const settings = await getLevelSettings(db);
    expect(settings.levels.research).toBe(3);
    expect(settings.histories.research).toEqual([{ from: 1, to: 3, at: '2026-12-02T10:00:00.000Z', by: await authorDeviceId(db) }]);
    // One record for the workspace, shared with the hourly rate: neither write hides the other.
    await setHourlyRate(db, 9000);
    const stored = await db.get('setting', WORKSPACE_SETTINGS_ID);
    expect(stored!.data).toMatchObject({ rateHistory: [{ cents: 9000 }], [LEVEL_FIELDS.research]: [{ to: 3 }] });
    expect((await getLevelSettings(db)).levels.research).toBe(3);
  });

  it('keeps the other kinds readable when one kind’s field is not', async () => {
    await db.put('setting', {
      id: WORKSPACE_SETTINGS_ID,
      data: {
        id: WORKSPACE_SETTINGS_ID,
        [LEVEL_FIELDS.research]: [{ from: 1, to: 5, at: '2026-12-01T09:00:00.000Z', by: 'x' }],
        [LEVEL_FIELDS.other]: [{ from: 1, to: 2, at: '2026-12-01T09:00:00.000Z', by: 'x' }],
      },
      clocks: {},
    });
    expect((await getLevelSettings(db)).levels).toMatchObject({ research: 1, other: 2 });
  });

  it('the suggestion threshold defaults to 5 and can be set', async () => {
    expect((await getLevelSettings(db)).suggestAfter).toBe(5);
    await setSuggestAfter(db, 2);
    expect((await getLevelSettings(db)).suggestAfter).toBe(2);
    await expect(setSuggestAfter(db, 0)).rejects.toThrow();
  });
});

describe('the trust count', () => {
  it('counts results accepted as delivered, and suggests raising from the threshold on', async () => {
    await setSuggestAfter(db, 2);
    const first = await delivered();
    at('2026-12-01T10:00:00.000Z');
    await move(first, 'done');
    expect((await getRecord(db, 'task', first.id))?.acceptedAt).toBe('2026-12-01T10:00:00.000Z');
    let overview = await getLevelOverview(db);
    expect(overview.counts.research).toBe(1);
    expect(overview.suggestions).toEqual([]);

    const second = await delivered();
    at('2026-12-01T11:00:00.000Z');
    await move(second, 'done');
    overview = await getLevelOverview(db);
    expect(overview.counts).toEqual({ research: 2, 'revise-text': 0, presentation: 0, other: 0 });
    expect(overview.suggestions).toEqual(['research']);
  });

  it('does not count a task sent back, one asked about, or one whose result changed after', async () => {
    const sentBack = await delivered();
    await move(sentBack, 'in-progress');
    await updateRecord(db, 'task', sentBack.id, { status: 'review' });
    at('2026-12-01T10:00:00.000Z');
    await move(sentBack, 'done');
    expect((await getRecord(db, 'task', sentBack.id))?.sentBack).toBe(true);

    const askedAbout = await delivered();
    at('2026-12-01T10:30:00.000Z');
    await addComment(db, askedAbout.id, 'Ist das die neueste Fassung?', new Date());
    at('2026-12-01T11:00:00.000Z');
    await move(askedAbout, 'done');

    const edited = await delivered();
    await move(edited, 'done');
    at('2026-12-01T12:00:00.000Z');
    await updateRecord(db, 'task', edited.id, { result: { text: 'Von mir ergänzt', links: [] } });

    expect((await getLevelOverview(db)).counts.research).toBe(0);
  });

  it('starts again from 0 when the kind’s level changes, and lists the change', async () => {
    const task = await delivered();
    at('2026-12-01T10:00:00.000Z');
    await move(task, 'done');
    expect((await getLevelOverview(db)).counts.research).toBe(1);
    at('2026-12-02T10:00:00.000Z');
    await setKindLevel(db, 'research', 2);
    const overview = await getLevelOverview(db);
    expect(overview.counts.research).toBe(0);
    expect(overview.history).toEqual([{ kind: 'research', from: 1, to: 2, at: '2026-12-02T10:00:00.000Z', by: await authorDeviceId(db) }]);
  });
});
