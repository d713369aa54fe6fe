/**
 * Dates as the views show them: calendar days (`YYYY-MM-DD`, the model's due dates) in the
 * device's time zone, formatted with Intl in the UI language.
 */

/** The calendar day of `date` in the local time zone, `YYYY-MM-DD`. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function dayToDate(day: string): Date {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(year, month - 1, date);
}

/** `day` plus `days` calendar days. */
export function addDays(day: string, days: number): string {
  const date = dayToDate(day);
  date.setDate(date.getDate() + days);
  return localDay(date);
}

export type DueState = 'none' | 'overdue' | 'today' | 'tomorrow' | 'later';

/** Where a due day stands relative to `today` (null = no rush). */
export function dueState(due: string | null, today: string): DueState {
  if (due === null) return 'none';
  if (due < today) return 'overdue';
  if (due === today) return 'today';
  if (due === addDays(today, 1)) return 'tomorrow';
  return 'later';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

// Building an Intl formatter costs far more than using one; a list of 1,000 rows shares a few.
function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    try {
      cached = new Intl.DateTimeFormat(locale, options);
    } catch {
      cached = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(key, cached);
  }
  return cached;
}

/** A calendar day for humans, e.g. "3. Dez." / "Dec 3"; the year only when it is not this year's. */
export function formatDay(day: string, locale: string, today: string): string {
  const sameYear = day.slice(0, 4) === today.slice(0, 4);
  const options: Intl.DateTimeFormatOptions = sameYear
    ? { day: 'numeric', month: 'short' }
    : { day: 'numeric', month: 'short', year: 'numeric' };
  return formatter(locale, options).format(dayToDate(day));
}

/** A moment (ISO date-time) for humans, with date and time, in the local time zone. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const relativeFormatters = new Map<string, Intl.RelativeTimeFormat>();

function relativeFormatter(locale: string): Intl.RelativeTimeFormat {
  let cached = relativeFormatters.get(locale);
  if (!cached) {
    try {
      cached = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    } catch {
      cached = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
    }
    relativeFormatters.set(locale, cached);
  }
  return cached;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

/**
 * How long ago `iso` was, e.g. "2 minutes ago" / "vor 2 Minuten", "yesterday"; null under a
 * minute (and for moments in the future, which a wrong device clock produces), so callers can
 * say "just now" in a sentence of their own.
 */
export function timeAgo(iso: string, now: number, locale: string): string | null {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return null;
  const elapsed = now - then;
  if (elapsed < MINUTE_MS) return null;
  const rtf = relativeFormatter(locale);
  if (elapsed < HOUR_MS) return rtf.format(-Math.floor(elapsed / MINUTE_MS), 'minute');
  if (elapsed < DAY_MS) return rtf.format(-Math.floor(elapsed / HOUR_MS), 'hour');
  return rtf.format(-Math.floor(elapsed / DAY_MS), 'day');
}

/** A length of time for a sentence, e.g. "3 hours" / "3 Stunden": days from two days on, minutes under an hour. */
export function formatDuration(ms: number, locale: string): string {
  const abs = Math.abs(ms);
  const [value, unit] =
    abs >= 2 * DAY_MS
      ? [Math.round(abs / DAY_MS), 'day']
      : abs >= HOUR_MS
        ? [Math.round(abs / HOUR_MS), 'hour']
        : [Math.max(1, Math.round(abs / MINUTE_MS)), 'minute'];
  const options: Intl.NumberFormatOptions = { style: 'unit', unit, unitDisplay: 'long' };
  try {
    return new Intl.NumberFormat(locale, options).format(value);
  } catch {
    return new Intl.NumberFormat(undefined, options).format(value);
  }
}

/** A time of day for humans, e.g. "10:42" / "10:42 AM". */
export function formatTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return formatter(locale, { timeStyle: 'short' }).format(date);
}
