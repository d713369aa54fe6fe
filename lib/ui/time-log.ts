/**
 * The time log of a task: reading what the user typed as a duration, a budget or a rate, and
 * showing durations and timers.
 */
import { i18n } from '#i18n';
import { FIELD_LIMITS, type TimeEntry } from '../model';
import type { KnownDevice } from '../store/devices';
import type { TimerRefusal } from '../timer/timer';
import { elapsedMinutes, type RunningTimer } from '../timer/timer';
import { formatDay, formatTime } from './format';

/** The most one entry may hold: one day. */
export const MAX_ENTRY_MINUTES = FIELD_LIMITS.entryMinutes;

function parseMinutes(input: string, max: number): number | null {
  const text = input.trim().toLowerCase().replace(',', '.');
  let minutes: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,4}):([0-5]\d)$/.exec(text))) minutes = Number(match[1]) * 60 + Number(match[2]);
  else if ((match = /^(\d+(?:\.\d+)?)\s*(?:h|std\.?|stunden?|hours?)\s*(?:(\d+)\s*(?:m|min\.?|minuten?|minutes?))?$/.exec(text))) {
    minutes = Math.round(Number(match[1]) * 60) + Number(match[2] ?? 0);
  } else if ((match = /^(\d+)\s*(?:m|min\.?|minuten?|minutes?)?$/.exec(text))) minutes = Number(match[1]);
  else return null;
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= max ? minutes : null;
}

/**
 * Reads a duration as people type it: "90" or "90m" (minutes), "1:30", "1h 30m", "1,5h" or
 * "1.5 h". Returns whole minutes, or null when it is not a duration from 1 minute to 24 hours.
 */
export function parseDuration(input: string): number | null {
  return parseMinutes(input, MAX_ENTRY_MINUTES);
}

/** Reads a time budget the same way, from 1 minute to 1,000 hours ("12:30", "40h"). */
export function parseBudget(input: string): number | null {
  return parseMinutes(input, FIELD_LIMITS.budgetMinutes);
}

/** Reads an hourly rate in euros ("45", "45,50", "45.5") as cents; null unless above 0 and at most the limit. */
export function parseRate(input: string): number | null {
  const match = /^(\d{1,5})(?:[.,](\d{1,2}))?$/.exec(input.trim().replace(/\s*€$/, ''));
  if (!match) return null;
  const cents = Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
  return cents > 0 && cents <= FIELD_LIMITS.rateCents ? cents : null;
}

/** "1:30 h" for 90 minutes, "0:05 h" for 5: the way time sheets show it. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${hours}:${String(minutes % 60).padStart(2, '0')} h`;
}

/** "0:42" after 42 minutes: a running timer's elapsed time, computed from its start. */
export function timerElapsed(timer: RunningTimer, now: number): string {
  const minutes = elapsedMinutes(timer, now);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

const REFUSALS = {
  malformed: 'timer.refused.malformed',
  'in-future': 'timer.refused.inFuture',
  'end-before-start': 'timer.refused.endBeforeStart',
  'under-a-minute': 'timer.refused.underAMinute',
  'over-a-day': 'timer.refused.overADay',
  'too-early': 'timer.refused.tooEarly',
  'not-running': 'timer.refused.notRunning',
} as const satisfies Record<TimerRefusal | 'not-running', string>;

/** The sentence for a refused timer action. */
export function timerRefusal(reason: TimerRefusal | 'not-running'): string {
  return i18n.t(REFUSALS[reason]);
}

/**
 * The instant a wall-clock `HH:MM` of today or of the day before means, whichever is the latest
 * not in the future (a start moved back over midnight), or null for a malformed time.
 */
export function instantOfClockTime(time: string, now: Date): string | null {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!match) return null;
  const at = new Date(now);
  at.setHours(Number(match[1]), Number(match[2]), 0, 0);
  if (at.getTime() > now.getTime()) at.setDate(at.getDate() - 1);
  return at.toISOString();
}

/** Who runs a timer, for a sentence: the device's name, else the role it plays. */
export function timerOwnerName(deviceId: string, devices: readonly KnownDevice[]): string {
  const known = devices.find((device) => device.id === deviceId);
  return known?.name || i18n.t(known?.role === 'client' ? 'task.authorClient' : 'task.authorAssistant');
}

/** What tells one time entry from another in a list: its day, duration, clock times and note. */
export interface EntryDescription {
  day: string;
  duration: string;
  /** Wall-clock span, e.g. "09:00–10:30", when the entry has one. */
  span?: string;
  note?: string;
}

/** An entry described in one phrase, e.g. "Dec 1 (1:30 h, 09:00–10:30, Recherche)". */
export function describeEntry({ day, duration, span, note }: EntryDescription): string {
  return `${day} (${[duration, span, note?.trim()].filter(Boolean).join(', ')})`;
}

/** An entry's wall-clock span, e.g. "09:00–10:30", when it has one. */
export function timeSpan(entry: { start?: string | null; end?: string | null }, locale: string): string | undefined {
  return entry.start && entry.end ? `${formatTime(entry.start, locale)}–${formatTime(entry.end, locale)}` : undefined;
}

/**
 * The names of the delete buttons of the entries `shown`, by entry id: only this device's own
 * entries have one. Each names the entry (issue 15: day, duration, clock times, note, and a count
 * for look-alikes, so no two buttons share a name). Only for what is shown: formatting the dates of
 * every entry of a long log was most of its first render (issue 14).
 */
export function deleteButtonNames(shown: readonly TimeEntry[], me: string | undefined, locale: string, today: string): Map<string, string> {
  const own = shown.filter((entry) => entry.authorDevice === me);
  const names = uniqueNames(
    own.map((entry) =>
      i18n.t('time.deleteNamed', [
        describeEntry({
          day: formatDay(entry.date, locale, today),
          duration: formatMinutes(entry.minutes),
          span: timeSpan(entry, locale),
          note: entry.note,
        }),
      ]),
    ),
  );
  return new Map(own.map((entry, i) => [entry.id, names[i]]));
}

/**
 * The same list with repeats told apart by a count, " (2)", " (3)" (issue 15: two delete buttons
 * must not share a name, even for two entries that look alike).
 */
export function uniqueNames(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((name) => {
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name} (${count})`;
  });
}
