/**
 * The pure rules of a running timer (issue 10): a timer is a stored, synced record with its
 * start, so elapsed time is always computed from `startedAt`, never counted in memory, and
 * stopping it writes a time entry. Entries, never totals: these functions only ever produce
 * entries, and every sum is computed from entries, so two devices logging at once both count.
 * The clock (`now`, epoch milliseconds) is passed in; ids are given by the store.
 */
import { FIELD_LIMITS } from '../model';
import { deviceZone, localTime, type Zone } from './local-time';

/** A running timer as stored and synced: one per assistant device. */
export interface RunningTimer {
  id: string;
  taskId: string;
  /** The occurrence day (`YYYY-MM-DD`) of a standing task, or null/absent for a one-off task. */
  occurrence?: string | null;
  deviceId: string;
  /** ISO 8601 instant. */
  startedAt: string;
}

/** A timer to be stored: the store gives it its id. */
export type TimerStart = Omit<RunningTimer, 'id'>;

/** What a timer runs for, on which device. */
export interface TimerTarget {
  taskId: string;
  occurrence?: string | null;
  deviceId: string;
}

/** A time entry written by stopping a timer; the store gives it its id. */
export interface TimeEntryDraft {
  taskId: string;
  occurrence: string | null;
  /** ISO 8601 instants, UTC. */
  start: string;
  end: string;
  /** Whole minutes from start to end, to the nearest minute. */
  minutes: number;
  /** The local calendar day of `start`, `YYYY-MM-DD`. */
  date: string;
  note: string;
  source: 'timer';
  authorDevice: string;
  /** The hourly rate in force when the entry was recorded, in cents; null when none is set. */
  rateCents: number | null;
}

/** Why a timer action was refused; the UI turns each into a sentence in German and English. */
export type TimerRefusal = 'malformed' | 'in-future' | 'end-before-start' | 'under-a-minute' | 'over-a-day' | 'too-early';

/** What stopping or adjusting the entry part of a timer needs beyond the clock. */
export interface EntryOptions {
  note?: string;
  rateCents?: number | null;
  /** Which wall clock decides the entry's day; the device's zone when absent. */
  zone?: Zone;
}

/** A stop with an explicit end (the "stop at …" a forgotten timer needs). */
export interface StopOptions extends EntryOptions {
  /** ISO 8601 instant; `now` when absent. */
  endAt?: string;
}

/** The writes one timer decision asks of the store, applied together. */
export interface TimerChange {
  /** The id of the timer record to delete, or null. */
  stop: string | null;
  /** Entries to add (none when the stopped part was under a minute). */
  entries: TimeEntryDraft[];
  /** A timer record to add, or null. */
  start: TimerStart | null;
}

export type StopResult = { ok: true; entry: TimeEntryDraft } | { ok: false; reason: TimerRefusal };
export type TimerResult = { ok: true; change: TimerChange } | { ok: false; reason: TimerRefusal };
export type MoveStartResult = { ok: true; timer: RunningTimer } | { ok: false; reason: TimerRefusal };

/** The default hours after which a running timer asks whether it is still wanted. */
export const CONFIRM_AFTER_HOURS = 8;

const MINUTE = 60_000;
/** The most one entry may hold (lib/ui is for views, so the limit is read from the model). */
const MAX_ENTRY_MINUTES = FIELD_LIMITS.entryMinutes;

function instant(iso: string): number | null {
  // Date.parse accepts "2026", "March 3" and rolls 30 February over into March; a stored
  // instant must be a full ISO date-time of a real calendar day.
  const match = /^(\d{4})-(\d{2})-(\d{2})T\d{2}:\d{2}/.exec(iso);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number);
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

function minutesBetween(start: number, end: number): number {
  return Math.round((end - start) / MINUTE);
}

/** Whole minutes the timer has run at `now`, to the nearest minute (0 before it started). */
export function elapsedMinutes(timer: RunningTimer, now: number): number {
  const start = instant(timer.startedAt);
  return start === null ? 0 : Math.max(0, minutesBetween(start, now));
}

/** The entry covering `start`..`end` of the timer, or why there cannot be one. */
function entryFor(timer: RunningTimer, start: number, end: number, options: EntryOptions): StopResult {
  if (end < start) return { ok: false, reason: 'end-before-start' };
  const minutes = minutesBetween(start, end);
  if (minutes < 1) return { ok: false, reason: 'under-a-minute' };
  if (minutes > MAX_ENTRY_MINUTES) return { ok: false, reason: 'over-a-day' };
  return {
    ok: true,
    entry: {
      taskId: timer.taskId,
      occurrence: timer.occurrence ?? null,
      start: new Date(start).toISOString(),
      end: new Date(end).toISOString(),
      minutes,
      date: localTime(start, options.zone ?? deviceZone()).day,
      note: options.note ?? '',
      source: 'timer',
      authorDevice: timer.deviceId,
      rateCents: options.rateCents ?? null,
    },
  };
}

/**
 * The entry that stopping the timer writes, ending at `options.endAt` or `now`. Refused when
 * under a minute (the caller still deletes the timer and says nothing was logged) or longer
 * than a day (the caller asks for the end: `needsConfirmation` will have asked already).
 */
export function stopTimer(timer: RunningTimer, now: number, options: StopOptions = {}): StopResult {
  const start = instant(timer.startedAt);
  const end = options.endAt === undefined ? now : instant(options.endAt);
  if (start === null || end === null) return { ok: false, reason: 'malformed' };
  if (end > now) return { ok: false, reason: 'in-future' };
  return entryFor(timer, start, end, options);
}

/** Stops the timer into one change: an entry when at least a minute ran, and the deletion. */
function stopInto(timer: RunningTimer, start: number, end: number, options: EntryOptions, next: TimerStart | null): TimerResult {
  const stopped = entryFor(timer, start, Math.max(start, end), options);
  if (!stopped.ok && stopped.reason !== 'under-a-minute') return stopped;
  return { ok: true, change: { stop: timer.id, entries: stopped.ok ? [stopped.entry] : [], start: next } };
}

/** The choices offered when the person comes back after being idle. */
export type IdleChoice = 'discard' | 'keep' | 'stop-at-idle';

/**
 * What to write when the person returns at `returnedAt` after being idle since `idleSince`:
 * `keep` changes nothing; `stop-at-idle` stops the timer with its end at `idleSince`; `discard`
 * does the same and starts a fresh timer at `returnedAt`, so the idle time is not logged.
 * Splitting into an entry and a new timer (instead of moving the start) keeps the time before
 * the break as its own entry, which the other side may already have seen.
 */
export function resolveIdle(
  timer: RunningTimer,
  idleSince: string,
  returnedAt: string,
  choice: IdleChoice,
  options: EntryOptions = {},
): TimerResult {
  const start = instant(timer.startedAt);
  const idle = instant(idleSince);
  const back = instant(returnedAt);
  if (start === null || idle === null || back === null) return { ok: false, reason: 'malformed' };
  if (back < idle) return { ok: false, reason: 'end-before-start' };
  if (choice === 'keep') return { ok: true, change: { stop: null, entries: [], start: null } };
  const next: TimerStart | null =
    choice === 'discard'
      ? {
          taskId: timer.taskId,
          occurrence: timer.occurrence ?? null,
          deviceId: timer.deviceId,
          startedAt: new Date(Math.max(back, start)).toISOString(),
        }
      : null;
  // stopInto clamps the end to the start: a timer started while the person was already idle
  // (e.g. from another window) ran no work time and writes no entry.
  return stopInto(timer, start, idle, options, next);
}

/** Whether a timer has run `limitHours` or longer and should ask whether it is still wanted. */
export function needsConfirmation(timer: RunningTimer, now: number, limitHours = CONFIRM_AFTER_HOURS): boolean {
  const start = instant(timer.startedAt);
  return start !== null && now - start >= limitHours * 60 * MINUTE;
}

/**
 * "I forgot to start": the timer with its start set to `newStart`, which must not lie in the
 * future nor further back than one entry may last (a longer span could never be stopped).
 */
export function moveStartBack(timer: RunningTimer, newStart: string, now: number): MoveStartResult {
  const start = instant(newStart);
  if (start === null) return { ok: false, reason: 'malformed' };
  if (start > now) return { ok: false, reason: 'in-future' };
  if (now - start > MAX_ENTRY_MINUTES * MINUTE) return { ok: false, reason: 'too-early' };
  return { ok: true, timer: { ...timer, startedAt: new Date(start).toISOString() } };
}

/** A timer for `target` starting at `now`. */
export function startTimer(target: TimerTarget, now: number): TimerStart {
  return {
    taskId: target.taskId,
    occurrence: target.occurrence ?? null,
    deviceId: target.deviceId,
    startedAt: new Date(now).toISOString(),
  };
}

/**
 * Starting a timer on a device: one running timer per device, so a timer already running on
 * the same device is stopped into an entry first (the UI says so when `change.stop` is set).
 * Starting what already runs changes nothing; a timer of another device is left alone.
 */
export function switchTimer(running: RunningTimer | null, target: TimerTarget, now: number, options: EntryOptions = {}): TimerResult {
  const next = startTimer(target, now);
  if (!running || running.deviceId !== target.deviceId) return { ok: true, change: { stop: null, entries: [], start: next } };
  if (running.taskId === target.taskId && (running.occurrence ?? null) === next.occurrence)
    return { ok: true, change: { stop: null, entries: [], start: null } };
  const start = instant(running.startedAt);
  if (start === null) return { ok: false, reason: 'malformed' };
  return stopInto(running, start, now, options, next);
}
