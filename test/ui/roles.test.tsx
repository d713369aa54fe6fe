// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { SidePanelApp } from '../../components/side-panel-app';
import {
  addInstruction,
  createTask,
  getPanelRoute,
  getRecord,
  listComments,
  listTimeEntries,
  saveDraft,
  setPanelRoute,
  type Db,
  type PanelRoute,
} from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakeEndpoint, fakePlatform, freshDb, makeConnection, makeDraft, makeTask } from './helpers';

afterEach(cleanup);

async function asAssistant(db: Db) {
  await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna', deviceName: 'Anna' }));
}

async function openPanel(db: Db, route: PanelRoute) {
  await setPanelRoute(db, route);
  render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

describe('assistant', () => {
  it('reads the standing instructions without any way to change them', async () => {
    const db = await freshDb();
    await addInstruction(db, 'Quellen', 'Immer **Quellen** angeben.');
    await asAssistant(db);
    await openPanel(db, { view: 'instructions' });

    expect(await screen.findByRole('heading', { name: 'Quellen' })).toBeTruthy();
    expect(screen.getByText('Quellen', { selector: 'strong' })).toBeTruthy();
    expect(screen.getByText(/Your client’s standing instructions/)).toBeTruthy();
    const view = screen.getByRole('region', { name: 'Standing instructions' });
    expect(within(view).queryAllByRole('button')).toHaveLength(0);
    expect(within(view).queryByRole('textbox')).toBeNull();
  });

  it('cannot edit what the client wrote, nor delete the task', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Urteil zusammenfassen', instructions: 'Bitte *kurz*.', priority: 'high' });
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    expect(await screen.findByText('Urteil zusammenfassen', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText('kurz', { selector: 'em' })).toBeTruthy();
    expect(screen.getByText('High', { selector: 'dd' })).toBeTruthy();
    for (const label of ['Title', 'Instructions', 'Kind of task', 'Priority']) {
      expect(screen.queryByLabelText(label, { selector: 'input, textarea, select' }), label).toBeNull();
    }
    expect(screen.queryByRole('radio')).toBeNull();
    expect(screen.queryByRole('checkbox', { name: 'No rush' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Delete task' })).toBeNull();
    // The result stays writable.
    expect(screen.getByLabelText('Result text')).toBeTruthy();
  });

  it('sees the standing instructions every task inherits right in the task, open', async () => {
    const db = await freshDb();
    await addInstruction(db, 'Quellen', 'Immer **Quellen** angeben.');
    await addInstruction(db, 'Anrede', 'Mandanten X duzen.');
    const task = makeTask();
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    const summary = await screen.findByText('Standing instructions that apply (2)');
    const details = summary.closest('details')!;
    expect(details.open).toBe(true);
    expect(
      within(details as HTMLElement)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['QuellenImmer Quellen angeben.', 'AnredeMandanten X duzen.']);
  });

  it('logs time on a task, sees the total, and gets a sentence for a duration it cannot read', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'in-progress' });
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    const log = await screen.findByRole('region', { name: 'Time spent' });
    expect(await within(log).findByText('No time logged yet.')).toBeTruthy();
    fireEvent.input(within(log).getByLabelText('Duration'), { target: { value: 'eine Stunde' } });
    fireEvent.click(within(log).getByRole('button', { name: 'Log time' }));
    expect(await within(log).findByText(/Enter the time spent as minutes/)).toBeTruthy();
    fireEvent.input(within(log).getByLabelText('Duration'), { target: { value: '1:30' } });
    fireEvent.input(within(log).getByLabelText('Note (optional)'), { target: { value: 'Recherche juris' } });
    fireEvent.click(within(log).getByRole('button', { name: 'Log time' }));
    expect(await within(log).findByText('Total: 1:30 h')).toBeTruthy();
    fireEvent.input(within(log).getByLabelText('Duration'), { target: { value: '45' } });
    fireEvent.click(within(log).getByRole('button', { name: 'Log time' }));
    expect(await within(log).findByText('Total: 2:15 h')).toBeTruthy();
    expect(within(log).getByText('Recherche juris')).toBeTruthy();
    const entries = (await listTimeEntries(db, task.id)).records;
    expect(entries.map((e) => e.minutes).sort((a, b) => a - b)).toEqual([45, 90]);
    expect(entries.find((e) => e.minutes === 90)).toMatchObject({ note: 'Recherche juris', authorDevice: 'dev-anna' });
  });

  it('changes the status, but never to "Archived"', async () => {
    const db = await freshDb();
    const task = makeTask();
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    const status = (await screen.findByLabelText('Status')) as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toEqual(['new', 'accepted', 'in-progress', 'question', 'review', 'done']);
    fireEvent.change(status, { target: { value: 'in-progress' } });
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('in-progress'));
  });

  it('asks a question and may set the status to "Question" with it', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'in-progress' });
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    const thread = await screen.findByRole('region', { name: 'Questions and answers' });
    fireEvent.input(within(thread).getByLabelText('New message'), { target: { value: 'Welche Instanz?' } });
    fireEvent.click(within(thread).getByRole('checkbox', { name: /Also set the status to “Question”/ }));
    fireEvent.click(within(thread).getByRole('button', { name: 'Send' }));

    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('question'));
    expect((await listComments(db, task.id)).records).toMatchObject([{ body: 'Welche Instanz?', authorDevice: 'dev-anna' }]);
    // Waiting for the answer now: no offer to set it again.
    await waitFor(() => expect(within(thread).queryByRole('checkbox')).toBeNull());
  });

  it('delivers a result for review', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'in-progress' });
    await createTask(db, task);
    await asAssistant(db);
    await openPanel(db, { view: 'task', id: task.id });

    const deliver = (await screen.findByRole('button', { name: 'Deliver for review' })) as HTMLButtonElement;
    expect(deliver.disabled).toBe(true);
    expect(screen.getByText('Write the result above first.')).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Result text'), { target: { value: 'Das Urteil besagt …' } });
    await waitFor(() => expect(deliver.disabled).toBe(false));
    fireEvent.click(deliver);

    await waitFor(async () =>
      expect(await getRecord(db, 'task', task.id)).toMatchObject({ status: 'review', result: { text: 'Das Urteil besagt …', links: [] } }),
    );
    expect(await screen.findByText('Delivered. Your client is reviewing the result.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Deliver for review' })).toBeNull();
  });

  it('has no quick add; new tasks wait for the assistant; drafts are not shown', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'Neu vom Auftraggeber', status: 'new' }));
    await createTask(db, makeTask({ title: 'Zur Prüfung geschickt', status: 'review' }));
    await saveDraft(db, makeDraft({ title: 'Entwurf des Geräts' }));
    await asAssistant(db);
    render(<PopupApp db={db} platform={fakePlatform()} />);

    const waiting = await screen.findByRole('region', { name: /Waiting for me/ });
    await waitFor(() => expect(within(waiting).getByText('Neu vom Auftraggeber')).toBeTruthy());
    expect(within(screen.getByRole('region', { name: /Open/ })).getByText('Zur Prüfung geschickt')).toBeTruthy();
    expect(screen.queryByText('Entwurf des Geräts')).toBeNull();
    expect(screen.queryByRole('textbox', { name: 'New task' })).toBeNull();
  });

  it('sees an empty state written for the assistant', async () => {
    const db = await freshDb();
    await asAssistant(db);
    render(<PopupApp db={db} platform={fakePlatform()} />);
    expect(await screen.findByText('Nothing to do yet')).toBeTruthy();
    expect(screen.queryByText(/Right-click a page/)).toBeNull();
  });
});

describe('client', () => {
  it('approves a delivered result', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'review', result: { text: 'Fertig.', links: [] } });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });

    const review = await screen.findByRole('group', { name: /Your assistant delivered a result/ });
    fireEvent.click(within(review).getByRole('button', { name: 'Approve' }));
    fireEvent.click(within(review).getByRole('button', { name: 'Yes, approve' }));
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('done'));
    await waitFor(() => expect(screen.queryByRole('group', { name: /Your assistant delivered a result/ })).toBeNull());
  });

  it('requests changes: back to "In progress", and the message box is ready', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'review', result: { text: 'Erster Entwurf.', links: [] } });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });

    fireEvent.click(await screen.findByRole('button', { name: 'Request changes' }));
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('in-progress'));
    expect(document.activeElement).toBe(screen.getByLabelText('New message'));
  });

  it('answers a question and may set the task back to "In progress"', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'question' });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });

    const thread = await screen.findByRole('region', { name: 'Questions and answers' });
    fireEvent.input(within(thread).getByLabelText('New message'), { target: { value: 'Die zweite.' } });
    fireEvent.click(within(thread).getByRole('checkbox', { name: 'Also set the status back to “In progress”' }));
    fireEvent.keyDown(within(thread).getByLabelText('New message'), { key: 'Enter', ctrlKey: true });
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('in-progress'));
  });

  it('keeps every editing right, including "Archived" and deleting', async () => {
    const db = await freshDb();
    const task = makeTask();
    await createTask(db, task);
    await setConnection(db, makeConnection());
    await openPanel(db, { view: 'task', id: task.id });
    const status = (await screen.findByLabelText('Status')) as HTMLSelectElement;
    expect([...status.options].map((o) => o.value)).toContain('archived');
    expect(screen.getByLabelText('Title', { selector: 'input' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Delete task' })).toBeTruthy();
  });
});

describe('sync state in the views', () => {
  it('not connected: the popup says so and leads to the Connection page', async () => {
    const db = await freshDb();
    const platform = fakePlatform();
    render(<PopupApp db={db} platform={platform} />);
    expect(await screen.findByText('Not connected — tasks stay on this device.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Connect' }));
    await waitFor(async () => expect(await getPanelRoute(db)).toEqual({ view: 'connection' }));
    expect(platform.openPanel).toHaveBeenCalledWith(7);
  });

  it('syncs when opened, and "Synced …" moves on by itself', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    try {
      const db = await freshDb();
      await setConnection(db, makeConnection());
      const server = fakeEndpoint();
      render(<PopupApp db={db} platform={fakePlatform({ endpointFetch: server.fetch })} />);
      expect(await screen.findByText('Synced just now')).toBeTruthy();
      expect(server.requests.filter((r) => r.path === '/v1/sync')).toHaveLength(1);
      vi.advanceTimersByTime(2 * 60_000 + 1_000);
      expect(await screen.findByText('Synced 2 minutes ago')).toBeTruthy();
    } finally {
      vi.useRealTimers();
    }
  });

  it('counts the records waiting to be sent, live', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    // Opening the popup syncs; keep this one from succeeding so the outbox stays.
    const platform = fakePlatform();
    render(<PopupApp db={db} platform={platform} />);
    expect(await screen.findByText(/^Offline — changes are kept and sent later\.$/)).toBeTruthy();
    await createTask(db, makeTask());
    await createTask(db, makeTask());
    // One task is a dozen field changes, but two changes for the user.
    // Offline, the count is part of the one sync sentence (issue 15: one sentence, always true).
    expect(await screen.findByText('Offline — 2 changes wait on this device and are sent later.')).toBeTruthy();
  });

  it('shows a problem as an alert in the side panel, live', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    await db.put(
      'meta',
      {
        lastSuccessAt: '2026-11-27T08:00:00.000Z',
        lastAttemptAt: null,
        attempt: 1,
        nextRetryAt: '2099-01-01T00:00:00.000Z',
        error: { reason: 'clock-skew', message: '' },
        clockOffsetMs: -3 * 3_600_000,
        quarantined: 2,
      },
      'syncState',
    );
    await openPanel(db, { view: 'list' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Your computer’s clock is 3 hours ahead. Correct the date and time, then sync again.');
    expect(screen.getByText('2 received changes could not be read and were set aside.')).toBeTruthy();
  });
});

describe('assistant drafts', () => {
  it('cannot delegate a draft, only discard it', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await asAssistant(db);
    await openPanel(db, { view: 'draft', id: draft.id });
    expect(await screen.findByText(/Only your client delegates tasks/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Delegate' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(async () => expect(await getPanelRoute(db)).toEqual({ view: 'list' }));
  });
});
