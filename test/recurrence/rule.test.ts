import { describe, expect, it } from 'vitest';
import {
  describeRecurrenceError,
  formatRule,
  nextAfterCompletion,
  nextOccurrences,
  parseRule,
  RecurrenceError,
  tryParseRule,
  type RecurrenceErrorReason,
} from '../../lib/recurrence';

const rule = (dtstart: string, rrule: string) => `DTSTART;VALUE=DATE:${dtstart}\nRRULE:${rrule}`;
const R = (rrule: string) => rule('20261207', rrule);

// [rule string, reason, field]
const refused: [string, RecurrenceErrorReason, string][] = [
  [R('FREQ=DAILY;BYHOUR=9'), 'unsupported', 'BYHOUR'],
  [R('FREQ=DAILY;BYMINUTE=0'), 'unsupported', 'BYMINUTE'],
  [R('FREQ=DAILY;BYSECOND=0'), 'unsupported', 'BYSECOND'],
  [R('FREQ=YEARLY;BYYEARDAY=100'), 'unsupported', 'BYYEARDAY'],
  [R('FREQ=YEARLY;BYWEEKNO=20'), 'unsupported', 'BYWEEKNO'],
  [R('FREQ=DAILY;X-NAME=1'), 'unsupported', 'X-NAME'],
  [R('FREQ=HOURLY'), 'unsupported', 'FREQ'],
  [R('FREQ=MINUTELY'), 'unsupported', 'FREQ'],
  [R('FREQ=SECONDLY'), 'unsupported', 'FREQ'],
  [`${R('FREQ=DAILY')}\nEXDATE;VALUE=DATE:20261208`, 'unsupported', 'EXDATE'],
  [`${R('FREQ=DAILY')}\nRDATE;VALUE=DATE:20261208`, 'unsupported', 'RDATE'],
  [`${R('FREQ=DAILY')}\nRRULE:FREQ=WEEKLY`, 'unsupported', 'RRULE'],
  ['DTSTART:20261207T090000Z\nRRULE:FREQ=DAILY', 'unsupported', 'DTSTART'],
  ['DTSTART;TZID=Europe/Berlin:20261207T090000\nRRULE:FREQ=DAILY', 'unsupported', 'DTSTART'],
  [R('FREQ=FORTNIGHTLY'), 'malformed', 'FREQ'],
  [R('FREQ=DAILY;INTERVAL=abc'), 'malformed', 'INTERVAL'],
  [R('FREQ=DAILY;INTERVAL=-1'), 'malformed', 'INTERVAL'],
  [R('FREQ=DAILY;COUNT=x'), 'malformed', 'COUNT'],
  [R('FREQ=WEEKLY;BYDAY=XX'), 'malformed', 'BYDAY'],
  [R('FREQ=WEEKLY;BYDAY=1'), 'malformed', 'BYDAY'],
  [R('FREQ=WEEKLY;BYDAY=MO,'), 'malformed', 'BYDAY'],
  [R('FREQ=MONTHLY;BYMONTHDAY=a'), 'malformed', 'BYMONTHDAY'],
  [R('FREQ=MONTHLY;BYMONTHDAY=1.5'), 'malformed', 'BYMONTHDAY'],
  [R('FREQ=DAILY;UNTIL=2026'), 'malformed', 'UNTIL'],
  [R('FREQ=WEEKLY;WKST=XY'), 'malformed', 'WKST'],
  [R('FREQ=DAILY;FREQ=WEEKLY'), 'malformed', 'FREQ'],
  [R('FREQ=DAILY;;INTERVAL=2'), 'malformed', 'RRULE'],
  [R('FREQ=DAILY;INTERVAL'), 'malformed', 'RRULE'],
  ['DTSTART;VALUE=DATE:20261207\nFREQ=DAILY', 'malformed', 'rule'],
  ['DTSTART;VALUE=DATE:2026-12-07\nRRULE:FREQ=DAILY', 'malformed', 'DTSTART'],
  ['DTSTART;VALUE=PERIOD:20261207\nRRULE:FREQ=DAILY', 'malformed', 'DTSTART'],
  [`${R('FREQ=DAILY')}\nDTSTART;VALUE=DATE:20261208`, 'malformed', 'DTSTART'],
  ['RRULE;X=1:FREQ=DAILY\nDTSTART;VALUE=DATE:20261207', 'malformed', 'RRULE'],
  [R(`FREQ=DAILY;X=${'a'.repeat(1000)}`), 'malformed', 'rule'],
  ['', 'missing', 'DTSTART'],
  ['RRULE:FREQ=DAILY', 'missing', 'DTSTART'],
  ['DTSTART;VALUE=DATE:20261207', 'missing', 'RRULE'],
  [R('INTERVAL=2'), 'missing', 'FREQ'],
  [R('FREQ=DAILY;INTERVAL=0'), 'out-of-range', 'INTERVAL'],
  [R('FREQ=DAILY;COUNT=0'), 'out-of-range', 'COUNT'],
  [R('FREQ=DAILY;COUNT=10001'), 'out-of-range', 'COUNT'],
  [R('FREQ=MONTHLY;BYMONTHDAY=0'), 'out-of-range', 'BYMONTHDAY'],
  [R('FREQ=MONTHLY;BYMONTHDAY=32'), 'out-of-range', 'BYMONTHDAY'],
  [R('FREQ=MONTHLY;BYMONTHDAY=-32'), 'out-of-range', 'BYMONTHDAY'],
  [R('FREQ=YEARLY;BYMONTH=13'), 'out-of-range', 'BYMONTH'],
  [R('FREQ=YEARLY;BYMONTH=0'), 'out-of-range', 'BYMONTH'],
  [R('FREQ=YEARLY;BYMONTH=-1'), 'out-of-range', 'BYMONTH'],
  [R('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=0'), 'out-of-range', 'BYSETPOS'],
  [R('FREQ=MONTHLY;BYDAY=MO;BYSETPOS=367'), 'out-of-range', 'BYSETPOS'],
  [R('FREQ=MONTHLY;BYDAY=6MO'), 'out-of-range', 'BYDAY'],
  [R('FREQ=YEARLY;BYMONTH=3;BYDAY=-6FR'), 'out-of-range', 'BYDAY'],
  [R('FREQ=YEARLY;BYDAY=54MO'), 'out-of-range', 'BYDAY'],
  [R('FREQ=MONTHLY;BYDAY=0MO'), 'out-of-range', 'BYDAY'],
  ['DTSTART;VALUE=DATE:20260230\nRRULE:FREQ=DAILY', 'invalid-date', 'DTSTART'],
  ['DTSTART;VALUE=DATE:20261301\nRRULE:FREQ=DAILY', 'invalid-date', 'DTSTART'],
  ['DTSTART;VALUE=DATE:20250229\nRRULE:FREQ=YEARLY', 'invalid-date', 'DTSTART'],
  ['DTSTART;VALUE=DATE:00000101\nRRULE:FREQ=YEARLY', 'invalid-date', 'DTSTART'],
  [R('FREQ=DAILY;UNTIL=20270230'), 'invalid-date', 'UNTIL'],
  [R('FREQ=DAILY;UNTIL=20271231T250000Z'), 'invalid-date', 'UNTIL'],
  [R('FREQ=DAILY;COUNT=3;UNTIL=20271231'), 'conflict', 'UNTIL'],
  [R('FREQ=DAILY;UNTIL=20261206'), 'conflict', 'UNTIL'],
  [R('FREQ=WEEKLY;BYDAY=1MO'), 'conflict', 'BYDAY'],
  [R('FREQ=DAILY;BYDAY=-1FR'), 'conflict', 'BYDAY'],
  [R('FREQ=WEEKLY;BYMONTHDAY=1'), 'conflict', 'BYMONTHDAY'],
  [R('FREQ=MONTHLY;BYSETPOS=1'), 'conflict', 'BYSETPOS'],
];

function errorOf(fn: () => unknown): RecurrenceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof RecurrenceError) return error;
    throw error;
  }
  throw new Error('expected a RecurrenceError');
}

describe('parseRule refuses what it does not support, with a typed reason', () => {
  it.each(refused)('%j → %s %s', (text, reason, field) => {
    const error = errorOf(() => parseRule(text));
    expect({ reason: error.reason, field: error.field }).toEqual({ reason, field });
    const result = tryParseRule(text);
    expect(result.ok).toBe(false);
    // Every refusal has a sentence in both languages, naming the part.
    for (const lang of ['de', 'en'] as const) expect(describeRecurrenceError(error, lang)).toContain(field);
  });

  it('never crashes with a TypeError on values that are not strings', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      expect(errorOf(() => parseRule(value as unknown as string)).reason).toBe('malformed');
    }
  });

  it('refuses bad arguments of the engine', () => {
    const weekly = R('FREQ=WEEKLY');
    expect(errorOf(() => nextOccurrences(weekly, '2026-02-30', 1))).toMatchObject({ reason: 'invalid-date', field: 'after' });
    expect(errorOf(() => nextOccurrences(weekly, '20261207', 1))).toMatchObject({ reason: 'invalid-date', field: 'after' });
    expect(errorOf(() => nextOccurrences(weekly, '2026-12-07', -1))).toMatchObject({ reason: 'out-of-range', field: 'count' });
    expect(errorOf(() => nextOccurrences(weekly, '2026-12-07', 1.5))).toMatchObject({ reason: 'out-of-range', field: 'count' });
    expect(errorOf(() => nextAfterCompletion(weekly, 'yesterday'))).toMatchObject({ reason: 'invalid-date', field: 'completedOn' });
  });
});

describe('parseRule', () => {
  it('gives a typed, sorted rule with the defaults of RFC 5545', () => {
    expect(parseRule(R('FREQ=MONTHLY;BYDAY=-1FR,MO,1MO;BYMONTHDAY=15,-1,1,15;UNTIL=20271231T120000Z'))).toEqual({
      dtstart: '2026-12-07',
      freq: 'MONTHLY',
      interval: 1,
      count: null,
      until: '2027-12-31',
      byDay: [
        { weekday: 'FR', ordinal: -1 },
        { weekday: 'MO', ordinal: 0 },
        { weekday: 'MO', ordinal: 1 },
      ],
      byMonthDay: [-1, 1, 15],
      byMonth: [],
      bySetPos: [],
      wkst: 'MO',
    });
  });

  it('round-trips through the canonical form', () => {
    const text = 'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;INTERVAL=2;BYMONTH=1,6;BYDAY=MO,FR;BYSETPOS=-1;WKST=SU;COUNT=4';
    expect(formatRule(parseRule(text))).toBe(text);
    expect(formatRule(parseRule(R('wkst=mo;freq=daily;interval=1')))).toBe(R('FREQ=DAILY'));
  });
});
