/**
 * ISO 8601 weeks of calendar days (Monday first; week 1 holds the year's first Thursday), for
 * the report's weekly chart. Days are `YYYY-MM-DD` strings and the arithmetic runs in UTC, so
 * the answer never depends on the device's time zone.
 */

const DAY = 86_400_000;

function dayNumber(day: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return Date.UTC(year, month - 1, date) / DAY;
}

function dayString(n: number): string {
  return new Date(n * DAY).toISOString().slice(0, 10);
}

/** The ISO week of a day, `YYYY-Www` (the week's year may differ from the day's near New Year). */
export function isoWeek(day: string): string {
  const n = dayNumber(day);
  const weekday = (new Date(n * DAY).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = n - weekday + 3;
  const year = new Date(thursday * DAY).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1) / DAY) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of the ISO week holding `day`. */
export function weekStart(day: string): string {
  const n = dayNumber(day);
  return dayString(n - ((new Date(n * DAY).getUTCDay() + 6) % 7));
}

/** Every day of a month `YYYY-MM`, in order. */
export function daysOfMonth(month: string): string[] {
  const [year, m] = month.split('-').map(Number);
  const first = Date.UTC(year, m - 1, 1) / DAY;
  const next = Date.UTC(year, m, 1) / DAY;
  return Array.from({ length: next - first }, (_, i) => dayString(first + i));
}

/** The ISO weeks that hold at least one day of the month, in order, with each week's Monday. */
export function weeksOfMonth(month: string): { week: string; monday: string }[] {
  const weeks: { week: string; monday: string }[] = [];
  for (const day of daysOfMonth(month)) {
    const week = isoWeek(day);
    if (weeks.at(-1)?.week !== week) weeks.push({ week, monday: weekStart(day) });
  }
  return weeks;
}
