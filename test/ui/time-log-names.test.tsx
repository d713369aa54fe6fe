// @vitest-environment happy-dom
// Issue 15: two delete buttons in the time log never share an accessible name.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, listTimeEntries, logManualTime, setPanelRoute } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

it('names every delete button apart, and each removes its own entry', async () => {
  const db = await freshDb();
  await setConnection(db, makeConnection());
  const task = makeTask({ status: 'in-progress' });
  await createTask(db, task);
  const date = '2026-12-01';
  await logManualTime(db, { taskId: task.id, minutes: 30, date, note: '' });
  await logManualTime(db, { taskId: task.id, minutes: 30, date, note: '' });
  await logManualTime(db, { taskId: task.id, minutes: 90, date, note: 'Recherche juris' });
  await setPanelRoute(db, { view: 'task', id: task.id });
  render(<SidePanelApp db={db} platform={fakePlatform()} />);

  const log = await screen.findByRole('region', { name: 'Time spent' });
  await waitFor(() => expect(within(log).getAllByRole('button', { name: /^Remove the entry of/ })).toHaveLength(3));
  const names = within(log)
    .getAllByRole('button', { name: /^Remove the entry of/ })
    .map((button) => button.getAttribute('aria-label'));
  expect(new Set(names).size).toBe(3);
  expect(names).toContainEqual(expect.stringMatching(/\(1:30 h, Recherche juris\)$/));
  expect(names.filter((name) => /\(0:30 h\)( \(2\))?$/.test(name ?? ''))).toHaveLength(2);

  fireEvent.click(within(log).getByRole('button', { name: /1:30 h, Recherche juris/ }));
  await waitFor(async () => expect((await listTimeEntries(db, task.id)).records.map((e) => e.minutes)).toEqual([30, 30]));
});
