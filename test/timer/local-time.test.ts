import { describe, expect, it } from 'vitest';
import { formatOffset, localTime, zoneOffset } from '../../lib/timer/local-time';

describe('local time of an instant', () => {
  it('reads day, time and offset in fixed offsets and IANA zones, across DST', () => {
    const cases: [string, Parameters<typeof localTime>[1], string, string, number][] = [
      ['2026-03-02T23:30:00.000Z', { offsetMinutes: 60 }, '2026-03-03', '00:30', 60],
      ['2026-03-02T23:30:00.000Z', { offsetMinutes: -300 }, '2026-03-02', '18:30', -300],
      ['2026-03-02T23:30:00.000Z', { timeZone: 'Europe/Berlin' }, '2026-03-03', '00:30', 60],
      ['2026-07-02T22:30:00.000Z', { timeZone: 'Europe/Berlin' }, '2026-07-03', '00:30', 120],
      ['2026-07-02T22:30:45.678Z', { timeZone: 'Asia/Kolkata' }, '2026-07-03', '04:00', 330],
      ['2026-01-01T00:00:00.000Z', { timeZone: 'UTC' }, '2026-01-01', '00:00', 0],
    ];
    for (const [iso, zone, day, time, offset] of cases) {
      expect(localTime(Date.parse(iso), zone), `${iso} ${JSON.stringify(zone)}`).toEqual({ day, time, offsetMinutes: offset });
      expect(zoneOffset(Date.parse(iso), zone)).toBe(offset);
    }
  });

  it('writes offsets as ISO 8601 does', () => {
    expect([60, -210, 0, 345].map(formatOffset)).toEqual(['+01:00', '-03:30', '+00:00', '+05:45']);
  });
});
