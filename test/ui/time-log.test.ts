import { describe, expect, it } from 'vitest';
import type { TimeEntry } from '../../lib/model';
import { deleteButtonNames, describeEntry, formatMinutes, parseDuration, timeSpan, uniqueNames } from '../../lib/ui/time-log';

describe('time log durations', () => {
  it('reads durations as people type them', () => {
    const cases: [string, number | null][] = [
      ['45', 45],
      ['45m', 45],
      ['45 min', 45],
      ['1:30', 90],
      ['0:05', 5],
      ['1h', 60],
      ['1h 30m', 90],
      ['1,5h', 90],
      ['1.5 h', 90],
      ['2 Std.', 120],
      ['2 Stunden', 120],
      ['0.25h', 15],
      ['24:00', 1440],
      [' 90 ', 90],
      ['', null],
      ['0', null],
      ['abc', null],
      ['1:75', null],
      ['25h', null],
      ['-5', null],
      ['1441', null],
      ['1h 30', null],
    ];
    for (const [input, minutes] of cases) expect(parseDuration(input), input).toBe(minutes);
  });

  it('shows hours and minutes the way time sheets do', () => {
    expect(formatMinutes(90)).toBe('1:30 h');
    expect(formatMinutes(5)).toBe('0:05 h');
    expect(formatMinutes(600)).toBe('10:00 h');
  });
});

describe('budget and rate fields', () => {
  it('read a budget up to 1,000 hours and refuse nonsense', async () => {
    const { parseBudget } = await import('../../lib/ui/time-log');
    const cases: [string, number | null][] = [
      ['12:30', 750],
      ['40h', 2400],
      ['1,5h', 90],
      ['1000:00', 60_000],
      ['90', 90],
      ['0', null],
      ['-5', null],
      ['1:75', null],
      ['abc', null],
      ['1000:01', null],
      ['', null],
    ];
    for (const [input, minutes] of cases) expect(parseBudget(input), input).toBe(minutes);
  });

  it('read a rate in euros as cents and refuse nonsense', async () => {
    const { parseRate } = await import('../../lib/ui/time-log');
    const cases: [string, number | null][] = [
      ['45', 4500],
      ['45,50', 4550],
      ['45.5', 4550],
      ['60 €', 6000],
      ['10000', 1_000_000],
      ['0', null],
      ['-5', null],
      ['abc', null],
      ['1,234.50', null],
      ['10000,01', null],
      ['45,505', null],
      ['', null],
    ];
    for (const [input, cents] of cases) expect(parseRate(input), input).toBe(cents);
  });

  it('reads a wall-clock time as the latest such instant not in the future', async () => {
    const { instantOfClockTime } = await import('../../lib/ui/time-log');
    const now = new Date(2026, 2, 10, 9, 30);
    expect(instantOfClockTime('09:05', now)).toBe(new Date(2026, 2, 10, 9, 5).toISOString());
    expect(instantOfClockTime('23:50', now)).toBe(new Date(2026, 2, 9, 23, 50).toISOString());
    expect(instantOfClockTime('25:00', now)).toBeNull();
  });
});

describe('telling entries apart (issue 15: unique accessible names)', () => {
  it('describes an entry by day, duration, clock times and note', () => {
    expect(describeEntry({ day: 'Dec 1', duration: '1:30 h', span: '09:00–10:30', note: ' Recherche ' })).toBe(
      'Dec 1 (1:30 h, 09:00–10:30, Recherche)',
    );
    expect(describeEntry({ day: 'Dec 1', duration: '0:45 h' })).toBe('Dec 1 (0:45 h)');
  });

  it('counts look-alikes so no two names are the same', () => {
    const names = uniqueNames(['a', 'b', 'a', 'a', 'b']);
    expect(names).toEqual(['a', 'b', 'a (2)', 'a (3)', 'b (2)']);
    expect(new Set(names).size).toBe(names.length);
  });

  const entry = (id: string, authorDevice: string, extra: Partial<TimeEntry> = {}): TimeEntry => ({
    id,
    taskId: 't1',
    minutes: 90,
    date: '2026-12-01',
    note: 'Recherche',
    authorDevice,
    ...extra,
  });

  it('names the delete button of each own entry shown, and no other entry', () => {
    const shown = [
      entry('a', 'me'),
      entry('b', 'assistant'),
      entry('c', 'me', { start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T10:30:00.000Z', note: '' }),
    ];
    const names = deleteButtonNames(shown, 'me', 'en', '2026-12-07');
    expect([...names.keys()]).toEqual(['a', 'c']);
    expect(names.get('a')).toBe('Remove the entry of Dec 1 (1:30 h, Recherche)');
    expect(names.get('c')).toContain(timeSpan(shown[2], 'en')!);
    expect(deleteButtonNames(shown, undefined, 'en', '2026-12-07').size).toBe(0);
  });

  it('tells look-alike own entries apart among the buttons', () => {
    const names = deleteButtonNames([entry('a', 'me'), entry('b', 'assistant'), entry('c', 'me')], 'me', 'en', '2026-12-07');
    expect(names.get('a')).not.toBe(names.get('c'));
    expect(names.get('c')).toMatch(/\(2\)$/);
  });

  it('gives a span only to an entry with both clock times', () => {
    expect(timeSpan({ start: '2026-12-01T09:00:00.000Z', end: null }, 'en')).toBeUndefined();
    expect(timeSpan({}, 'en')).toBeUndefined();
  });
});
