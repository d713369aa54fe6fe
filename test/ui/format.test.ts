import { describe, expect, it } from 'vitest';
import { addDays, dueState, formatDateTime, formatDay, localDay } from '../../lib/ui/format';
import { dueLabel } from '../../lib/ui/labels';

describe('calendar days', () => {
  it('uses the local calendar day, not the UTC one', () => {
    expect(localDay(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('classifies due days relative to today', () => {
    const today = '2026-11-27';
    expect(dueState(null, today)).toBe('none');
    expect(dueState('2026-11-26', today)).toBe('overdue');
    expect(dueState('2026-11-27', today)).toBe('today');
    expect(dueState('2026-11-28', today)).toBe('tomorrow');
    expect(dueState('2026-12-24', today)).toBe('later');
  });
});

describe('formatting in the UI language', () => {
  it('formats a day in German and English, with the year only when it differs', () => {
    expect(formatDay('2026-12-03', 'de', '2026-11-27')).toBe('3. Dez.');
    expect(formatDay('2026-12-03', 'en', '2026-11-27')).toBe('Dec 3');
    expect(formatDay('2027-01-15', 'de', '2026-11-27')).toBe('15. Jan. 2027');
  });

  it('formats a moment with date and time', () => {
    const text = formatDateTime('2026-11-27T09:05:00.000Z', 'de');
    expect(text).toMatch(/27\.11\.2026/);
    expect(formatDateTime('not a date', 'de')).toBe('not a date');
  });

  it('labels due dates: no rush, today, overdue (from the English messages)', () => {
    const today = '2026-11-27';
    expect(dueLabel(null, today, 'en')).toEqual({ text: 'No rush', state: 'none' });
    expect(dueLabel('2026-11-27', today, 'en').text).toBe('Due today');
    expect(dueLabel('2026-11-20', today, 'en')).toEqual({ text: 'Overdue since Nov 20', state: 'overdue' });
    expect(dueLabel('2026-12-03', today, 'en').text).toBe('Due Dec 3');
  });
});
