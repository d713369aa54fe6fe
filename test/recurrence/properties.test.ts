import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describePreset, describeRule, nextOccurrences, parseRule, type RecurrenceRule } from '../../lib/recurrence';

// An independent oracle: calendar facts from `Date` (not the engine's day arithmetic), and each day
// judged on its own against the rule, as RFC 5545 states it, instead of expanding periods.
const DAY_MS = 86_400_000;
const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

function toDay(iso: string): number {
  return Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY_MS;
}

function toIso(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function facts(day: number) {
  const date = new Date(day * DAY_MS);
  const year = date.getUTCFullYear();
  const month = date.getUTCMonth() + 1;
  const dom = date.getUTCDate();
  const monthLength = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const doy = day - Date.UTC(year, 0, 1) / DAY_MS + 1;
  const yearLength = Date.UTC(year + 1, 0, 1) / DAY_MS - Date.UTC(year, 0, 1) / DAY_MS;
  return { year, month, dom, monthLength, doy, yearLength, weekday: (date.getUTCDay() + 6) % 7 };
}

function oracle(rule: RecurrenceRule): (day: number) => boolean {
  const start = toDay(rule.dtstart);
  const s = facts(start);
  const wkst = WEEKDAYS.indexOf(rule.wkst);
  const weekOf = (day: number) => day - ((facts(day).weekday - wkst + 7) % 7);
  return (day) => {
    if (day === start) return true;
    if (day < start || (rule.until !== null && day > toDay(rule.until))) return false;
    const f = facts(day);
    const n = rule.interval;
    const aligned = {
      DAILY: (day - start) % n === 0,
      WEEKLY: ((weekOf(day) - weekOf(start)) / 7) % n === 0,
      MONTHLY: (f.year * 12 + f.month - (s.year * 12 + s.month)) % n === 0,
      YEARLY: (f.year - s.year) % n === 0,
    }[rule.freq];
    if (!aligned) return false;
    const noDays = rule.byDay.length === 0 && rule.byMonthDay.length === 0;
    if (rule.byMonth.length > 0 ? !rule.byMonth.includes(f.month) : rule.freq === 'YEARLY' && noDays && f.month !== s.month) return false;
    if (rule.byMonthDay.length > 0) {
      if (!rule.byMonthDay.some((v) => (v > 0 ? v === f.dom : f.monthLength + v + 1 === f.dom))) return false;
    } else if ((rule.freq === 'MONTHLY' || rule.freq === 'YEARLY') && rule.byDay.length === 0 && f.dom !== s.dom) {
      return false;
    }
    if (rule.byDay.length > 0) {
      const inYear = rule.freq === 'YEARLY' && rule.byMonth.length === 0;
      const [position, length] = inYear ? [f.doy, f.yearLength] : [f.dom, f.monthLength];
      const nth = Math.ceil(position / 7);
      const nthFromEnd = -Math.ceil((length - position + 1) / 7);
      return rule.byDay.some(
        (d) => WEEKDAYS.indexOf(d.weekday) === f.weekday && (d.ordinal === 0 || d.ordinal === nth || d.ordinal === nthFromEnd),
      );
    }
    return rule.freq !== 'WEEKLY' || f.weekday === s.weekday;
  };
}

const pick = <T>(items: readonly T[], max: number) => fc.uniqueArray(fc.constantFrom(...items), { maxLength: max });

const ruleText = fc
  .record({
    freq: fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'),
    interval: fc.integer({ min: 1, max: 3 }),
    start: fc.integer({ min: toDay('1995-01-01'), max: toDay('2040-12-31') }),
    plainDays: pick(WEEKDAYS, 3),
    ordinalDays: pick(['1MO', '2TU', '-1FR', '-2WE', '3SU', '5SA', '4TH'], 2),
    monthDays: pick([1, 2, 13, 15, 28, 29, 30, 31, -1, -2, -7, -31], 3),
    months: pick([1, 2, 3, 6, 9, 12], 2),
    setPos: pick([1, 2, -1, -2], 2),
    wkst: fc.constantFrom(...WEEKDAYS),
    end: fc.oneof(
      fc.constant(null),
      fc.record({ count: fc.integer({ min: 1, max: 40 }) }),
      fc.record({ until: fc.integer({ min: 0, max: 4000 }) }),
    ),
  })
  .map((g) => {
    const numbered = g.freq === 'MONTHLY' || g.freq === 'YEARLY';
    const days = [...g.plainDays, ...(numbered ? g.ordinalDays : [])];
    const parts = [`FREQ=${g.freq}`, `INTERVAL=${g.interval}`, `WKST=${g.wkst}`];
    if (days.length > 0) parts.push(`BYDAY=${days.join(',')}`);
    if (g.freq !== 'WEEKLY' && g.monthDays.length > 0) parts.push(`BYMONTHDAY=${g.monthDays.join(',')}`);
    if (g.months.length > 0) parts.push(`BYMONTH=${g.months.join(',')}`);
    if (g.setPos.length > 0 && parts.length > 3) parts.push(`BYSETPOS=${g.setPos.join(',')}`);
    if (g.end && 'count' in g.end) parts.push(`COUNT=${g.end.count}`);
    if (g.end && 'until' in g.end) parts.push(`UNTIL=${toIso(g.start + g.end.until).replaceAll('-', '')}`);
    return `DTSTART;VALUE=DATE:${toIso(g.start).replaceAll('-', '')}\nRRULE:${parts.join(';')}`;
  });

const afterOf = (text: string, offset: number) => toIso(toDay(parseRule(text).dtstart) + offset);
const offset = fc.integer({ min: -400, max: 5000 });
const WINDOW_DAYS = 25 * 365;

describe('recurrence properties', () => {
  it('returns exactly the days the day-by-day oracle accepts (rules without COUNT or BYSETPOS)', () => {
    fc.assert(
      fc.property(ruleText, offset, (text, off) => {
        const rule = parseRule(text);
        fc.pre(rule.count === null && rule.bySetPos.length === 0);
        const after = afterOf(text, off);
        const days = nextOccurrences(text, after, 8);
        // The oracle scans 25 years (or up to the 8th day found), the engine's own result must agree inside it.
        const end = days.length === 8 ? toDay(days[7]) : toDay(after) + WINDOW_DAYS;
        const matches = oracle(rule);
        const expected: string[] = [];
        for (let day = toDay(after) + 1; day <= Math.min(end, toDay(after) + WINDOW_DAYS); day++)
          if (matches(day)) expected.push(toIso(day));
        expect(days.filter((d) => toDay(d) <= toDay(after) + WINDOW_DAYS)).toEqual(expected);
      }),
      { numRuns: 80 },
    );
  });

  it('with COUNT, gives the first COUNT days the oracle accepts, DTSTART included', () => {
    fc.assert(
      fc.property(ruleText, (text) => {
        const rule = parseRule(text);
        fc.pre(rule.count !== null && rule.bySetPos.length === 0);
        const days = nextOccurrences(text, toIso(toDay(rule.dtstart) - 1), 100);
        expect(days.length).toBeLessThanOrEqual(rule.count!);
        expect(days[0]).toBe(rule.dtstart);
        const matches = oracle({ ...rule, count: null });
        const expected: string[] = [];
        const last = days.length === rule.count ? toDay(days[days.length - 1]) : toDay(rule.dtstart) + 10 * 365;
        for (let day = toDay(rule.dtstart); day <= last && expected.length < rule.count!; day++)
          if (matches(day)) expected.push(toIso(day));
        expect(days.slice(0, expected.length)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  });

  it('is strictly increasing, after `after`, within UNTIL and COUNT', () => {
    fc.assert(
      fc.property(ruleText, offset, fc.integer({ min: 0, max: 30 }), (text, off, count) => {
        const rule = parseRule(text);
        const after = afterOf(text, off);
        const days = nextOccurrences(text, after, count);
        expect(days.length).toBeLessThanOrEqual(Math.min(count, rule.count ?? Infinity));
        days.forEach((day, i) => {
          expect(day > (i === 0 ? after : days[i - 1])).toBe(true);
          if (rule.until !== null) expect(day <= rule.until).toBe(true);
        });
      }),
    );
  });

  it('is prefix-consistent and chains: the days after the k-th continue the list', () => {
    fc.assert(
      fc.property(ruleText, offset, fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 8 }), (text, off, k, n) => {
        const after = afterOf(text, off);
        const all = nextOccurrences(text, after, k + n);
        const head = nextOccurrences(text, after, k);
        expect(all.slice(0, k)).toEqual(head);
        if (head.length === k) expect(all.slice(k)).toEqual(nextOccurrences(text, head[k - 1], n));
      }),
    );
  });

  it('says every rule as a sentence in both languages', () => {
    fc.assert(
      fc.property(ruleText, (text) => {
        for (const lang of ['de', 'en'] as const) {
          const sentence = describeRule(text, lang);
          expect(sentence).not.toMatch(/undefined|NaN|null|\s\s|,,/);
          expect(sentence[0]).toBe(sentence[0].toUpperCase());
        }
        const preset = describePreset(text);
        if (preset !== null) expect(preset.start).toBe(parseRule(text).dtstart);
      }),
    );
  });
});
