/**
 * The occurrence engine: walks the rule's periods (days, weeks, months or years, INTERVAL apart),
 * builds each period's candidate days from its BYxxx parts, applies BYSETPOS, then DTSTART, UNTIL
 * and COUNT, as RFC 5545 section 3.3.10 describes. Every loop is bounded (see `HORIZON_DAYS`).
 */
import { civilFromDay, dayFromCivil, daysInMonth, formatIsoDay, MAX_DAY, weekdayOf } from './dates';
import { MAX_COUNT, parseDayArgument, parseRule, RecurrenceError, WEEKDAYS, type RecurrenceRule, type WeekdayRule } from './rule';

/**
 * The engine gives up when no occurrence turned up within 400 years (146,097 days) after `after` or the
 * last occurrence found: the Gregorian calendar repeats itself after exactly that cycle, so a rule such
 * as BYMONTH=2;BYMONTHDAY=31 that produced nothing in it never will (only an INTERVAL sharing factors
 * with 400 years, like YEARLY;INTERVAL=500, can reach past it, and such a rule ends there too).
 */
export const HORIZON_DAYS = 146_097;

/** The BYxxx parts as the engine uses them: RFC 5545 fills the missing ones from DTSTART. */
export interface EffectiveParts {
  readonly byDay: readonly WeekdayRule[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
}

/** The BYxxx parts with DTSTART's weekday, day or month filled in where RFC 5545 takes them from DTSTART. */
export function effectiveParts(rule: RecurrenceRule): EffectiveParts {
  const start = civilFromDay(dayOf(rule.dtstart));
  const { byDay, byMonthDay, byMonth, freq } = rule;
  if (freq === 'WEEKLY' && byDay.length === 0) {
    return { byDay: [{ weekday: WEEKDAYS[weekdayOf(dayOf(rule.dtstart))], ordinal: 0 }], byMonthDay, byMonth };
  }
  if ((freq === 'MONTHLY' || freq === 'YEARLY') && byDay.length === 0 && byMonthDay.length === 0) {
    const months = freq === 'YEARLY' && byMonth.length === 0 ? [start.month] : byMonth;
    return { byDay, byMonthDay: [start.day], byMonth: months };
  }
  return { byDay, byMonthDay, byMonth };
}

function dayOf(isoDay: string): number {
  return parseDayArgument('dtstart', isoDay);
}

interface Period {
  readonly first: number;
  readonly days: readonly number[];
}

interface Matcher {
  readonly weekdays: ReadonlySet<number>;
  readonly byDay: readonly { weekday: number; ordinal: number }[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: ReadonlySet<number>;
}

function matcherOf(parts: EffectiveParts): Matcher {
  const byDay = parts.byDay.map((d) => ({ weekday: WEEKDAYS.indexOf(d.weekday), ordinal: d.ordinal }));
  return {
    weekdays: new Set(byDay.map((d) => d.weekday)),
    byDay,
    byMonthDay: parts.byMonthDay,
    byMonth: new Set(parts.byMonth),
  };
}

function monthDayMatches(m: Matcher, dayOfMonth: number, monthLength: number): boolean {
  if (m.byMonthDay.length === 0) return true;
  return m.byMonthDay.some((v) => (v > 0 ? v : monthLength + v + 1) === dayOfMonth);
}

/** BYDAY within a scope (a month or a year) from `scopeFirst` to `scopeLast`: the n-th counts inside it. */
function weekdayMatches(m: Matcher, day: number, scopeFirst: number, scopeLast: number): boolean {
  if (m.byDay.length === 0) return true;
  const weekday = weekdayOf(day);
  if (!m.weekdays.has(weekday)) return false;
  const fromStart = Math.floor((day - scopeFirst) / 7) + 1;
  const fromEnd = -(Math.floor((scopeLast - day) / 7) + 1);
  return m.byDay.some((d) => d.weekday === weekday && (d.ordinal === 0 || d.ordinal === fromStart || d.ordinal === fromEnd));
}

/** Candidate days of one month, BYDAY counted within `scopeFirst..scopeLast`; built from the parts, not by trying every day. */
function daysOfMonth(m: Matcher, year: number, month: number, scopeFirst: number, scopeLast: number): number[] {
  const first = dayFromCivil(year, month, 1);
  const length = daysInMonth(year, month);
  let candidates: number[];
  if (m.byMonthDay.length > 0) {
    const doms = m.byMonthDay.map((v) => (v > 0 ? v : length + v + 1)).filter((dom) => dom >= 1 && dom <= length);
    candidates = [...new Set(doms)].map((dom) => first + dom - 1);
  } else {
    candidates = [];
    for (const weekday of m.weekdays) {
      for (let day = first + ((weekday - weekdayOf(first) + 7) % 7); day < first + length; day += 7) candidates.push(day);
    }
  }
  return candidates.filter((day) => weekdayMatches(m, day, scopeFirst, scopeLast)).sort((a, b) => a - b);
}

function applySetPos(days: readonly number[], bySetPos: readonly number[]): readonly number[] {
  if (bySetPos.length === 0) return days;
  const picked = bySetPos.map((p) => (p > 0 ? days[p - 1] : days[days.length + p])).filter((d) => d !== undefined);
  return [...new Set(picked)].sort((a, b) => a - b);
}

/**
 * DAILY periods are single days; they are handed out a calendar month at a time so that long walks
 * (COUNT from a DTSTART long ago) stay cheap, and months outside BYMONTH are skipped whole.
 */
function* dailyPeriods(rule: RecurrenceRule, m: Matcher, start: number, from: number): Generator<Period> {
  const aligned = (day: number) => start + Math.max(0, Math.ceil((day - start) / rule.interval)) * rule.interval;
  // BYSETPOS picks from a one-day set: 1 or -1 keeps the day, any other position drops it.
  const setPosKeeps = rule.bySetPos.length === 0 || rule.bySetPos.includes(1) || rule.bySetPos.includes(-1);
  let day = aligned(from);
  while (day <= MAX_DAY) {
    const { year, month } = civilFromDay(day);
    const monthFirst = dayFromCivil(year, month, 1);
    const monthLength = daysInMonth(year, month);
    const nextMonth = monthFirst + monthLength;
    const days: number[] = [];
    if (setPosKeeps && (m.byMonth.size === 0 || m.byMonth.has(month))) {
      for (; day < nextMonth; day += rule.interval) {
        const inMonthDay = monthDayMatches(m, day - monthFirst + 1, monthLength);
        if (inMonthDay && (m.weekdays.size === 0 || m.weekdays.has(weekdayOf(day)))) days.push(day);
      }
    }
    yield { first: monthFirst, days };
    day = aligned(Math.max(day, nextMonth));
  }
}

function* weeklyPeriods(rule: RecurrenceRule, m: Matcher, start: number, from: number): Generator<Period> {
  const weekStart = WEEKDAYS.indexOf(rule.wkst);
  const firstWeek = start - ((weekdayOf(start) - weekStart + 7) % 7);
  const step = 7 * rule.interval;
  const offsets = [...m.weekdays].map((w) => (w - weekStart + 7) % 7).sort((a, b) => a - b);
  for (let week = firstWeek + Math.max(0, Math.floor((from - firstWeek) / step)) * step; week <= MAX_DAY; week += step) {
    const days = offsets.map((o) => week + o);
    const inMonths = m.byMonth.size === 0 ? days : days.filter((d) => m.byMonth.has(civilFromDay(d).month));
    yield { first: week, days: applySetPos(inMonths, rule.bySetPos) };
  }
}

function* monthlyPeriods(rule: RecurrenceRule, m: Matcher, start: number, from: number): Generator<Period> {
  const s = civilFromDay(start);
  const f = civilFromDay(Math.max(from, start));
  const startIndex = s.year * 12 + s.month - 1;
  const skip = Math.floor((f.year * 12 + f.month - 1 - startIndex) / rule.interval);
  for (let index = startIndex + skip * rule.interval; index < 10_000 * 12; index += rule.interval) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    const first = dayFromCivil(year, month, 1);
    const last = first + daysInMonth(year, month) - 1;
    const days = m.byMonth.size > 0 && !m.byMonth.has(month) ? [] : daysOfMonth(m, year, month, first, last);
    yield { first, days: applySetPos(days, rule.bySetPos) };
  }
}

function* yearlyPeriods(rule: RecurrenceRule, m: Matcher, start: number, from: number): Generator<Period> {
  const startYear = civilFromDay(start).year;
  const skip = Math.floor((civilFromDay(Math.max(from, start)).year - startYear) / rule.interval);
  const months = m.byMonth.size > 0 ? [...m.byMonth].sort((a, b) => a - b) : [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
  for (let year = startYear + skip * rule.interval; year <= 9999; year += rule.interval) {
    const first = dayFromCivil(year, 1, 1);
    const last = dayFromCivil(year, 12, 31);
    const days: number[] = [];
    for (const month of months) {
      // With BYMONTH a numbered BYDAY counts within the month, without it within the year (RFC 5545).
      const monthFirst = dayFromCivil(year, month, 1);
      const monthLast = monthFirst + daysInMonth(year, month) - 1;
      days.push(...(m.byMonth.size > 0 ? daysOfMonth(m, year, month, monthFirst, monthLast) : daysOfMonth(m, year, month, first, last)));
    }
    yield { first, days: applySetPos(days, rule.bySetPos) };
  }
}

function periodsOf(rule: RecurrenceRule, start: number, from: number): Generator<Period> {
  const m = matcherOf(effectiveParts(rule));
  if (rule.freq === 'DAILY') return dailyPeriods(rule, m, start, from);
  if (rule.freq === 'WEEKLY') return weeklyPeriods(rule, m, start, from);
  if (rule.freq === 'MONTHLY') return monthlyPeriods(rule, m, start, from);
  return yearlyPeriods(rule, m, start, from);
}

/**
 * All occurrence days in increasing order. RFC 5545: DTSTART is always the first instance and counts
 * towards COUNT, even when the BYxxx parts would not produce it (an unsynchronized DTSTART). Without
 * COUNT the walk may begin at the period holding `from`; with COUNT it must count from DTSTART.
 */
function* series(rule: RecurrenceRule, from: number): Generator<number> {
  const start = dayOf(rule.dtstart);
  const last = rule.until === null ? MAX_DAY : dayOf(rule.until);
  const limit = rule.count ?? Infinity;
  yield start;
  let emitted = 1;
  if (emitted >= limit) return;
  let frontier = rule.count === null ? Math.max(start, from - 1) : start;
  for (const period of periodsOf(rule, start, rule.count === null ? from : start)) {
    if (period.first > last || period.first > frontier + HORIZON_DAYS) return;
    const final = period.days[period.days.length - 1];
    if (final !== undefined && final < from) {
      // Wholly before `from`, the period only counts towards COUNT: count it instead of yielding every day.
      emitted += period.days.filter((day) => day > start).length;
      if (emitted >= limit) return;
      frontier = final;
      continue;
    }
    for (const day of period.days) {
      if (day <= start) continue;
      if (day > last) return;
      yield day;
      frontier = day;
      if (++emitted >= limit) return;
    }
  }
}

function firstAfter(rule: RecurrenceRule, after: number, count: number): string[] {
  const days: string[] = [];
  if (count === 0) return days;
  for (const day of series(rule, after + 1)) {
    if (day <= after) continue;
    days.push(formatIsoDay(day));
    if (days.length >= count) break;
  }
  return days;
}

/** The first `count` occurrence days (`YYYY-MM-DD`) strictly after `after`; fewer when the rule ends. */
export function nextOccurrences(rule: string, after: string, count: number): string[] {
  const parsed = parseRule(rule);
  const afterDay = parseDayArgument('after', after);
  if (!Number.isSafeInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new RecurrenceError('out-of-range', 'count', `count must be an integer from 0 to ${MAX_COUNT}: ${count}`);
  }
  return firstAfter(parsed, afterDay, count);
}

/** Whether `day` (`YYYY-MM-DD`) is an occurrence of the rule. */
export function isOccurrence(rule: string, day: string): boolean {
  const parsed = parseRule(rule);
  const target = parseDayArgument('day', day);
  return firstAfter(parsed, target - 1, 1)[0] === day;
}

/**
 * The next day counted from completion (the "every!" anchor): the rule is rebased so that DTSTART is
 * `completedOn`, and the first occurrence strictly after it is returned. Parts that RFC 5545 takes from
 * DTSTART (the weekday of WEEKLY, the day of MONTHLY) therefore follow the completion day, while explicit
 * BYxxx parts keep their days, and INTERVAL counts from the period (week, month) of the completion.
 * UNTIL still ends the series (null once the next day would be past it); COUNT is left to the caller,
 * who knows how many occurrences were done: every rebase would otherwise restart it.
 */
export function nextAfterCompletion(rule: string, completedOn: string): string | null {
  const parsed = parseRule(rule);
  const done = parseDayArgument('completedOn', completedOn);
  if (parsed.until !== null && parsed.until <= completedOn) return null;
  const rebased: RecurrenceRule = { ...parsed, dtstart: formatIsoDay(done), count: null };
  return firstAfter(rebased, done, 1)[0] ?? null;
}
