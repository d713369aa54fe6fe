/**
 * The supported RFC 5545 subset (issue 9): a `DTSTART;VALUE=DATE:` line and one `RRULE:` line,
 * evaluated on calendar days. Parsing either returns a typed rule or throws a `RecurrenceError`
 * naming the reason and the part, so the UI can say what is wrong instead of crashing.
 */
import { formatIsoDay, parseBasicDay, parseIsoDay } from './dates';

export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const FREQUENCIES = ['DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** One BYDAY entry: a weekday, with `ordinal` 0 for every such weekday or ±n for the n-th from the start / end. */
export interface WeekdayRule {
  readonly weekday: Weekday;
  readonly ordinal: number;
}

/** A parsed rule; lists are sorted and free of duplicates, days are `YYYY-MM-DD`. */
export interface RecurrenceRule {
  readonly dtstart: string;
  readonly freq: Frequency;
  readonly interval: number;
  readonly count: number | null;
  readonly until: string | null;
  readonly byDay: readonly WeekdayRule[];
  readonly byMonthDay: readonly number[];
  readonly byMonth: readonly number[];
  readonly bySetPos: readonly number[];
  readonly wkst: Weekday;
}

export type RecurrenceErrorReason = 'malformed' | 'missing' | 'unsupported' | 'out-of-range' | 'invalid-date' | 'conflict';

/** Why a rule (or an argument of the engine) was refused; `field` names the part, e.g. `BYMONTHDAY` or `after`. */
export class RecurrenceError extends Error {
  constructor(
    readonly reason: RecurrenceErrorReason,
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'RecurrenceError';
  }
}

/** The outcome of `tryParseRule`. */
export type ParseResult = { ok: true; rule: RecurrenceRule } | { ok: false; error: RecurrenceError };

/** Longer strings are refused before any work: a real rule is well under 200 characters. */
export const MAX_RULE_LENGTH = 1000;
/** The largest COUNT (and `count` argument): it bounds how far a COUNT rule must be walked from DTSTART. */
export const MAX_COUNT = 10_000;

const SUPPORTED_PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'WKST'];
// Nine digits keep every product of INTERVAL and a period index far inside the safe integer range.
const NUMBER = /^[+-]?\d{1,9}$/;

function fail(reason: RecurrenceErrorReason, field: string, message: string): never {
  throw new RecurrenceError(reason, field, message);
}

function parseIntList(field: string, value: string, min: number, max: number, allowNegative: boolean): number[] {
  const values = value.split(',').map((item) => {
    if (!NUMBER.test(item)) fail('malformed', field, `${field} is not a list of numbers: ${value}`);
    const n = Number(item);
    const inRange = (n >= min && n <= max) || (allowNegative && n <= -min && n >= -max);
    if (!inRange) fail('out-of-range', field, `${field} value out of range: ${item}`);
    return n;
  });
  return [...new Set(values)].sort((a, b) => a - b);
}

function parseCount(field: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) fail('malformed', field, `${field} is not a positive number: ${value}`);
  const n = Number(value);
  if (n < 1) fail('out-of-range', field, `${field} must be at least 1`);
  return n;
}

function parseWeekday(field: string, value: string): Weekday {
  const weekday = WEEKDAYS.find((w) => w === value);
  return weekday ?? fail('malformed', field, `${field} is not a weekday: ${value}`);
}

function parseByDay(value: string, freq: Frequency, hasByMonth: boolean): WeekdayRule[] {
  // The n-th weekday of a month exists at most 5 times; of a year (YEARLY without BYMONTH) 53 times.
  const maxOrdinal = freq === 'YEARLY' && !hasByMonth ? 53 : 5;
  const entries = value.split(',').map((item) => {
    const match = /^([+-]?\d{1,2})?([A-Z]{2})$/.exec(item);
    if (!match) fail('malformed', 'BYDAY', `BYDAY entry is malformed: ${item}`);
    const weekday = parseWeekday('BYDAY', match[2]);
    if (match[1] === undefined) return { weekday, ordinal: 0 };
    const ordinal = Number(match[1]);
    if (freq === 'DAILY' || freq === 'WEEKLY') {
      fail('conflict', 'BYDAY', `A numbered BYDAY (${item}) needs FREQ=MONTHLY or YEARLY`);
    }
    if (ordinal === 0 || Math.abs(ordinal) > maxOrdinal) fail('out-of-range', 'BYDAY', `BYDAY ordinal out of range: ${item}`);
    return { weekday, ordinal };
  });
  const unique = new Map(entries.map((e) => [`${e.ordinal}${e.weekday}`, e]));
  return [...unique.values()].sort((a, b) => a.ordinal - b.ordinal || WEEKDAYS.indexOf(a.weekday) - WEEKDAYS.indexOf(b.weekday));
}

function parseUntil(value: string): string {
  const match = /^(\d{8})(?:T(\d{2})(\d{2})(\d{2})Z?)?$/.exec(value);
  if (!match) fail('malformed', 'UNTIL', `UNTIL is not a date: ${value}`);
  const day = parseBasicDay(match[1]);
  // A date-time UNTIL is taken as its date: the engine knows no times (issue 9).
  const badTime = match[2] !== undefined && (Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 60);
  if (day === null || badTime) fail('invalid-date', 'UNTIL', `UNTIL is not a real date: ${value}`);
  return formatIsoDay(day);
}

function parseDtstart(line: string): string {
  const match = /^DTSTART((?:;[^:]*)?):(.*)$/.exec(line);
  if (!match) fail('malformed', 'DTSTART', `DTSTART line is malformed: ${line.slice(0, 80)}`);
  const [, params, value] = match;
  if (params !== '' && params !== ';VALUE=DATE') {
    if (/TZID=|VALUE=DATE-TIME/.test(params)) fail('unsupported', 'DTSTART', 'DTSTART must be a date, not a date-time');
    fail('malformed', 'DTSTART', `DTSTART parameters are malformed: ${params}`);
  }
  if (/^\d{8}T\d{6}Z?$/.test(value)) fail('unsupported', 'DTSTART', 'DTSTART must be a date, not a date-time');
  if (!/^\d{8}$/.test(value)) fail('malformed', 'DTSTART', `DTSTART is not a date: ${value}`);
  const day = parseBasicDay(value);
  return day === null ? fail('invalid-date', 'DTSTART', `DTSTART is not a real date: ${value}`) : formatIsoDay(day);
}

function parseRrule(value: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const part of value.split(';')) {
    const match = /^([A-Z][A-Z-]*)=(.+)$/.exec(part);
    if (!match) fail('malformed', 'RRULE', `RRULE part is malformed: ${part.slice(0, 80)}`);
    const [, name, partValue] = match;
    if (!SUPPORTED_PARTS.includes(name)) fail('unsupported', name, `${name} is not supported`);
    if (parts.has(name)) fail('malformed', name, `${name} is given twice`);
    parts.set(name, partValue);
  }
  return parts;
}

function parseFreq(value: string | undefined): Frequency {
  if (value === undefined) fail('missing', 'FREQ', 'RRULE has no FREQ');
  const freq = FREQUENCIES.find((f) => f === value);
  if (freq) return freq;
  if (value === 'SECONDLY' || value === 'MINUTELY' || value === 'HOURLY') {
    fail('unsupported', 'FREQ', `FREQ=${value} is not supported: rules run on whole days`);
  }
  return fail('malformed', 'FREQ', `FREQ is not a frequency: ${value}`);
}

/** Parses a rule string; throws `RecurrenceError` for anything outside the supported subset. */
export function parseRule(rule: string): RecurrenceRule {
  if (typeof rule !== 'string') fail('malformed', 'rule', 'A rule must be a string');
  if (rule.length > MAX_RULE_LENGTH) fail('malformed', 'rule', `A rule is at most ${MAX_RULE_LENGTH} characters`);
  let dtstart: string | undefined;
  let rrule: string | undefined;
  // Property and part names are case-insensitive in RFC 5545, and so are all values this subset knows.
  for (const line of rule.toUpperCase().split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const name = /^[A-Z][A-Z-]*(?=[;:])/.exec(line)?.[0];
    if (name === 'DTSTART') {
      if (dtstart !== undefined) fail('malformed', 'DTSTART', 'DTSTART is given twice');
      dtstart = parseDtstart(line);
    } else if (name === 'RRULE') {
      if (rrule !== undefined) fail('unsupported', 'RRULE', 'Only one RRULE is supported');
      rrule = line.slice('RRULE:'.length);
      if (!line.startsWith('RRULE:')) fail('malformed', 'RRULE', 'RRULE takes no parameters');
    } else if (name !== undefined) {
      fail('unsupported', name, `${name} is not supported`);
    } else {
      fail('malformed', 'rule', `Not a property line: ${line.slice(0, 80)}`);
    }
  }
  if (dtstart === undefined) fail('missing', 'DTSTART', 'The rule has no DTSTART;VALUE=DATE line');
  if (rrule === undefined) fail('missing', 'RRULE', 'The rule has no RRULE line');

  const parts = parseRrule(rrule);
  const freq = parseFreq(parts.get('FREQ'));
  const get = (name: string) => parts.get(name);
  const interval = get('INTERVAL') === undefined ? 1 : parseCount('INTERVAL', get('INTERVAL')!);
  const count = get('COUNT') === undefined ? null : parseCount('COUNT', get('COUNT')!);
  if (count !== null && count > MAX_COUNT) fail('out-of-range', 'COUNT', `COUNT is at most ${MAX_COUNT}`);
  const until = get('UNTIL') === undefined ? null : parseUntil(get('UNTIL')!);
  const byMonth = get('BYMONTH') === undefined ? [] : parseIntList('BYMONTH', get('BYMONTH')!, 1, 12, false);
  const byMonthDay = get('BYMONTHDAY') === undefined ? [] : parseIntList('BYMONTHDAY', get('BYMONTHDAY')!, 1, 31, true);
  const byDay = get('BYDAY') === undefined ? [] : parseByDay(get('BYDAY')!, freq, byMonth.length > 0);
  const bySetPos = get('BYSETPOS') === undefined ? [] : parseIntList('BYSETPOS', get('BYSETPOS')!, 1, 366, true);
  const wkst = get('WKST') === undefined ? 'MO' : parseWeekday('WKST', get('WKST')!);

  if (count !== null && until !== null) fail('conflict', 'UNTIL', 'COUNT and UNTIL must not both be given (RFC 5545)');
  if (until !== null && until < dtstart) fail('conflict', 'UNTIL', 'UNTIL lies before DTSTART');
  if (freq === 'WEEKLY' && byMonthDay.length > 0) fail('conflict', 'BYMONTHDAY', 'BYMONTHDAY must not be used with FREQ=WEEKLY (RFC 5545)');
  if (bySetPos.length > 0 && byDay.length + byMonthDay.length + byMonth.length === 0) {
    fail('conflict', 'BYSETPOS', 'BYSETPOS needs another BYxxx part (RFC 5545)');
  }
  return { dtstart, freq, interval, count, until, byDay, byMonthDay, byMonth, bySetPos, wkst };
}

/** Like `parseRule`, but returns the error instead of throwing: for forms that validate as the user types. */
export function tryParseRule(rule: string): ParseResult {
  try {
    return { ok: true, rule: parseRule(rule) };
  } catch (error) {
    if (error instanceof RecurrenceError) return { ok: false, error };
    throw error;
  }
}

function basic(day: string): string {
  return day.replaceAll('-', '');
}

/** Formats a rule as its canonical string (fixed part order, defaults left out); parsing it gives the rule back. */
export function formatRule(rule: RecurrenceRule): string {
  const parts = [`FREQ=${rule.freq}`];
  if (rule.interval !== 1) parts.push(`INTERVAL=${rule.interval}`);
  if (rule.byMonth.length > 0) parts.push(`BYMONTH=${rule.byMonth.join(',')}`);
  if (rule.byMonthDay.length > 0) parts.push(`BYMONTHDAY=${rule.byMonthDay.join(',')}`);
  if (rule.byDay.length > 0) {
    parts.push(`BYDAY=${rule.byDay.map((d) => `${d.ordinal === 0 ? '' : d.ordinal}${d.weekday}`).join(',')}`);
  }
  if (rule.bySetPos.length > 0) parts.push(`BYSETPOS=${rule.bySetPos.join(',')}`);
  if (rule.wkst !== 'MO') parts.push(`WKST=${rule.wkst}`);
  if (rule.count !== null) parts.push(`COUNT=${rule.count}`);
  if (rule.until !== null) parts.push(`UNTIL=${basic(rule.until)}`);
  return `DTSTART;VALUE=DATE:${basic(rule.dtstart)}\nRRULE:${parts.join(';')}`;
}

/** Parses a `YYYY-MM-DD` argument or throws `RecurrenceError('invalid-date', field)`. */
export function parseDayArgument(field: string, value: string): number {
  const day = typeof value === 'string' ? parseIsoDay(value) : null;
  return day ?? fail('invalid-date', field, `${field} is not a YYYY-MM-DD day: ${String(value).slice(0, 40)}`);
}
