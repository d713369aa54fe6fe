import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildRule, describePreset, describeRule, nextOccurrences, RecurrenceError, type RulePreset } from '../../lib/recurrence';

const rule = (rrule: string, dtstart = '20261207') => `DTSTART;VALUE=DATE:${dtstart}\nRRULE:${rrule}`;

// [RRULE, German, English]; every rule starts on Monday, 7 December 2026.
const sentences: [string, string, string][] = [
  ['FREQ=WEEKLY;BYDAY=MO', 'Jeden Montag, ab 7. Dezember 2026', 'Every Monday, from 7 December 2026'],
  ['FREQ=WEEKLY', 'Jeden Montag, ab 7. Dezember 2026', 'Every Monday, from 7 December 2026'],
  ['FREQ=WEEKLY;BYDAY=TU,TH', 'Jeden Dienstag und Donnerstag, ab 7. Dezember 2026', 'Every Tuesday and Thursday, from 7 December 2026'],
  [
    'FREQ=WEEKLY;BYDAY=MO,WE,FR',
    'Jeden Montag, Mittwoch und Freitag, ab 7. Dezember 2026',
    'Every Monday, Wednesday and Friday, from 7 December 2026',
  ],
  ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', 'Werktags (Mo–Fr), ab 7. Dezember 2026', 'Every weekday (Mon–Fri), from 7 December 2026'],
  ['FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR', 'Werktags (Mo–Fr), ab 7. Dezember 2026', 'Every weekday (Mon–Fri), from 7 December 2026'],
  ['FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', 'Alle 2 Wochen am Freitag, ab 7. Dezember 2026', 'Every 2 weeks on Friday, from 7 December 2026'],
  ['FREQ=DAILY', 'Täglich, ab 7. Dezember 2026', 'Every day, from 7 December 2026'],
  ['FREQ=DAILY;INTERVAL=3', 'Alle 3 Tage, ab 7. Dezember 2026', 'Every 3 days, from 7 December 2026'],
  ['FREQ=MONTHLY;BYMONTHDAY=1', 'Jeden 1. des Monats, ab 7. Dezember 2026', 'On the 1st of every month, from 7 December 2026'],
  [
    'FREQ=MONTHLY;BYMONTHDAY=1,15',
    'Jeden 1. und 15. des Monats, ab 7. Dezember 2026',
    'On the 1st and 15th of every month, from 7 December 2026',
  ],
  ['FREQ=MONTHLY;INTERVAL=3', 'Alle 3 Monate am 7., ab 7. Dezember 2026', 'Every 3 months on the 7th, from 7 December 2026'],
  [
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    'Am letzten Tag jedes Monats, ab 7. Dezember 2026',
    'On the last day of every month, from 7 December 2026',
  ],
  [
    'FREQ=MONTHLY;BYMONTHDAY=1,-1',
    'Am 1. und letzten Tag jedes Monats, ab 7. Dezember 2026',
    'On the 1st and last day of every month, from 7 December 2026',
  ],
  [
    'FREQ=MONTHLY;BYDAY=1MO',
    'Am ersten Montag des Monats, ab 7. Dezember 2026',
    'On the first Monday of every month, from 7 December 2026',
  ],
  [
    'FREQ=MONTHLY;BYDAY=-1FR',
    'Am letzten Freitag des Monats, ab 7. Dezember 2026',
    'On the last Friday of every month, from 7 December 2026',
  ],
  [
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=3WE',
    'Alle 2 Monate am dritten Mittwoch, ab 7. Dezember 2026',
    'Every 2 months on the third Wednesday, from 7 December 2026',
  ],
  [
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    'Am letzten Werktag jedes Monats, ab 7. Dezember 2026',
    'On the last working day of every month, from 7 December 2026',
  ],
  ['FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=3', 'Jährlich am 3. März, ab 7. Dezember 2026', 'Every year on 3 March, from 7 December 2026'],
  ['FREQ=YEARLY', 'Jährlich am 7. Dezember, ab 7. Dezember 2026', 'Every year on 7 December, from 7 December 2026'],
  [
    'FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO',
    'Jährlich am letzten Montag im Mai, ab 7. Dezember 2026',
    'Every year on the last Monday of May, from 7 December 2026',
  ],
  ['FREQ=WEEKLY;BYDAY=MO;COUNT=10', 'Jeden Montag, ab 7. Dezember 2026, 10-mal', 'Every Monday, from 7 December 2026, 10 times'],
  [
    'FREQ=WEEKLY;BYDAY=MO;UNTIL=20271231',
    'Jeden Montag, ab 7. Dezember 2026, bis 31. Dezember 2027',
    'Every Monday, from 7 December 2026, until 31 December 2027',
  ],
  [
    'FREQ=MONTHLY;BYMONTH=3,9;BYDAY=MO,-1FR',
    'Monatlich, im März und September, montags und am letzten Freitag des Monats, ab 7. Dezember 2026',
    'Monthly, in March and September, on Mondays and on the last Friday of the month, from 7 December 2026',
  ],
  [
    'FREQ=WEEKLY;BYDAY=MO,WE;BYSETPOS=1',
    'Wöchentlich, montags und mittwochs, davon jeweils der erste in der Woche, ab 7. Dezember 2026',
    'Weekly, on Mondays and Wednesdays, only the first of these in each week, from 7 December 2026',
  ],
];

describe('describeRule', () => {
  it.each(sentences)('%s', (rrule, de, en) => {
    expect(describeRule(rule(rrule), 'de')).toBe(de);
    expect(describeRule(rule(rrule), 'en')).toBe(en);
  });

  it('uses the given date format', () => {
    expect(describeRule(rule('FREQ=DAILY;UNTIL=20261231'), 'en', (day) => `<${day}>`)).toBe(
      'Every day, from <2026-12-07>, until <2026-12-31>',
    );
  });

  it('refuses an unsupported rule with a typed error', () => {
    expect(() => describeRule(rule('FREQ=HOURLY'), 'de')).toThrow(RecurrenceError);
  });
});

// [preset, RRULE it builds]
const presets: [RulePreset, string][] = [
  [{ kind: 'weekdays', start: '2026-12-07' }, 'FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR'],
  [{ kind: 'weekly', start: '2026-12-07', weekdays: ['TH', 'TU'] }, 'FREQ=WEEKLY;BYDAY=TU,TH'],
  [{ kind: 'weekly', start: '2026-12-07', weekdays: ['FR'], interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR'],
  [{ kind: 'every', start: '2026-12-07', unit: 'day', interval: 3 }, 'FREQ=DAILY;INTERVAL=3'],
  [{ kind: 'every', start: '2026-12-07', unit: 'week', interval: 2 }, 'FREQ=WEEKLY;INTERVAL=2'],
  [{ kind: 'every', start: '2026-12-07', unit: 'month', interval: 6 }, 'FREQ=MONTHLY;INTERVAL=6'],
  [{ kind: 'monthly-day', start: '2026-12-07', day: 15 }, 'FREQ=MONTHLY;BYMONTHDAY=15'],
  [{ kind: 'monthly-last-day', start: '2026-12-07' }, 'FREQ=MONTHLY;BYMONTHDAY=-1'],
  [{ kind: 'monthly-weekday', start: '2026-12-07', ordinal: 1, weekday: 'MO' }, 'FREQ=MONTHLY;BYDAY=1MO'],
  [{ kind: 'monthly-weekday', start: '2026-12-07', ordinal: -1, weekday: 'FR' }, 'FREQ=MONTHLY;BYDAY=-1FR'],
  [{ kind: 'monthly-last-working-day', start: '2026-12-07' }, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
  [{ kind: 'yearly', start: '2026-12-07', month: 2, day: 29 }, 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29'],
  [{ kind: 'weekly', start: '2026-12-07', weekdays: ['MO'], end: { count: 10 } }, 'FREQ=WEEKLY;BYDAY=MO;COUNT=10'],
  [{ kind: 'monthly-day', start: '2026-12-07', day: 1, end: { until: '2027-12-31' } }, 'FREQ=MONTHLY;BYMONTHDAY=1;UNTIL=20271231'],
];

describe('buildRule and describePreset', () => {
  it.each(presets)('%j', (preset, rrule) => {
    expect(buildRule(preset)).toBe(rule(rrule));
    expect(buildRule(describePreset(rule(rrule))!)).toBe(rule(rrule));
  });

  it('the last working day preset gives the last weekday of each month', () => {
    const built = buildRule({ kind: 'monthly-last-working-day', start: '2026-12-01' });
    expect(nextOccurrences(built, '2026-12-01', 3)).toEqual(['2026-12-31', '2027-01-29', '2027-02-26']);
  });

  it('says null for rules no preset makes', () => {
    for (const rrule of [
      'FREQ=MONTHLY;BYDAY=MO,-1FR',
      'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO;WKST=SU',
      'FREQ=YEARLY;BYMONTH=3,9;BYMONTHDAY=1',
      'FREQ=MONTHLY;BYDAY=1MO,3MO',
    ]) {
      expect(describePreset(rule(rrule))).toBeNull();
    }
  });

  it('ignores a WKST that cannot change the days', () => {
    expect(describePreset(rule('FREQ=WEEKLY;BYDAY=MO;WKST=SU'))).toEqual({ kind: 'weekly', start: '2026-12-07', weekdays: ['MO'] });
  });

  it('refuses presets a rule cannot hold, with typed errors', () => {
    const bad: RulePreset[] = [
      { kind: 'weekly', start: '2026-12-07', weekdays: [] },
      { kind: 'monthly-day', start: '2026-12-07', day: 0 },
      { kind: 'monthly-day', start: '2026-12-07', day: 32 },
      { kind: 'yearly', start: '2026-12-07', month: 2, day: 30 },
      { kind: 'yearly', start: '2026-12-07', month: 13, day: 1 },
      { kind: 'every', start: '2026-12-07', unit: 'day', interval: 0 },
      { kind: 'every', start: '2026-02-30', unit: 'day' },
      { kind: 'every', start: '2026-12-07', unit: 'day', end: { until: '2026-12-01' } },
    ];
    for (const preset of bad) expect(() => buildRule(preset), JSON.stringify(preset)).toThrow(RecurrenceError);
  });

  it('round-trips every preset (property)', () => {
    const weekday = fc.constantFrom('MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU' as const);
    const base = {
      start: fc.integer({ min: 0, max: 20_000 }).map((n) => new Date(Date.UTC(2000, 0, 1 + n)).toISOString().slice(0, 10)),
      interval: fc.integer({ min: 1, max: 12 }),
    };
    const preset: fc.Arbitrary<RulePreset> = fc.oneof(
      fc.record({ ...base, kind: fc.constant('weekdays' as const) }),
      fc.record({ ...base, kind: fc.constant('weekly' as const), weekdays: fc.uniqueArray(weekday, { minLength: 1, maxLength: 7 }) }),
      fc.record({ ...base, kind: fc.constant('every' as const), unit: fc.constantFrom('day', 'week', 'month', 'year' as const) }),
      fc.record({ ...base, kind: fc.constant('monthly-day' as const), day: fc.integer({ min: 1, max: 31 }) }),
      fc.record({ ...base, kind: fc.constant('monthly-last-day' as const) }),
      fc.record({ ...base, kind: fc.constant('monthly-weekday' as const), ordinal: fc.constantFrom(1, 2, 3, 4, 5, -1 as const), weekday }),
      fc.record({ ...base, kind: fc.constant('monthly-last-working-day' as const) }),
      fc.record({
        ...base,
        kind: fc.constant('yearly' as const),
        month: fc.integer({ min: 1, max: 12 }),
        day: fc.integer({ min: 1, max: 28 }),
      }),
    );
    fc.assert(
      fc.property(preset, (p) => {
        const built = buildRule(p);
        const back = describePreset(built);
        expect(back).not.toBeNull();
        expect(buildRule(back!)).toBe(built);
        expect(describeRule(built, 'de').length).toBeGreaterThan(0);
      }),
    );
  });
});
