import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyReport, roundMinutes, type ReportEntry, type Rounding } from '../../lib/report/monthly-report';
import { marchInput } from './fixture';

describe('rounding per entry', () => {
  it('rounds up or to the nearest step, or not at all', () => {
    const cases: [number, Rounding, number][] = [
      [7, { step: 0, mode: 'up' }, 7],
      [7, { step: 15, mode: 'up' }, 15],
      [7, { step: 15, mode: 'nearest' }, 0],
      [8, { step: 15, mode: 'nearest' }, 15],
      [15, { step: 15, mode: 'up' }, 15],
      [16, { step: 15, mode: 'up' }, 30],
      [3, { step: 6, mode: 'nearest' }, 6],
      [2, { step: 6, mode: 'nearest' }, 0],
      [61, { step: 6, mode: 'up' }, 66],
    ];
    for (const [minutes, rounding, rounded] of cases)
      expect(roundMinutes(minutes, rounding), `${minutes} ${JSON.stringify(rounding)}`).toBe(rounded);
  });
});

describe('monthly report', () => {
  const report = monthlyReport(marchInput());

  it('lists the month’s live entries in date order, with exact and rounded minutes side by side', () => {
    expect(report.empty).toBe(false);
    expect(report.rows.map((r) => [r.entryId, r.minutes, r.roundedMinutes])).toEqual([
      ['e2', 7, 15],
      ['e1', 90, 90],
      ['e4', 30, 30],
      ['e5', 20, 30],
      ['e6', 25, 30],
      ['e3', 45, 45],
      ['e8', 60, 60],
      ['e7', 10, 15],
    ]);
  });

  it('takes each entry’s own rate, else the rate in force at its start or day', () => {
    const rates = Object.fromEntries(report.rows.map((r) => [r.entryId, [r.rateCents, r.amountCents]]));
    expect(rates).toEqual({
      e1: [4500, 6750],
      e2: [4500, 1125],
      e4: [4500, 2250],
      e5: [6000, 3000],
      e3: [6000, 4500],
      e6: [6000, 3000],
      e8: [3000, 3000],
      e7: [6000, 1500],
    });
    expect(report.total).toEqual({ minutes: 287, roundedMinutes: 315, amountCents: 25125, entries: 8 });
    expect(report.unratedEntries).toBe(0);
  });

  it('resolves tasks and devices, and keeps time of an unknown task under "other"', () => {
    const e7 = report.rows.find((r) => r.entryId === 'e7')!;
    expect(e7).toMatchObject({ taskTitle: null, kind: 'other', standing: false, assistant: null, authorDevice: 'ghost' });
    expect(report.rows.find((r) => r.entryId === 'e1')).toMatchObject({
      assistant: 'Anna',
      taskTitle: 'Gutachten Müller',
      source: 'timer',
    });
    expect(report.rows.find((r) => r.entryId === 'e2')?.source).toBe('manual');
  });

  it('totals per task with budgets spanning months, per occurrence for standing tasks', () => {
    expect(report.tasks.map((t) => [t.taskId, t.minutes])).toEqual([
      ['folien', 105],
      ['gutachten', 97],
      ['post', 75],
      ['gone', 10],
    ]);
    const gutachten = report.tasks.find((t) => t.taskId === 'gutachten')!;
    // 97 minutes in March plus 400 in February against 600.
    expect(gutachten.budget).toEqual({ budgetMinutes: 600, usedMinutes: 497, percent: 82, state: 'warn-80' });
    const post = report.tasks.find((t) => t.taskId === 'post')!;
    expect(post.budget).toBe(null);
    expect(post.occurrences.map((o) => [o.occurrence, o.minutes, o.budget?.usedMinutes, o.budget?.state])).toEqual([
      ['2026-03-09', 50, 50, 'over-100'],
      ['2026-03-16', 25, 40, 'warn-80'],
    ]);
    expect(report.rows.find((r) => r.entryId === 'e4')?.budgetMinutes).toBe(45);
    expect(report.monthlyBudget).toEqual({ budgetMinutes: 300, usedMinutes: 287, percent: 95, state: 'warn-80' });
  });

  it('totals per kind, standing vs one-off, and per ISO week', () => {
    expect(report.kinds.map((k) => [k.kind, k.minutes])).toEqual([
      ['research', 97],
      ['revise-text', 0],
      ['presentation', 105],
      ['other', 85],
    ]);
    expect(report.standing.minutes).toBe(75);
    expect(report.oneOff.minutes).toBe(212);
    expect(report.weeks.map((w) => [w.week, w.total, w.minutes.presentation])).toEqual([
      ['2026-W09', 0, 0],
      ['2026-W10', 97, 0],
      ['2026-W11', 50, 0],
      ['2026-W12', 130, 105],
      ['2026-W13', 0, 0],
      ['2026-W14', 10, 0],
    ]);
  });

  it('leaves amounts out when no rate was in force, and counts those entries', () => {
    const unrated = monthlyReport(marchInput({ rateHistory: [] }));
    expect(unrated.unratedEntries).toBe(7);
    expect(unrated.total.amountCents).toBe(3000);
    expect(unrated.rows[0]).toMatchObject({ rateCents: null, amountCents: null });
  });

  it('says when a month has no entries', () => {
    const empty = monthlyReport(marchInput({ month: '2026-05' }));
    expect(empty).toMatchObject({ empty: true, rows: [], tasks: [], total: { minutes: 0, entries: 0 } });
    expect(empty.weeks).toHaveLength(5);
  });

  it('refuses a malformed month', () => {
    for (const month of ['2026-13', '2026-3', 'März']) expect(() => monthlyReport(marchInput({ month }))).toThrow(RangeError);
  });

  it('is the same report whatever order the records arrive in (both sides see the same figures)', () => {
    const input = marchInput();
    fc.assert(
      fc.property(
        fc.shuffledSubarray([...input.entries], { minLength: input.entries.length }),
        fc.shuffledSubarray([...input.tasks], { minLength: input.tasks.length }),
        fc.shuffledSubarray([...input.rateHistory], { minLength: input.rateHistory.length }),
        (entries, tasks, rateHistory) => {
          expect(monthlyReport({ ...input, entries, tasks, rateHistory })).toEqual(report);
        },
      ),
    );
  });

  it('sums are the sums of the rows for any entries (property)', () => {
    const entry = fc.record({
      id: fc.uuid(),
      taskId: fc.constantFrom('gutachten', 'folien', 'post', 'gone'),
      minutes: fc.integer({ min: 1, max: 1440 }),
      date: fc.constantFrom('2026-03-01', '2026-03-15', '2026-03-31', '2026-04-01'),
      note: fc.constant(''),
      authorDevice: fc.constantFrom('anna', 'ben'),
      occurrence: fc.constantFrom(null, '2026-03-09'),
    }) satisfies fc.Arbitrary<ReportEntry>;
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
        const r = monthlyReport(marchInput({ entries }));
        const sum = (f: (row: (typeof r.rows)[number]) => number) => r.rows.reduce((s, row) => s + f(row), 0);
        expect(r.total.minutes).toBe(sum((row) => row.minutes));
        expect(r.total.roundedMinutes).toBe(sum((row) => row.roundedMinutes));
        expect(r.total.amountCents).toBe(sum((row) => row.amountCents ?? 0));
        expect(r.tasks.reduce((s, t) => s + t.minutes, 0)).toBe(r.total.minutes);
        expect(r.kinds.reduce((s, k) => s + k.minutes, 0)).toBe(r.total.minutes);
        expect(r.weeks.reduce((s, w) => s + w.total, 0)).toBe(r.total.minutes);
        expect(r.standing.minutes + r.oneOff.minutes).toBe(r.total.minutes);
        for (const row of r.rows) expect(row.roundedMinutes).toBeGreaterThanOrEqual(row.minutes);
      }),
    );
  });
});
