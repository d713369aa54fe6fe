// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { SidePanelApp } from '../../components/side-panel-app';
import { applyLocalChange, createTask, listRecords, listRunningTimers, setPanelRoute, type Db } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

async function asAssistant(db: Db) {
  await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna', deviceName: 'Anna' }));
}

describe('timer button', () => {
  it('starts from the popup row, shows the running task in the header, and stops there into one entry', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'Gutachten Müller' }));
    await asAssistant(db);
    render(<PopupApp db={db} platform={fakePlatform()} />);

    fireEvent.click(await screen.findByRole('button', { name: 'Start the timer for “Gutachten Müller”' }));
    expect(await screen.findByText('Running: Gutachten Müller · 0:00')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop the timer for “Gutachten Müller”' }).getAttribute('aria-pressed')).toBe('true');
    const [timer] = await listRunningTimers(db);
    expect(timer).toMatchObject({ deviceId: 'dev-anna' });

    // Five minutes ago, as if the popup had been closed in between: elapsed comes from startedAt.
    await applyLocalChange(db, [
      { entity: 'timer', id: timer.id, field: 'startedAt', value: new Date(Date.now() - 5 * 60_000).toISOString() },
    ]);
    expect(await screen.findByText('Running: Gutachten Müller · 0:05')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop timer' }));
    await waitFor(async () =>
      expect((await listRecords(db, 'timeEntry')).records.map((e) => [e.minutes, e.source])).toEqual([[5, 'timer']]),
    );
    await waitFor(() => expect(screen.queryByText(/^Running:/)).toBeNull());
  });

  it('starting another task stops the first and says so', async () => {
    const db = await freshDb();
    const first = makeTask({ title: 'Erste' });
    await createTask(db, first);
    await createTask(db, makeTask({ title: 'Zweite' }));
    await asAssistant(db);
    render(<PopupApp db={db} platform={fakePlatform()} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Start the timer for “Erste”' }));
    await screen.findByText('Running: Erste · 0:00');
    const [timer] = await listRunningTimers(db);
    await applyLocalChange(db, [
      { entity: 'timer', id: timer.id, field: 'startedAt', value: new Date(Date.now() - 12 * 60_000).toISOString() },
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'Start the timer for “Zweite”' }));
    expect(await screen.findByText('The timer for “Erste” was stopped (0:12 h logged).')).toBeTruthy();
    expect(await screen.findByText('Running: Zweite · 0:00')).toBeTruthy();
    expect((await listRunningTimers(db)).map((t) => t.taskId)).not.toContain(first.id);
  });

  it('the client has no timer button but sees who works on what since when', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Gutachten Müller' });
    await createTask(db, task);
    await setConnection(db, makeConnection({ role: 'client', deviceId: 'dev-client' }));
    await db.put('meta', [{ id: 'dev-anna', role: 'assistant', name: 'Anna' }], 'devices');
    const startedAt = new Date();
    startedAt.setHours(10, 40, 0, 0);
    await applyLocalChange(db, [
      { entity: 'timer', id: 'tm1', field: 'authorDevice', value: 'dev-anna' },
      { entity: 'timer', id: 'tm1', field: 'taskId', value: task.id },
      { entity: 'timer', id: 'tm1', field: 'startedAt', value: startedAt.toISOString() },
    ]);
    render(<PopupApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByText(/^Anna has been working on “Gutachten Müller” since 10:40/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Start the timer/ })).toBeNull();
  });

  it('a budget refuses nonsense, storing nothing, and the bar shows the use to both', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Gutachten' });
    await createTask(db, task);
    await setPanelRoute(db, { view: 'task', id: task.id });
    render(<SidePanelApp db={db} platform={fakePlatform()} />);
    const field = await screen.findByLabelText('Time budget (h:mm)');
    for (const bad of ['0', '-5', '1:75', 'abc', '1001h']) {
      fireEvent.input(field, { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Set budget' }));
      expect(await screen.findByText(/Enter the budget as hours and minutes/)).toBeTruthy();
    }
    expect((await listRecords(db, 'task')).records[0].budgetMinutes).toBeUndefined();
    fireEvent.input(field, { target: { value: '2:00' } });
    fireEvent.click(screen.getByRole('button', { name: 'Set budget' }));
    fireEvent.input(await screen.findByLabelText('Duration'), { target: { value: '1:40' } });
    await waitFor(() => expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Log time' }).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Log time' }));
    // A shared machine can be slow: the save, the entry and the re-read take their time.
    expect(await screen.findByText('1:40 h of 2:00 h used (83 %)', {}, { timeout: 5000 })).toBeTruthy();
    expect(await screen.findByText('80 % of the budget for “Gutachten” is used.', {}, { timeout: 5000 })).toBeTruthy();
  });

  it('a duration refuses 0, negatives, over 24 hours, 1:75 and words, storing nothing', async () => {
    const db = await freshDb();
    const task = makeTask();
    await createTask(db, task);
    await setPanelRoute(db, { view: 'task', id: task.id });
    render(<SidePanelApp db={db} platform={fakePlatform()} />);
    const field = await screen.findByLabelText('Duration');
    for (const bad of ['0', '-5', '25h', '1:75', 'abc']) {
      fireEvent.input(field, { target: { value: bad } });
      fireEvent.click(screen.getByRole('button', { name: 'Log time' }));
      expect(await screen.findByText(/Enter the time spent as minutes/)).toBeTruthy();
    }
    expect((await listRecords(db, 'timeEntry')).records).toEqual([]);
  });
});
