import type { MonthlyReportInput, ReportEntry } from '../../lib/report/monthly-report';

/** A month of work for two tasks, a standing one, an unknown task and a mid-month rate change. */
export function marchInput(overrides: Partial<MonthlyReportInput> = {}): MonthlyReportInput {
  const entries: ReportEntry[] = [
    {
      id: 'e1',
      taskId: 'gutachten',
      minutes: 90,
      date: '2026-03-02',
      note: 'Quellen',
      authorDevice: 'anna',
      start: '2026-03-02T09:40:00.000Z',
      end: '2026-03-02T11:10:00.000Z',
      source: 'timer',
    },
    { id: 'e2', taskId: 'gutachten', minutes: 7, date: '2026-03-02', note: '', authorDevice: 'anna' },
    {
      id: 'e3',
      taskId: 'folien',
      minutes: 45,
      date: '2026-03-16',
      note: 'Folien 1–5',
      authorDevice: 'ben',
      start: '2026-03-16T08:00:00.000Z',
      end: '2026-03-16T08:45:00.000Z',
    },
    { id: 'e4', taskId: 'post', minutes: 30, date: '2026-03-09', note: '', authorDevice: 'anna', occurrence: '2026-03-09' },
    { id: 'e5', taskId: 'post', minutes: 20, date: '2026-03-10', note: '', authorDevice: 'anna', occurrence: '2026-03-09' },
    { id: 'e6', taskId: 'post', minutes: 25, date: '2026-03-16', note: '', authorDevice: 'anna', occurrence: '2026-03-16' },
    { id: 'e7', taskId: 'gone', minutes: 10, date: '2026-03-31', note: '', authorDevice: 'ghost' },
    // Old entry kept at its own rate although the rate has changed since.
    { id: 'e8', taskId: 'folien', minutes: 60, date: '2026-03-20', note: '', authorDevice: 'ben', rateCents: 3000 },
    { id: 'e9', taskId: 'folien', minutes: 60, date: '2026-03-21', note: '', authorDevice: 'ben', deleted: true },
    { id: 'feb', taskId: 'gutachten', minutes: 400, date: '2026-02-27', note: '', authorDevice: 'anna' },
    { id: 'apr', taskId: 'post', minutes: 15, date: '2026-04-01', note: '', authorDevice: 'anna', occurrence: '2026-03-16' },
  ];
  return {
    month: '2026-03',
    entries,
    tasks: [
      { id: 'gutachten', title: 'Gutachten Müller', kind: 'research', standing: false },
      { id: 'folien', title: 'Präsentation', kind: 'presentation', standing: false },
      { id: 'post', title: 'Posteingang', kind: 'other', standing: true },
    ],
    devices: { anna: 'Anna', ben: 'Ben' },
    rateHistory: [
      { from: '2026-03-10T12:00:00.000Z', cents: 6000 },
      { from: '2026-01-01T00:00:00.000Z', cents: 4500 },
    ],
    rounding: { step: 15, mode: 'up' },
    budgets: { perTask: { gutachten: 600, folien: 120, post: 45 }, monthly: 300 },
    ...overrides,
  };
}
