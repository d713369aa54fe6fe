import { describe, expect, it } from 'vitest';
import { isOccurrence, nextAfterCompletion, nextOccurrences } from '../../lib/recurrence';

/** A rule string as the store keeps it. */
const rule = (dtstart: string, rrule: string) => `DTSTART;VALUE=DATE:${dtstart}\nRRULE:${rrule}`;

// [what, DTSTART, RRULE, after, count, expected] — computed by hand; "RFC" marks the examples of RFC 5545 §3.8.5.3.
const cases: [string, string, string, string, number, string[]][] = [
  ['daily', '20260101', 'FREQ=DAILY', '2025-12-31', 3, ['2026-01-01', '2026-01-02', '2026-01-03']],
  ['daily, interval 3', '20261201', 'FREQ=DAILY;INTERVAL=3', '2026-12-05', 3, ['2026-12-07', '2026-12-10', '2026-12-13']],
  ['after equal to an occurrence is strictly after', '20261201', 'FREQ=DAILY;INTERVAL=3', '2026-12-04', 2, ['2026-12-07', '2026-12-10']],
  ['after long before DTSTART', '20261207', 'FREQ=WEEKLY;BYDAY=MO', '2020-01-01', 2, ['2026-12-07', '2026-12-14']],
  [
    'weekly on two days, DTSTART passed',
    '20261207',
    'FREQ=WEEKLY;BYDAY=TU,TH',
    '2026-12-07',
    3,
    ['2026-12-08', '2026-12-10', '2026-12-15'],
  ],
  [
    'unsynchronized DTSTART is the first instance',
    '20261207',
    'FREQ=WEEKLY;BYDAY=TU,TH',
    '2026-12-06',
    3,
    ['2026-12-07', '2026-12-08', '2026-12-10'],
  ],
  [
    'unsynchronized DTSTART counts towards COUNT',
    '20261207',
    'FREQ=WEEKLY;BYDAY=TU,TH;COUNT=3',
    '2026-01-01',
    5,
    ['2026-12-07', '2026-12-08', '2026-12-10'],
  ],
  ['COUNT=1 is DTSTART alone', '20260101', 'FREQ=DAILY;COUNT=1', '2025-01-01', 10, ['2026-01-01']],
  ['COUNT includes DTSTART', '20260101', 'FREQ=DAILY;COUNT=3', '2025-01-01', 10, ['2026-01-01', '2026-01-02', '2026-01-03']],
  ['COUNT counted from DTSTART, not from after', '20260101', 'FREQ=DAILY;COUNT=5', '2026-01-03', 10, ['2026-01-04', '2026-01-05']],
  ['UNTIL is inclusive', '20260101', 'FREQ=DAILY;UNTIL=20260105', '2026-01-02', 10, ['2026-01-03', '2026-01-04', '2026-01-05']],
  [
    'UNTIL as a date-time is its date',
    '20260101',
    'FREQ=DAILY;UNTIL=20260105T235959Z',
    '2026-01-02',
    10,
    ['2026-01-03', '2026-01-04', '2026-01-05'],
  ],
  ['UNTIL off the rule', '20261207', 'FREQ=WEEKLY;BYDAY=MO;UNTIL=20261220', '2026-01-01', 10, ['2026-12-07', '2026-12-14']],
  [
    'every 2 weeks on Friday (WKST=MO)',
    '20261207',
    'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR',
    '2026-12-06',
    4,
    ['2026-12-07', '2026-12-11', '2026-12-25', '2027-01-08'],
  ],
  [
    'RFC: INTERVAL=2 with WKST=MO',
    '19970805',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=MO',
    '1997-01-01',
    10,
    ['1997-08-05', '1997-08-10', '1997-08-19', '1997-08-24'],
  ],
  [
    'RFC: INTERVAL=2 with WKST=SU',
    '19970805',
    'FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,SU;WKST=SU',
    '1997-01-01',
    10,
    ['1997-08-05', '1997-08-17', '1997-08-19', '1997-08-31'],
  ],
  [
    'monthly from the 31st skips short months',
    '20260131',
    'FREQ=MONTHLY',
    '2026-01-01',
    6,
    ['2026-01-31', '2026-03-31', '2026-05-31', '2026-07-31', '2026-08-31', '2026-10-31'],
  ],
  [
    'BYMONTHDAY=31 skips short months',
    '20260101',
    'FREQ=MONTHLY;BYMONTHDAY=31',
    '2026-01-01',
    3,
    ['2026-01-31', '2026-03-31', '2026-05-31'],
  ],
  [
    'BYMONTHDAY=-1 is the last day',
    '20260131',
    'FREQ=MONTHLY;BYMONTHDAY=-1',
    '2026-01-01',
    4,
    ['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30'],
  ],
  ['BYMONTHDAY=-1 in a leap year', '20280131', 'FREQ=MONTHLY;BYMONTHDAY=-1', '2028-01-31', 2, ['2028-02-29', '2028-03-31']],
  ['BYMONTHDAY=-2', '20260101', 'FREQ=MONTHLY;BYMONTHDAY=-2', '2026-01-01', 3, ['2026-01-30', '2026-02-27', '2026-03-30']],
  ['BYMONTHDAY=30 skips February', '20260130', 'FREQ=MONTHLY;BYMONTHDAY=30', '2026-01-30', 2, ['2026-03-30', '2026-04-30']],
  ['Feb 29 yearly only in leap years', '20240229', 'FREQ=YEARLY', '2024-02-29', 3, ['2028-02-29', '2032-02-29', '2036-02-29']],
  ['Feb 29 yearly skips 2100', '20960229', 'FREQ=YEARLY', '2096-02-29', 2, ['2104-02-29', '2108-02-29']],
  ['BYMONTH=2;BYMONTHDAY=29', '20260101', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', '2026-01-01', 2, ['2028-02-29', '2032-02-29']],
  [
    'yearly last day of February',
    '20260228',
    'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1',
    '2026-01-01',
    3,
    ['2026-02-28', '2027-02-28', '2028-02-29'],
  ],
  ['never matching: only DTSTART', '20260101', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2', '2025-12-31', 3, ['2026-01-01']],
  ['never matching after DTSTART', '20260101', 'FREQ=MONTHLY;BYMONTHDAY=31;BYMONTH=2', '2026-01-01', 3, []],
  ['never matching, yearly Feb 30', '20260101', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30', '2026-01-01', 3, []],
  ['never matching, daily', '20260101', 'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=31', '2026-01-01', 3, []],
  ['never matching, odd years every 4', '20250101', 'FREQ=YEARLY;INTERVAL=4;BYMONTH=2;BYMONTHDAY=29', '2025-01-01', 3, []],
  ['first Monday of the month', '20261207', 'FREQ=MONTHLY;BYDAY=1MO', '2026-12-06', 3, ['2026-12-07', '2027-01-04', '2027-02-01']],
  ['last Friday of the month', '20261201', 'FREQ=MONTHLY;BYDAY=-1FR', '2026-12-01', 3, ['2026-12-25', '2027-01-29', '2027-02-26']],
  ['+2TU', '20260101', 'FREQ=MONTHLY;BYDAY=+2TU', '2026-01-01', 3, ['2026-01-13', '2026-02-10', '2026-03-10']],
  ['fifth Monday skips months', '20260101', 'FREQ=MONTHLY;BYDAY=5MO', '2026-01-01', 2, ['2026-03-30', '2026-06-29']],
  [
    'last working day (BYSETPOS=-1)',
    '20260101',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1',
    '2026-01-01',
    3,
    ['2026-01-30', '2026-02-27', '2026-03-31'],
  ],
  [
    'first working day (BYSETPOS=1)',
    '20260101',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1',
    '2026-01-01',
    3,
    ['2026-02-02', '2026-03-02', '2026-04-01'],
  ],
  [
    'RFC: third of TU,WE,TH (BYSETPOS=3)',
    '19970904',
    'FREQ=MONTHLY;COUNT=3;BYDAY=TU,WE,TH;BYSETPOS=3',
    '1997-01-01',
    10,
    ['1997-09-04', '1997-10-07', '1997-11-06'],
  ],
  [
    'RFC: second-to-last weekday',
    '19970929',
    'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-2',
    '1997-01-01',
    7,
    ['1997-09-29', '1997-10-30', '1997-11-27', '1997-12-30', '1998-01-29', '1998-02-26', '1998-03-30'],
  ],
  [
    'RFC: Friday the 13th (BYDAY and BYMONTHDAY intersect)',
    '19970902',
    'FREQ=MONTHLY;BYDAY=FR;BYMONTHDAY=13',
    '1997-09-02',
    5,
    ['1998-02-13', '1998-03-13', '1998-11-13', '1999-08-13', '2000-10-13'],
  ],
  [
    'RFC: Saturday after the first Sunday',
    '19970913',
    'FREQ=MONTHLY;BYDAY=SA;BYMONTHDAY=7,8,9,10,11,12,13',
    '1997-01-01',
    8,
    ['1997-09-13', '1997-10-11', '1997-11-08', '1997-12-13', '1998-01-10', '1998-02-07', '1998-03-07', '1998-04-11'],
  ],
  [
    'RFC: first and last day',
    '19970930',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=1,-1',
    '1997-01-01',
    20,
    [
      '1997-09-30',
      '1997-10-01',
      '1997-10-31',
      '1997-11-01',
      '1997-11-30',
      '1997-12-01',
      '1997-12-31',
      '1998-01-01',
      '1998-01-31',
      '1998-02-01',
    ],
  ],
  [
    'RFC: every other month, first and last Sunday',
    '19970907',
    'FREQ=MONTHLY;INTERVAL=2;COUNT=10;BYDAY=1SU,-1SU',
    '1997-01-01',
    20,
    [
      '1997-09-07',
      '1997-09-28',
      '1997-11-02',
      '1997-11-30',
      '1998-01-04',
      '1998-01-25',
      '1998-03-01',
      '1998-03-29',
      '1998-05-03',
      '1998-05-31',
    ],
  ],
  [
    'RFC: second-to-last Monday',
    '19970922',
    'FREQ=MONTHLY;COUNT=6;BYDAY=-2MO',
    '1997-01-01',
    10,
    ['1997-09-22', '1997-10-20', '1997-11-17', '1997-12-22', '1998-01-19', '1998-02-16'],
  ],
  [
    'RFC: third-to-last day',
    '19970928',
    'FREQ=MONTHLY;BYMONTHDAY=-3',
    '1997-01-01',
    6,
    ['1997-09-28', '1997-10-29', '1997-11-28', '1997-12-29', '1998-01-29', '1998-02-26'],
  ],
  [
    'RFC: every Tuesday, every other month',
    '19970902',
    'FREQ=MONTHLY;INTERVAL=2;BYDAY=TU',
    '1997-01-01',
    11,
    [
      '1997-09-02',
      '1997-09-09',
      '1997-09-16',
      '1997-09-23',
      '1997-09-30',
      '1997-11-04',
      '1997-11-11',
      '1997-11-18',
      '1997-11-25',
      '1998-01-06',
      '1998-01-13',
    ],
  ],
  [
    'RFC: yearly in June and July',
    '19970610',
    'FREQ=YEARLY;COUNT=10;BYMONTH=6,7',
    '1997-01-01',
    20,
    [
      '1997-06-10',
      '1997-07-10',
      '1998-06-10',
      '1998-07-10',
      '1999-06-10',
      '1999-07-10',
      '2000-06-10',
      '2000-07-10',
      '2001-06-10',
      '2001-07-10',
    ],
  ],
  [
    'RFC: every other year in Jan, Feb, Mar',
    '19970310',
    'FREQ=YEARLY;INTERVAL=2;COUNT=10;BYMONTH=1,2,3',
    '1997-01-01',
    20,
    [
      '1997-03-10',
      '1999-01-10',
      '1999-02-10',
      '1999-03-10',
      '2001-01-10',
      '2001-02-10',
      '2001-03-10',
      '2003-01-10',
      '2003-02-10',
      '2003-03-10',
    ],
  ],
  ['RFC: 20th Monday of the year', '19970519', 'FREQ=YEARLY;BYDAY=20MO', '1997-01-01', 3, ['1997-05-19', '1998-05-18', '1999-05-17']],
  [
    'RFC: every Thursday in March',
    '19970313',
    'FREQ=YEARLY;BYMONTH=3;BYDAY=TH',
    '1997-01-01',
    8,
    ['1997-03-13', '1997-03-20', '1997-03-27', '1998-03-05', '1998-03-12', '1998-03-19', '1998-03-26', '1999-03-04'],
  ],
  [
    'RFC: Thursdays in June to August',
    '19970605',
    'FREQ=YEARLY;BYDAY=TH;BYMONTH=6,7,8',
    '1997-01-01',
    10,
    [
      '1997-06-05',
      '1997-06-12',
      '1997-06-19',
      '1997-06-26',
      '1997-07-03',
      '1997-07-10',
      '1997-07-17',
      '1997-07-24',
      '1997-07-31',
      '1997-08-07',
    ],
  ],
  [
    'RFC: US election day',
    '19961105',
    'FREQ=YEARLY;INTERVAL=4;BYMONTH=11;BYDAY=TU;BYMONTHDAY=2,3,4,5,6,7,8',
    '1996-01-01',
    3,
    ['1996-11-05', '2000-11-07', '2004-11-02'],
  ],
  [
    'RFC: every day in January (yearly)',
    '19980101',
    'FREQ=YEARLY;UNTIL=20000131T140000Z;BYMONTH=1;BYDAY=SU,MO,TU,WE,TH,FR,SA',
    '1998-01-29',
    5,
    ['1998-01-30', '1998-01-31', '1999-01-01', '1999-01-02', '1999-01-03'],
  ],
  [
    'RFC: every day in January (daily) ends on UNTIL',
    '19980101',
    'FREQ=DAILY;UNTIL=20000131T140000Z;BYMONTH=1',
    '2000-01-29',
    5,
    ['2000-01-30', '2000-01-31'],
  ],
  [
    'RFC: every 10 days, 5 times',
    '19970902',
    'FREQ=DAILY;INTERVAL=10;COUNT=5',
    '1997-01-01',
    10,
    ['1997-09-02', '1997-09-12', '1997-09-22', '1997-10-02', '1997-10-12'],
  ],
  [
    'RFC: 2nd and 15th',
    '19970902',
    'FREQ=MONTHLY;COUNT=10;BYMONTHDAY=2,15',
    '1997-01-01',
    20,
    [
      '1997-09-02',
      '1997-09-15',
      '1997-10-02',
      '1997-10-15',
      '1997-11-02',
      '1997-11-15',
      '1997-12-02',
      '1997-12-15',
      '1998-01-02',
      '1998-01-15',
    ],
  ],
  [
    'RFC: every 18 months, 10th to 15th',
    '19970910',
    'FREQ=MONTHLY;INTERVAL=18;COUNT=10;BYMONTHDAY=10,11,12,13,14,15',
    '1997-01-01',
    20,
    [
      '1997-09-10',
      '1997-09-11',
      '1997-09-12',
      '1997-09-13',
      '1997-09-14',
      '1997-09-15',
      '1999-03-10',
      '1999-03-11',
      '1999-03-12',
      '1999-03-13',
    ],
  ],
  ['monthly limited by BYMONTH', '20260101', 'FREQ=MONTHLY;BYMONTH=1,7;BYMONTHDAY=1', '2026-01-01', 2, ['2026-07-01', '2027-01-01']],
  ['daily limited by BYDAY', '20261207', 'FREQ=DAILY;BYDAY=MO,FR', '2026-12-07', 3, ['2026-12-11', '2026-12-14', '2026-12-18']],
  ['count 0', '20260101', 'FREQ=DAILY', '2025-01-01', 0, []],
];

describe('nextOccurrences (hand-computed cases)', () => {
  it.each(cases)('%s', (_what, dtstart, rrule, after, count, expected) => {
    expect(nextOccurrences(rule(dtstart, rrule), after, count)).toEqual(expected);
  });

  it('accepts CRLF line ends, lower case and DTSTART without VALUE=DATE', () => {
    const expected = ['2026-12-07', '2026-12-14'];
    expect(nextOccurrences('DTSTART;VALUE=DATE:20261207\r\nRRULE:FREQ=WEEKLY;BYDAY=MO\r\n', '2026-12-01', 2)).toEqual(expected);
    expect(nextOccurrences('dtstart;value=date:20261207\nrrule:freq=weekly;byday=mo', '2026-12-01', 2)).toEqual(expected);
    expect(nextOccurrences('DTSTART:20261207\nRRULE:FREQ=WEEKLY;BYDAY=MO', '2026-12-01', 2)).toEqual(expected);
  });

  // RFC 5545's instances are at 09:00 New York time, so its UNTIL=19971224T000000Z drops December 24th;
  // here a date-time UNTIL is taken as its date (issue 9: no times), so the 24th is the last occurrence.
  it('the RFC every-other-week example until Christmas, in full', () => {
    const days = nextOccurrences(
      rule('19970901', 'FREQ=WEEKLY;INTERVAL=2;UNTIL=19971224T000000Z;WKST=SU;BYDAY=MO,WE,FR'),
      '1997-01-01',
      100,
    );
    expect(days).toEqual([
      '1997-09-01',
      '1997-09-03',
      '1997-09-05',
      '1997-09-15',
      '1997-09-17',
      '1997-09-19',
      '1997-09-29',
      '1997-10-01',
      '1997-10-03',
      '1997-10-13',
      '1997-10-15',
      '1997-10-17',
      '1997-10-27',
      '1997-10-29',
      '1997-10-31',
      '1997-11-10',
      '1997-11-12',
      '1997-11-14',
      '1997-11-24',
      '1997-11-26',
      '1997-11-28',
      '1997-12-08',
      '1997-12-10',
      '1997-12-12',
      '1997-12-22',
      '1997-12-24',
    ]);
  });

  it('gives up on rules that never match quickly, and stops at 9999-12-31', () => {
    const started = performance.now();
    for (const rrule of [
      'FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30',
      'FREQ=WEEKLY;BYMONTH=2;BYDAY=MO;BYSETPOS=5',
      'FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31',
      'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=31',
    ]) {
      expect(nextOccurrences(rule('20260101', rrule), '2026-01-01', 5)).toEqual([]);
    }
    expect(performance.now() - started).toBeLessThan(2000);
    expect(nextOccurrences(rule('99991230', 'FREQ=DAILY'), '9999-12-30', 5)).toEqual(['9999-12-31']);
    expect(nextOccurrences(rule('20260101', 'FREQ=YEARLY;INTERVAL=500'), '2026-01-01', 5)).toEqual([]);
  });

  it('walks a COUNT rule from a DTSTART long ago in bounded time', () => {
    // 2000-01-01 + 9,999 days = 2027-05-18, the 10,000th occurrence.
    expect(nextOccurrences(rule('20000101', 'FREQ=DAILY;COUNT=10000'), '2027-05-16', 5)).toEqual(['2027-05-17', '2027-05-18']);
  });
});

describe('isOccurrence', () => {
  it('knows occurrences, DTSTART included', () => {
    const weekly = rule('20261207', 'FREQ=WEEKLY;BYDAY=TU');
    expect(isOccurrence(weekly, '2026-12-07')).toBe(true);
    expect(isOccurrence(weekly, '2026-12-08')).toBe(true);
    expect(isOccurrence(weekly, '2026-12-09')).toBe(false);
    expect(isOccurrence(weekly, '2026-12-01')).toBe(false);
  });
});

describe('nextAfterCompletion (the "every!" anchor)', () => {
  const cases: [string, string, string, string, string | null][] = [
    ['every 3 days, counted from completion', '20261201', 'FREQ=DAILY;INTERVAL=3', '2026-12-05', '2026-12-08'],
    ['weekly on Monday, done on a Wednesday', '20261207', 'FREQ=WEEKLY;BYDAY=MO', '2026-12-09', '2026-12-14'],
    ['every 2 weeks on Monday, done on a Wednesday', '20261207', 'FREQ=WEEKLY;INTERVAL=2;BYDAY=MO', '2026-12-09', '2026-12-21'],
    ['monthly on the 15th, done on the 20th', '20261215', 'FREQ=MONTHLY;BYMONTHDAY=15', '2027-01-20', '2027-02-15'],
    ['monthly on the 15th, done on the 10th', '20261215', 'FREQ=MONTHLY;BYMONTHDAY=15', '2027-01-10', '2027-01-15'],
    ['plain monthly follows the completion day', '20261215', 'FREQ=MONTHLY', '2027-01-20', '2027-02-20'],
    ['plain weekly follows the completion weekday', '20261207', 'FREQ=WEEKLY', '2026-12-10', '2026-12-17'],
    ['done late, past UNTIL: the series is over', '20261201', 'FREQ=DAILY;UNTIL=20261210', '2026-12-10', null],
    ['next day would be past UNTIL', '20261201', 'FREQ=WEEKLY;UNTIL=20261210', '2026-12-05', null],
    ['COUNT is left to the caller', '20261201', 'FREQ=DAILY;COUNT=1', '2026-12-01', '2026-12-02'],
    ['last working day, done early', '20260101', 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1', '2026-01-20', '2026-01-30'],
  ];
  it.each(cases)('%s', (_what, dtstart, rrule, completedOn, expected) => {
    expect(nextAfterCompletion(rule(dtstart, rrule), completedOn)).toBe(expected);
  });
});
