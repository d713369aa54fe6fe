import { describe, expect, it } from 'vitest';
import { formatMinutes, parseDuration } from '../../lib/ui/time-log';

describe('time log durations', () => {
  it('reads durations as people type them', () => {
    const cases: [string, number | null][] = [
      ['45', 45], ['45m', 45], ['45 min', 45], ['1:30', 90], ['0:05', 5], ['1h', 60], ['1h 30m', 90], ['1,5h', 90], ['1.5 h', 90],
      ['2 Std.', 120], ['2 Stunden', 120], ['0.25h', 15], ['24:00', 1440], [' 90 ', 90],
      ['', null], ['0', null], ['abc', null], ['1:75', null], ['25h', null], ['-5', null], ['1441', null], ['1h 30', null],
    ];
    for (const [input, minutes] of cases) expect(parseDuration(input), input).toBe(minutes);
  });

  it('shows hours and minutes the way time sheets do', () => {
    expect(formatMinutes(90)).toBe('1:30 h');
    expect(formatMinutes(5)).toBe('0:05 h');
    expect(formatMinutes(600)).toBe('10:00 h');
  });
});
