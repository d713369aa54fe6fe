// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { SidePanelApp } from '../../components/side-panel-app';
import { addComment, createTask, setKnownDevices, setPanelRoute, type Db } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

/** A client's running task whose last message came from `author` (another device of the workspace). */
async function taskWithMessageFrom(db: Db, author: string) {
  const task = await createTask(db, makeTask({ title: 'Mietspiegel prüfen', status: 'in-progress' }));
  // The comment is signed with the connection's device id: write it as `author`, then become this device again.
  await setConnection(db, makeConnection({ deviceId: author }));
  await addComment(db, task.id, 'Erledigt, siehe Ergebnis.');
  await setConnection(db, makeConnection({ deviceId: 'dev-me' }));
  return task;
}

function rowTitles(name: RegExp): string[] {
  const region = screen.queryByRole('region', { name });
  return region
    ? within(region)
        .queryAllByRole('button')
        .map((row) => row.querySelector('.row-title')?.textContent ?? '')
    : [];
}

describe('session', () => {
  it('re-groups the task list when the device list changes', async () => {
    const db = await freshDb();
    await taskWithMessageFrom(db, 'dev-office-pc');
    render(<PopupApp db={db} platform={fakePlatform()} />);
    // Not known yet: a message from an unknown device counts as the other side's, so it waits for me.
    await waitFor(() => expect(rowTitles(/Waiting for me/)).toEqual(['Mietspiegel prüfen']));

    // Sync learns that the device is this client's other computer: the last word was mine.
    await setKnownDevices(db, [
      { id: 'dev-me', role: 'client', name: 'Kanzlei-Laptop' },
      { id: 'dev-office-pc', role: 'client', name: 'Büro-PC' },
    ]);
    await waitFor(() => expect(rowTitles(/Open/)).toEqual(['Mietspiegel prüfen']));
    expect(rowTitles(/Waiting for me/)).toEqual([]);
  });

  it('names comment authors from the device list as it changes', async () => {
    const db = await freshDb();
    const task = await taskWithMessageFrom(db, 'dev-office-pc');
    await setPanelRoute(db, { view: 'task', id: task.id });
    render(<SidePanelApp db={db} platform={fakePlatform()} />);
    const thread = await screen.findByRole('region', { name: 'Questions and answers' });
    await waitFor(() => expect(thread.querySelector('.comment-meta strong')?.textContent).toBe('Assistant'));

    await setKnownDevices(db, [{ id: 'dev-office-pc', role: 'client', name: 'Büro-PC' }]);
    await waitFor(() => expect(thread.querySelector('.comment-meta strong')?.textContent).toBe('Büro-PC (Client)'));
  });
});
