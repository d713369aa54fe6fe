import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { recurrenceSchema } from '../../lib/model';
import { hasRuleShape } from '../../lib/model/rule-shape';
import { tryParseRule } from '../../lib/recurrence';

const part = fc.oneof(
  fc.constantFrom('DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY', 'HOURLY', 'FOO').map((v) => `FREQ=${v}`),
  fc.integer({ min: -3, max: 40 }).map((n) => `INTERVAL=${n}`),
  fc.integer({ min: 0, max: 12_000 }).map((n) => `COUNT=${n}`),
  fc.constantFrom('20270101', '20250101', '2027-01-01', '20270101T120000Z').map((v) => `UNTIL=${v}`),
  fc.constantFrom('MO', 'TU,FR', '1MO', '-1FR', '2XX', '+3WE,SU').map((v) => `BYDAY=${v}`),
  fc.constantFrom('1', '-1', '15,31', '32', '0').map((v) => `BYMONTHDAY=${v}`),
  fc.constantFrom('1', '12', '13').map((v) => `BYMONTH=${v}`),
  fc.constantFrom('1', '-1', '400').map((v) => `BYSETPOS=${v}`),
  fc.constantFrom('MO', 'SU', 'XX').map((v) => `WKST=${v}`),
  fc.constantFrom('TZID=Europe/Berlin', 'X-FOO=1', 'garbage'),
);
const dtstart = fc.constantFrom(
  'DTSTART;VALUE=DATE:20261207',
  'DTSTART:20261207',
  'DTSTART;VALUE=DATE:20260231',
  'DTSTART:20261207T080000Z',
  '',
);
const rule = fc
  .tuple(dtstart, fc.array(part, { minLength: 0, maxLength: 5 }), fc.boolean(), fc.boolean())
  .map(([start, parts, lower, crlf]) => {
    const text = [start, `RRULE:${parts.join(';')}`].join(crlf ? '\r\n' : '\n');
    return lower ? text.toLowerCase() : text;
  });

describe('the record schema checks a rule by its shape (issue 14: no parser in the popup)', () => {
  it('every rule the parser accepts has the shape, so no valid standing task is refused', () => {
    fc.assert(
      fc.property(rule, (text) => {
        if (tryParseRule(text).ok) expect(hasRuleShape(text)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses what is plainly not a rule', () => {
    const refused = [
      'RRULE:FREQ=WEEKLY',
      'DTSTART;VALUE=DATE:20261207',
      'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=HOURLY',
      'DTSTART;VALUE=DATE:20261207\nRRULE:INTERVAL=2',
      'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;X-NAME=1',
      'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY\nRRULE:FREQ=DAILY',
      'DTSTART;TZID=Europe/Berlin:20261207T080000\nRRULE:FREQ=WEEKLY',
      'DTSTART;VALUE=DATE:20261207\nEXDATE:20261214\nRRULE:FREQ=WEEKLY',
      `DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;BYDAY=${'MO,'.repeat(400)}MO`,
    ];
    for (const text of refused) {
      expect(hasRuleShape(text)).toBe(false);
      expect(recurrenceSchema.safeParse({ rule: text, anchor: 'schedule' }).success).toBe(false);
    }
    expect(
      recurrenceSchema.safeParse({ rule: 'DTSTART;VALUE=DATE:20261207\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' }).success,
    ).toBe(true);
  });
});
