/**
 * Running timers (issue 10) as stored, synced records, and the writes a timer decision asks for:
 * the stopped timer's deletion, its entries and the next timer go into one transaction, so a
 * closed popup or a killed worker never leaves an entry without its timer stopped, or the reverse.
 * The decisions themselves are lib/timer's pure functions; this file reads and writes.
 */
import * as z from 'zod/mini';
import { newId, timerSchema, type TimeEntry } from '../model';
import {
  moveStartBack,
  resolveIdle,
  stopTimer,
  switchTimer,
  type IdleChoice,
  type RunningTimer,
  type TimerChange,
  type TimerRefusal,
  type TimerTarget,
} from '../timer/timer';
import { applyLocalChange, type FieldChange } from './changes';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';
import { authorDeviceId } from './records';
import { fieldsOf } from './record-writes';
import { rateInForce, getWorkspaceSettings } from './time-entries';
import { occurrenceOn, wallDay } from './occurrence-time';

export type { IdleChoice, RunningTimer, TimerRefusal } from '../timer/timer';

function fromRecord(record: z.infer<typeof timerSchema>): RunningTimer {
  return {
    id: record.id,
    taskId: record.taskId,
    occurrence: record.occurrence ?? null,
    deviceId: record.authorDevice,
    startedAt: record.startedAt,
  };
}

/** Every running timer of the workspace (this device's and the other side's), oldest first. */
export async function listRunningTimers(db: Db): Promise<RunningTimer[]> {
  const timers: RunningTimer[] = [];
  for (const { data } of await db.getAll('timer')) {
    const parsed = timerSchema.safeParse(data);
    if (parsed.success && !parsed.data.deleted) timers.push(fromRecord(parsed.data));
  }
  return timers.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
}

/**
 * The timer running on `deviceId`, or null. Should two be stored (started on two of the device's
 * contexts at once), the newest counts: the older one is stopped by the next start or stop.
 */
export async function runningTimerOf(db: Db, deviceId: string): Promise<RunningTimer | null> {
  return (await listRunningTimers(db)).filter((timer) => timer.deviceId === deviceId).at(-1) ?? null;
}

/** What applying a timer change wrote. */
export interface AppliedTimerChange {
  /** The timer that was stopped, if one was. */
  stopped: RunningTimer | null;
  entries: TimeEntry[];
  started: RunningTimer | null;
}

async function applyTimerChange(db: Db, change: TimerChange, current: RunningTimer | null): Promise<AppliedTimerChange> {
  const writes: FieldChange[] = [];
  if (change.stop !== null) writes.push({ entity: 'timer', id: change.stop, field: 'deleted', value: true });
  const entries: TimeEntry[] = change.entries.map((draft) => ({ id: newId(), ...draft }));
  for (const entry of entries) writes.push(...fieldsOf('timeEntry', entry));
  let started: RunningTimer | null = null;
  if (change.start) {
    const record = {
      id: newId(),
      taskId: change.start.taskId,
      occurrence: change.start.occurrence ?? null,
      authorDevice: change.start.deviceId,
      startedAt: change.start.startedAt,
    };
    timerSchema.parse(record);
    writes.push(...fieldsOf('timer', record));
    started = fromRecord(record);
  }
  await applyLocalChange(db, writes);
  return { stopped: change.stop !== null ? current : null, entries, started };
}

export type TimerOutcome = ({ ok: true } & AppliedTimerChange) | { ok: false; reason: TimerRefusal };

async function rateNow(db: Db, now: number): Promise<number | null> {
  return rateInForce((await getWorkspaceSettings(db)).rateHistory, now);
}

/**
 * Starts a timer for `target` on this device; one already running here for another task is
 * stopped into an entry first (`stopped` says which, so the view can say so).
 */
export async function startTimer(db: Db, target: Omit<TimerTarget, 'deviceId'>, now = Date.now()): Promise<TimerOutcome> {
  if (target.occurrence === undefined) target = { ...target, occurrence: await occurrenceOn(db, target.taskId, wallDay(now)) };
  const deviceId = await authorDeviceId(db);
  const running = await runningTimerOf(db, deviceId);
  const decided = switchTimer(running, { ...target, deviceId }, now, { rateCents: await rateNow(db, now) });
  if (!decided.ok) return decided;
  return { ok: true, ...(await applyTimerChange(db, decided.change, running)) };
}

/**
 * Stops this device's timer at `endAt` (or now) and writes its entry; less than a minute stops
 * it without an entry. Nothing running is not an error: another context may have stopped it.
 */
export async function stopRunningTimer(db: Db, now = Date.now(), options: { endAt?: string; note?: string } = {}): Promise<TimerOutcome> {
  const running = await runningTimerOf(db, await authorDeviceId(db));
  if (!running) return { ok: true, stopped: null, entries: [], started: null };
  const stopped = stopTimer(running, now, { ...options, rateCents: await rateNow(db, options.endAt ? Date.parse(options.endAt) : now) });
  if (!stopped.ok && stopped.reason !== 'under-a-minute') return stopped;
  return {
    ok: true,
    ...(await applyTimerChange(db, { stop: running.id, entries: stopped.ok ? [stopped.entry] : [], start: null }, running)),
  };
}

/** Starts this device's timer for `taskId`, or stops it when that task's timer runs already. */
export async function toggleTimer(db: Db, target: Omit<TimerTarget, 'deviceId'>, now = Date.now()): Promise<TimerOutcome> {
  // A standing task's timer runs on its current occurrence (its budget is per occurrence).
  if (target.occurrence === undefined) target = { ...target, occurrence: await occurrenceOn(db, target.taskId, wallDay(now)) };
  const running = await runningTimerOf(db, await authorDeviceId(db));
  const same = running && running.taskId === target.taskId && (running.occurrence ?? null) === (target.occurrence ?? null);
  return same ? stopRunningTimer(db, now) : startTimer(db, target, now);
}

/** "I forgot to start": moves this device's running timer's start back to `newStart`. */
export async function moveTimerStart(
  db: Db,
  newStart: string,
  now = Date.now(),
): Promise<{ ok: true } | { ok: false; reason: TimerRefusal | 'not-running' }> {
  const running = await runningTimerOf(db, await authorDeviceId(db));
  if (!running) return { ok: false, reason: 'not-running' };
  const moved = moveStartBack(running, newStart, now);
  if (!moved.ok) return moved;
  await applyLocalChange(db, [{ entity: 'timer', id: running.id, field: 'startedAt', value: moved.timer.startedAt }]);
  return { ok: true };
}

const idleAwaySchema = z.object({
  timerId: z.string(),
  idleSince: z.string(),
  /** Absent while the person is still away. */
  returnedAt: z.optional(z.string()),
});
/** A break noticed while this device's timer ran: kept on this device only, until the person decides. */
export type IdleAway = z.infer<typeof idleAwaySchema>;

/** The break waiting for a decision, or null (none, or its timer is no longer running). */
export async function getIdleAway(db: Db): Promise<IdleAway | null> {
  const parsed = idleAwaySchema.safeParse(await db.get('meta', META.timerIdle));
  if (!parsed.success) return null;
  const running = await runningTimerOf(db, await authorDeviceId(db));
  return running?.id === parsed.data.timerId ? parsed.data : null;
}

async function putIdleAway(db: Db, away: IdleAway | undefined): Promise<void> {
  if (away) await db.put('meta', away, META.timerIdle);
  else await db.delete('meta', META.timerIdle);
  announceChange({ db: db.name, kind: 'meta', ids: [META.timerIdle] });
}

/**
 * The browser says the person went idle (`since`) or came back (`at`): remembered only while a
 * timer runs here, and the first departure counts until the person has decided.
 */
export async function noteIdleState(db: Db, state: 'idle' | 'active', at: number, since: number = at): Promise<void> {
  const running = await runningTimerOf(db, await authorDeviceId(db));
  const current = await getIdleAway(db);
  if (!running) {
    if (current) await putIdleAway(db, undefined);
    return;
  }
  if (state === 'idle' && !current)
    await putIdleAway(db, { timerId: running.id, idleSince: new Date(Math.max(since, Date.parse(running.startedAt))).toISOString() });
  else if (state === 'active' && current && !current.returnedAt)
    await putIdleAway(db, { ...current, returnedAt: new Date(at).toISOString() });
}

/** Applies the person's decision about the break (discard, keep, stop when I left). */
export async function resolveIdleAway(db: Db, choice: IdleChoice, now = Date.now()): Promise<TimerOutcome> {
  const away = await getIdleAway(db);
  const running = await runningTimerOf(db, await authorDeviceId(db));
  if (!away || !running) {
    await putIdleAway(db, undefined);
    return { ok: true, stopped: null, entries: [], started: null };
  }
  const returnedAt = away.returnedAt ?? new Date(now).toISOString();
  const decided = resolveIdle(running, away.idleSince, returnedAt, choice, { rateCents: await rateNow(db, Date.parse(away.idleSince)) });
  if (!decided.ok) return decided;
  const applied = await applyTimerChange(db, decided.change, running);
  await putIdleAway(db, undefined);
  return { ok: true, ...applied };
}
