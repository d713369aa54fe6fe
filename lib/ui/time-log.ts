/**
 * The time log of a task: reading what the user typed as a duration, and showing durations.
 */
import { FIELD_LIMITS } from '../model';

/** The most one entry may hold: one day. */
export const MAX_ENTRY_MINUTES = FIELD_LIMITS.entryMinutes;

/**
 * Reads a duration as people type it: "90" or "90m" (minutes), "1:30", "1h 30m", "1,5h" or
 * "1.5 h". Returns whole minutes, or null when it is not a duration from 1 minute to 24 hours.
 */
export function parseDuration(input: string): number | null {
  const text = input.trim().toLowerCase().replace(',', '.');
  let minutes: number;
  let match: RegExpExecArray | null;
  if ((match = /^(\d{1,2}):([0-5]\d)$/.exec(text))) minutes = Number(match[1]) * 60 + Number(match[2]);
  else if ((match = /^(\d+(?:\.\d+)?)\s*(?:h|std\.?|stunden?|hours?)\s*(?:(\d+)\s*(?:m|min\.?|minuten?|minutes?))?$/.exec(text))) {
    minutes = Math.round(Number(match[1]) * 60) + Number(match[2] ?? 0);
  } else if ((match = /^(\d+)\s*(?:m|min\.?|minuten?|minutes?)?$/.exec(text))) minutes = Number(match[1]);
  else return null;
  return Number.isInteger(minutes) && minutes >= 1 && minutes <= MAX_ENTRY_MINUTES ? minutes : null;
}

/** "1:30 h" for 90 minutes, "0:05 h" for 5: the way time sheets show it. */
export function formatMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${hours}:${String(minutes % 60).padStart(2, '0')} h`;
}
