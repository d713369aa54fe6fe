import { describe, expect, it } from 'vitest';
import { isoWeek, weekStart, weeksOfMonth } from '../../lib/report/iso-week';

describe('ISO weeks', () => {
  it('numbers weeks as ISO 8601 does, also around New Year', () => {
    const cases: [string, string, string][] = [
      ['2026-03-02', '2026-W10', '2026-03-02'],
      ['2026-03-08', '2026-W10', '2026-03-02'],
      ['2026-01-01', '2026-W01', '2025-12-29'],
      ['2024-12-30', '2025-W01', '2024-12-30'],
      ['2021-01-03', '2020-W53', '2020-12-28'],
      ['2027-01-01', '2026-W53', '2026-12-28'],
      ['2024-02-29', '2024-W09', '2024-02-26'],
    ];
    for (const [day, week, monday] of cases) {
      expect(isoWeek(day), day).toBe(week);
      expect(weekStart(day), day).toBe(monday);
    }
  });

  it('lists every week holding a day of the month', () => {
    expect(weeksOfMonth('2026-03').map((w) => w.week)).toEqual(['2026-W09', '2026-W10', '2026-W11', '2026-W12', '2026-W13', '2026-W14']);
    expect(weeksOfMonth('2026-02')).toEqual([
      { week: '2026-W05', monday: '2026-01-26' },
      { week: '2026-W06', monday: '2026-02-02' },
      { week: '2026-W07', monday: '2026-02-09' },
      { week: '2026-W08', monday: '2026-02-16' },
      { week: '2026-W09', monday: '2026-02-23' },
    ]);
  });
});
