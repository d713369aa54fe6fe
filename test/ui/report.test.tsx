// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { ReportApp } from '../../components/report-app';
import { createTask, loadReportData, logManualTime, setHourlyRate, startTimer, stopRunningTimer, type Db } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { buildReport, csvFile } from '../../lib/ui/report';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

const MARCH = new Date('2026-03-15T12:00:00.000Z');

async function marchWorkspace(): Promise<{ db: Db; taskId: string }> {
  const db = await freshDb();
  await setConnection(db, makeConnection({ role: 'client', deviceId: 'dev-client' }));
  await db.put(
    'meta',
    [
      { id: 'dev-client', role: 'client', name: 'Dr. Müller' },
      { id: 'dev-anna', role: 'assistant', name: 'Anna' },
    ],
    'devices',
  );
  const task = makeTask({ title: 'Gutachten Müller', kind: 'research', budgetMinutes: 120 });
  await createTask(db, task);
  await setHourlyRate(db, 6000, new Date('2026-03-01T00:00:00.000Z'));
  await logManualTime(
    db,
    { taskId: task.id, minutes: 50, date: '2026-03-10', note: 'Recherche; "BGH"\nzweite Zeile' },
    Date.parse('2026-03-10T12:00:00Z'),
  );
  await startTimer(db, { taskId: task.id }, Date.parse('2026-03-11T09:00:00Z'));
  await stopRunningTimer(db, Date.parse('2026-03-11T09:40:00Z'));
  return { db, taskId: task.id };
}

describe('report page', () => {
  it('shows the month’s totals per task with budget and amount, exact time next to the billed', async () => {
    const { db } = await marchWorkspace();
    render(<ReportApp db={db} now={() => MARCH} endpointFetch={fakePlatform().endpointFetch} />);
    const byTask = (await screen.findByRole('heading', { name: 'Per task' })).nextElementSibling as HTMLElement;
    const row = within(byTask).getByRole('row', { name: /Gutachten Müller/ });
    expect(row.textContent).toContain('1:30');
    expect(row.textContent).toContain('1.50');
    expect(row.textContent).toContain('€90.00');
    expect(row.textContent).toContain('1:30 / 2:00 (75 %)');

    fireEvent.change(screen.getByLabelText('Rounding'), { target: { value: '15-up' } });
    // 50 → 60 and 40 → 45 minutes: billed 1.75 h, exact stays 1:30.
    expect(await within(byTask).findByText('1.75')).toBeTruthy();
    expect(row.textContent).toContain('1:30');
    expect(await screen.findByText(/€60.00 per hour since/)).toBeTruthy();
    // happy-dom names no SVG by aria-labelledby: the chart's title is read directly.
    expect(document.querySelector('.report-chart svg[role="img"] title')?.textContent).toBe('Hours per week and kind');
  });

  it('says so for a month without entries', async () => {
    const { db } = await marchWorkspace();
    render(<ReportApp db={db} now={() => MARCH} endpointFetch={fakePlatform().endpointFetch} />);
    await screen.findByRole('heading', { name: 'Per task' });
    fireEvent.input(screen.getByLabelText('Month'), { target: { value: '2026-04' } });
    expect(await screen.findByText('No time was logged in April 2026.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'CSV (standard)' })).toBeNull();
  });

  it('refuses a nonsense rate, storing nothing', async () => {
    const { db } = await marchWorkspace();
    render(<ReportApp db={db} now={() => MARCH} endpointFetch={fakePlatform().endpointFetch} />);
    for (const bad of ['0', '-5', 'abc', '1,234', '20000']) {
      fireEvent.input(await screen.findByLabelText('Hourly rate (EUR)'), { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Set rate' }));
      expect(await screen.findByText(/Enter the rate in euros/)).toBeTruthy();
    }
    expect((await loadReportData(db)).settings.rateHistory).toHaveLength(1);
  });

  it('the CSV files hold the month’s entries in both dialects, parsed back by a real CSV parser', async () => {
    const { db } = await marchWorkspace();
    const report = buildReport(await loadReportData(db), '2026-03', { step: 0, mode: 'up' });
    const zone = { offsetMinutes: 60 };

    const standard = csvFile(report, 'standard', zone);
    expect(standard.name).toBe('zuarbeit-2026-03.csv');
    const rows = Papa.parse<string[]>(await standard.blob.text(), { skipEmptyLines: true }).data;
    expect(rows.slice(1).map((r) => [r[0], r[2], r[6], r[7], r[9], r[12], r[13]])).toEqual([
      ['2026-03-10', 'Gutachten Müller', 'Recherche; "BGH"\nzweite Zeile', '', '0:50', '60.00', '50.00'],
      ['2026-03-11', 'Gutachten Müller', '', '2026-03-11T10:00+01:00', '0:40', '60.00', '40.00'],
    ]);

    const excel = csvFile(report, 'excel-de', zone);
    const bytes = new Uint8Array(await excel.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const german = Papa.parse<string[]>((await excel.blob.text()).replace(/^\uFEFF/, ''), { delimiter: ';', skipEmptyLines: true }).data;
    expect(german[0][0]).toBe('Datum');
    expect(german.slice(1).map((r) => [r[0], r[9], r[10], r[13]])).toEqual([
      ['10.03.2026', '0:50', '0,83', '50,00'],
      ['11.03.2026', '0:40', '0,67', '40,00'],
    ]);
  });

  it('opens from the popup through the platform', async () => {
    const db = await freshDb();
    const platform = fakePlatform();
    const { PopupApp } = await import('../../components/popup-app');
    render(<PopupApp db={db} platform={platform} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Monthly report' }));
    expect(platform.openReport).toHaveBeenCalledTimes(1);
  });

  it('shows the entries a page at a time and all of them for printing', async () => {
    const { db, taskId } = await marchWorkspace();
    // 2 entries from the workspace above plus 208: one page (200) and 10 more.
    for (let i = 0; i < 208; i++) {
      await logManualTime(db, { taskId, minutes: 5, date: '2026-03-20', note: `n${i}` }, Date.parse('2026-03-20T12:00:00Z'));
    }
    render(<ReportApp db={db} now={() => MARCH} endpointFetch={fakePlatform().endpointFetch} />);
    const table = () => document.querySelector('.report-rows tbody') as HTMLElement;
    await screen.findByText('200 of 210 entries shown.');
    expect(table().children).toHaveLength(200);
    window.dispatchEvent(new Event('beforeprint'));
    await waitFor(() => expect(table().children).toHaveLength(210));
    expect(screen.queryByText(/entries shown/)).toBeNull();
    window.dispatchEvent(new Event('afterprint'));
    await waitFor(() => expect(table().children).toHaveLength(200));
    // The page's own print button renders every row before the print dialog opens.
    const rowsWhenPrinting: number[] = [];
    const print = window.print;
    window.print = () => void rowsWhenPrinting.push(table().children.length);
    try {
      fireEvent.click(screen.getByRole('button', { name: 'Print or save as PDF' }));
      await waitFor(() => expect(rowsWhenPrinting).toEqual([210]));
    } finally {
      window.print = print;
    }
    await waitFor(() => expect(table().children).toHaveLength(200));
    fireEvent.click(screen.getByRole('button', { name: 'Show 10 more' }));
    await waitFor(() => expect(table().children).toHaveLength(210));
    expect(screen.queryByRole('button', { name: 'Show all' })).toBeNull();
  });

  it('lists a standing task’s occurrences under it, each against the per-occurrence budget', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'client', deviceId: 'dev-client' }));
    const rule = { rule: 'DTSTART;VALUE=DATE:20260302\nRRULE:FREQ=WEEKLY;BYDAY=MO', anchor: 'schedule' as const };
    const task = makeTask({ title: 'Wochenbericht', kind: 'other', budgetMinutes: 60, recurrence: rule });
    await createTask(db, task);
    await logManualTime(db, { taskId: task.id, minutes: 45, date: '2026-03-02', note: '', occurrence: `${task.id}:2026-03-02` });
    await logManualTime(db, { taskId: task.id, minutes: 30, date: '2026-03-09', note: '', occurrence: `${task.id}:2026-03-09` });
    await logManualTime(db, { taskId: task.id, minutes: 40, date: '2026-03-09', note: '', occurrence: `${task.id}:2026-03-09` });
    render(<ReportApp db={db} now={() => MARCH} endpointFetch={fakePlatform().endpointFetch} />);
    const byTask = (await screen.findByRole('heading', { name: 'Per task' })).nextElementSibling as HTMLElement;
    const rows = within(byTask)
      .getAllByRole('row')
      .map((row) => row.textContent ?? '');
    const standing = rows.findIndex((row) => row.includes('Wochenbericht'));
    // The standing task has no budget of its own: its budget holds per occurrence.
    expect(rows[standing]).toContain('1:55');
    expect(rows[standing]).not.toContain('%');
    expect(rows[standing + 1]).toMatch(/Occurrence of Mar 2.*0:45.*0:45 \/ 1:00 \(75 %\)/);
    expect(rows[standing + 2]).toMatch(/Occurrence of Mar 9.*1:10.*1:10 \/ 1:00 \(116 %\)/);
    expect(within(byTask).getAllByRole('row')[standing + 2].querySelector('.budget-over-100')).not.toBeNull();
  });
});
