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
