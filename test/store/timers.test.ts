import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import {
  authorDeviceId,
  getIdleAway,
  listRecords,
  listRunningTimers,
  logManualTime,
  moveTimerStart,
  noteIdleState,
  openZuarbeitDb,
  resolveIdleAway,
  runningTimerOf,
  setHourlyRate,
  startTimer,
  stopRunningTimer,
  toggleTimer,
  type Db,
} from '../../lib/store';
import { elapsedMinutes } from '../../lib/timer/timer';

const T0 = Date.parse('2026-03-10T09:40:00.000Z');
const MIN = 60_000;

let db: Db;
let name: string;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  name = `timers-${crypto.randomUUID()}`;
  db = await openZuarbeitDb(name);
});

describe('timer records', () => {
  it('survive a killed context: reopened, the timer still runs and its elapsed time comes from startedAt', async () => {
    await startTimer(db, { taskId: 't1' }, T0);
    // The popup (or worker) dies: nothing in memory survives, only the database.
    db.close();
    const reopened = await openZuarbeitDb(name);
    const timer = await runningTimerOf(reopened, await authorDeviceId(reopened));
    expect(timer).toMatchObject({ taskId: 't1', startedAt: new Date(T0).toISOString() });
    expect(elapsedMinutes(timer!, T0 + 42 * MIN)).toBe(42);
    const stopped = await stopRunningTimer(reopened, T0 + 42 * MIN);
    expect(stopped.ok && stopped.entries.map((e) => e.minutes)).toEqual([42]);
    expect(await listRunningTimers(reopened)).toEqual([]);
  });

  it('stopping writes one timer entry with start, end, the device and the rate in force', async () => {
    await setHourlyRate(db, 6000, new Date(T0 - 60 * MIN));
    await startTimer(db, { taskId: 't1' }, T0);
    await setHourlyRate(db, 9000, new Date(T0 + 10 * MIN));
    await stopRunningTimer(db, T0 + 30 * MIN);
    const [entry] = (await listRecords(db, 'timeEntry')).records;
    expect(entry).toMatchObject({
      taskId: 't1',
      minutes: 30,
      source: 'timer',
      start: new Date(T0).toISOString(),
      end: new Date(T0 + 30 * MIN).toISOString(),
      authorDevice: await authorDeviceId(db),
      // The rate at the stop: the entry is recorded then.
      rateCents: 9000,
    });
  });

  it('starting another task stops the first into an entry and says which one stopped', async () => {
    await startTimer(db, { taskId: 't1' }, T0);
    const switched = await startTimer(db, { taskId: 't2' }, T0 + 15 * MIN);
    expect(switched.ok && switched.stopped?.taskId).toBe('t1');
    expect(switched.ok && switched.entries.map((e) => [e.taskId, e.minutes])).toEqual([['t1', 15]]);
    expect((await listRunningTimers(db)).map((t) => t.taskId)).toEqual(['t2']);
  });

  it('toggling the running task stops it; under a minute stops without an entry', async () => {
    await toggleTimer(db, { taskId: 't1' }, T0);
    const outcome = await toggleTimer(db, { taskId: 't1' }, T0 + 20_000);
    expect(outcome).toMatchObject({ ok: true, entries: [] });
    expect(await listRunningTimers(db)).toEqual([]);
  });

  it('"I forgot to start" moves the start back, but not into the future', async () => {
    await startTimer(db, { taskId: 't1' }, T0);
    expect(await moveTimerStart(db, new Date(T0 - 25 * MIN).toISOString(), T0)).toEqual({ ok: true });
    expect((await listRunningTimers(db))[0].startedAt).toBe(new Date(T0 - 25 * MIN).toISOString());
    expect(await moveTimerStart(db, new Date(T0 + MIN).toISOString(), T0)).toEqual({ ok: false, reason: 'in-future' });
  });

  it('a break: "stop when I left" ends the entry at the departure; "discard" splits around it', async () => {
    await startTimer(db, { taskId: 't1' }, T0);
    await noteIdleState(db, 'idle', T0 + 50 * MIN, T0 + 45 * MIN);
    await noteIdleState(db, 'active', T0 + 80 * MIN);
    expect(await getIdleAway(db)).toMatchObject({
      idleSince: new Date(T0 + 45 * MIN).toISOString(),
      returnedAt: new Date(T0 + 80 * MIN).toISOString(),
    });
    await resolveIdleAway(db, 'discard', T0 + 81 * MIN);
    expect((await listRecords(db, 'timeEntry')).records.map((e) => e.minutes)).toEqual([45]);
    const [next] = await listRunningTimers(db);
    expect(next.startedAt).toBe(new Date(T0 + 80 * MIN).toISOString());
    expect(await getIdleAway(db)).toBeNull();

    await noteIdleState(db, 'idle', T0 + 100 * MIN, T0 + 95 * MIN);
    await resolveIdleAway(db, 'stop-at-idle', T0 + 120 * MIN);
    expect((await listRecords(db, 'timeEntry')).records.map((e) => e.minutes).sort()).toEqual([15, 45]);
    expect(await listRunningTimers(db)).toEqual([]);
  });

  it('no break is remembered while no timer runs', async () => {
    await noteIdleState(db, 'idle', T0);
    expect(await getIdleAway(db)).toBeNull();
  });

  it('typed-in time is a manual entry with the rate in force', async () => {
    await setHourlyRate(db, 7500, new Date(T0 - MIN));
    const entry = await logManualTime(db, { taskId: 't1', minutes: 90, date: '2026-03-10', note: '' }, T0);
    expect(entry).toMatchObject({ source: 'manual', rateCents: 7500, minutes: 90 });
  });
});
