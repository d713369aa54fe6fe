// Time on a standing task belongs to its current occurrence (issue 10: the budget is per
// occurrence), whether typed in or timed; time on a one-off task belongs to none.
import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import {
  createTask,
  listRecords,
  listRunningTimers,
  logManualTime,
  openZuarbeitDb,
  setOccurrenceStatus,
  toggleTimer,
  type Db,
} from '../../lib/store';
import { occurrenceOn } from '../../lib/store/occurrence-time';

// Weekly on Mondays from Monday 2 March 2026.
const WEEKLY = { rule: 'DTSTART;VALUE=DATE:20260302\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' as const };

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb(`occurrence-time-${crypto.randomUUID()}`);
  await createTask(db, newTask({ id: 'weekly', title: 'Wochenbericht', recurrence: WEEKLY, createdAt: '2026-03-01T08:00:00.000Z' }));
  await createTask(db, newTask({ id: 'once', title: 'Gutachten' }));
});

describe('time on standing tasks', () => {
  it('typed-in time goes to the occurrence current on its day; a one-off task’s to none', async () => {
    const monday = await logManualTime(db, { taskId: 'weekly', minutes: 30, date: '2026-03-02', note: '' });
    expect(monday.occurrence).toBe('weekly:2026-03-02');
    // Once that one is done, Wednesday's time belongs to the next one.
    await setOccurrenceStatus(db, 'weekly', '2026-03-02', 'done', '2026-03-02');
    const wednesday = await logManualTime(db, { taskId: 'weekly', minutes: 15, date: '2026-03-04', note: '' });
    expect(wednesday.occurrence).toBe('weekly:2026-03-09');
    // A given occurrence is kept as given.
    expect(
      (await logManualTime(db, { taskId: 'weekly', minutes: 5, date: '2026-03-04', note: '', occurrence: null })).occurrence,
    ).toBeNull();
    expect((await logManualTime(db, { taskId: 'once', minutes: 20, date: '2026-03-04', note: '' })).occurrence ?? null).toBeNull();
  });

  it('a timer runs on the current occurrence, and the same toggle stops it into an entry of that occurrence', async () => {
    const start = new Date(2026, 2, 9, 10, 0).getTime();
    await toggleTimer(db, { taskId: 'weekly' }, start);
    const [running] = await listRunningTimers(db);
    expect(running.occurrence).toBe('weekly:2026-03-09');
    await toggleTimer(db, { taskId: 'weekly' }, start + 25 * 60_000);
    expect(await listRunningTimers(db)).toEqual([]);
    const entries = (await listRecords(db, 'timeEntry')).records;
    expect(entries.map((e) => [e.minutes, e.occurrence])).toEqual([[25, 'weekly:2026-03-09']]);
  });

  it('names no occurrence for an unknown task or a rule that has ended', async () => {
    expect(await occurrenceOn(db, 'nope', '2026-03-04')).toBeNull();
    const ended = { rule: 'DTSTART;VALUE=DATE:20260302\nRRULE:FREQ=WEEKLY;COUNT=1', anchor: 'schedule' as const };
    await createTask(db, newTask({ id: 'ended', title: 'Einmal', recurrence: ended, createdAt: '2026-03-01T08:00:00.000Z' }));
    await setOccurrenceStatus(db, 'ended', '2026-03-02', 'done', '2026-03-02');
    expect(await occurrenceOn(db, 'ended', '2026-03-10')).toBeNull();
  });
});
