// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { PopupApp } from '../../components/popup-app';
import { FIRST_PAINT_ROWS, MORE_ROWS } from '../../components/task-sections';
import { addDays, localDay } from '../../lib/ui/format';
import {
  authorDeviceId,
  createTask,
  getConnection,
  getKnownDevices,
  getPanelRoute,
  listRecords,
  readSession,
  rebuildTaskRows,
  saveDraft,
  sessionSide,
  setKnownDevices,
  type Db,
} from '../../lib/store';
import { readFirstScreen } from '../../components/task-list-view';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeDraft, makeTask } from './helpers';

afterEach(cleanup);

async function seed(db: Db) {
  const yesterday = addDays(localDay(new Date()), -1);
  await createTask(db, makeTask({ title: 'Frage zur Frist', status: 'question' }));
  await createTask(db, makeTask({ title: 'Gutachten prüfen', status: 'review' }));
  await createTask(db, makeTask({ title: 'Recherche Mietrecht', status: 'in-progress', due: yesterday }));
  await createTask(
    db,
    makeTask({
      title: 'Urteil zusammenfassen',
      status: 'new',
      source: {
        type: 'link',
        url: 'https://www.bundesgerichtshof.de/urteil.pdf',
        title: 'Urteil',
        documentType: 'pdf',
        capturedAt: '2026-11-20T10:00:00.000Z',
      },
    }),
  );
  await createTask(db, makeTask({ title: 'Alte Präsentation', status: 'done', kind: 'presentation' }));
  await saveDraft(db, makeDraft({ title: 'Halb geschriebener Entwurf' }));
}

function section(name: RegExp) {
  return screen.getByRole('region', { name });
}

async function renderPopup(db: Db, platform = fakePlatform()) {
  render(<PopupApp db={db} platform={platform} />);
  // Loaded: either the sections or the empty state.
  await waitFor(() => expect(document.querySelector('.sections, .empty')).not.toBeNull());
  return platform;
}

describe('popup', () => {
  it('lists tasks in their sections with counts, drafts first in "Open", done collapsed', async () => {
    const db = await freshDb();
    await seed(db);
    await renderPopup(db);

    const waiting = section(/Waiting for me/);
    expect(within(waiting).getByRole('heading').textContent).toMatch(/Waiting for me\s*2/);
    expect(
      within(waiting)
        .getAllByRole('button')
        .map((b) => b.querySelector('.row-title')?.textContent),
    ).toEqual(expect.arrayContaining(['Frage zur Frist', 'Gutachten prüfen']));

    const open = section(/Open/);
    expect(within(open).getByRole('heading').textContent).toMatch(/Open\s*3/);
    const openRows = within(open).getAllByRole('button');
    expect(openRows[0].textContent).toContain('Halb geschriebener Entwurf');
    expect(openRows[0].textContent).toContain('Draft');
    const pdfRow = openRows.find((row) => row.textContent?.includes('Urteil zusammenfassen'))!;
    expect(pdfRow.textContent).toContain('bundesgerichtshof.de');
    expect(pdfRow.textContent).toContain('PDF');
    expect(pdfRow.textContent).toContain('No rush');
    expect(pdfRow.textContent).toContain('New');

    const overdue = openRows.find((row) => row.textContent?.includes('Recherche Mietrecht'))!;
    expect(overdue.querySelector('.due-overdue')?.textContent).toMatch(/^Overdue since/);

    const toggle = screen.getByRole('button', { name: /Done\s*1/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByText('Alte Präsentation')).toBeNull();
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByText('Alte Präsentation')).toBeTruthy();
  });

  it('filters with the search field, "/" focuses it and Escape clears it', async () => {
    const db = await freshDb();
    await seed(db);
    await renderPopup(db);
    const search = screen.getByRole('searchbox', { name: 'Search tasks' });

    fireEvent.keyDown(document.body, { key: '/' });
    expect(document.activeElement).toBe(search);

    fireEvent.input(search, { target: { value: 'mietrecht' } });
    await waitFor(() => expect(screen.queryByText('Frage zur Frist')).toBeNull());
    expect(screen.getByText('Recherche Mietrecht')).toBeTruthy();

    fireEvent.input(search, { target: { value: 'präsentation' } });
    // A finished match is shown even though "Done" is collapsed.
    expect(await screen.findByText('Alte Präsentation')).toBeTruthy();

    fireEvent.input(search, { target: { value: 'nothing like this' } });
    expect(await screen.findByText('No task matches “nothing like this”.')).toBeTruthy();

    fireEvent.keyDown(search, { key: 'Escape' });
    expect((search as HTMLInputElement).value).toBe('');
    expect(await screen.findByText('Frage zur Frist')).toBeTruthy();
  });

  it('quick add creates a manual task and shows it live', async () => {
    const db = await freshDb();
    await renderPopup(db);
    const input = await screen.findByRole('textbox', { name: 'New task' });
    fireEvent.input(input, { target: { value: '  Fristenkalender aktualisieren ' } });
    fireEvent.submit(input.closest('form')!);

    expect(await screen.findByText('Fristenkalender aktualisieren')).toBeTruthy();
    expect((input as HTMLInputElement).value).toBe('');
    const { records } = await listRecords(db, 'task');
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      title: 'Fristenkalender aktualisieren',
      status: 'new',
      kind: 'other',
      due: null,
      priority: 'normal',
      autonomy: 'ask-first',
      recurrence: null,
      result: null,
      source: { type: 'manual', url: null, title: 'Fristenkalender aktualisieren' },
    });
  });

  it('quick add refuses a title over the limit out loud, adding nothing and keeping the whole text', async () => {
    const db = await freshDb();
    await renderPopup(db);
    const input = (await screen.findByRole('textbox', { name: 'New task' })) as HTMLInputElement;
    const long = 'Bitte die Fristen im Verfahren prüfen. '.repeat(16).trim();
    expect(long.length).toBeGreaterThan(500);
    fireEvent.input(input, { target: { value: long } });
    expect((await screen.findByRole('alert')).textContent).toContain(`A title is at most 500 characters; this one has ${long.length}.`);
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(input.closest('form')!);
    expect((await listRecords(db, 'task')).records).toHaveLength(0);
    expect(input.value).toBe(long);
    fireEvent.input(input, { target: { value: long.slice(0, 500) } });
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
  });

  it('names a priority other than normal on the row and gives the whole title on hover', async () => {
    const db = await freshDb();
    const title = 'Schriftsatz an das Landgericht München I wegen der Fristverlängerung im Verfahren 2 O 123/24';
    await createTask(db, makeTask({ title, status: 'in-progress', priority: 'high' }));
    await createTask(db, makeTask({ title: 'Ablage sortieren', status: 'in-progress', priority: 'low' }));
    await createTask(db, makeTask({ title: 'Akte anlegen', status: 'in-progress', priority: 'normal' }));
    await renderPopup(db);
    const row = (name: string) => screen.getByText(name).closest('button') as HTMLElement;
    await screen.findByText('Akte anlegen');
    expect(row(title).textContent).toContain('High priority');
    expect(screen.getByText(title).getAttribute('title')).toBe(title);
    expect(row('Ablage sortieren').textContent).toContain('Low priority');
    expect(row('Akte anlegen').textContent).not.toMatch(/priority/i);
  });

  it('lets the assistant accept every new task at once; the client has no such button', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna', deviceName: 'Anna' }));
    await createTask(db, makeTask({ title: 'Neu eins', status: 'new' }));
    await createTask(db, makeTask({ title: 'Neu zwei', status: 'new' }));
    await createTask(db, makeTask({ title: 'Schon dabei', status: 'in-progress' }));
    await renderPopup(db);
    fireEvent.click(await screen.findByRole('button', { name: 'Accept all new (2)' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: /Accept all new/ })).toBeNull());
    const statuses = (await listRecords(db, 'task')).records.map((t) => [t.title, t.status]).sort();
    expect(statuses).toEqual([
      ['Neu eins', 'accepted'],
      ['Neu zwei', 'accepted'],
      ['Schon dabei', 'in-progress'],
    ]);

    cleanup();
    const clientDb = await freshDb();
    await createTask(clientDb, makeTask({ title: 'Frage', status: 'question' }));
    await renderPopup(clientDb);
    await screen.findByText('Frage');
    expect(screen.queryByRole('button', { name: /Accept all new/ })).toBeNull();
  });

  it('explains what to do when nothing was delegated yet, naming the shortcut', async () => {
    const db = await freshDb();
    await renderPopup(db);
    expect(await screen.findByText('Nothing delegated yet')).toBeTruthy();
    expect(screen.getByText(/Right-click a page.*“Delegate this”.*Alt\+Shift\+D/)).toBeTruthy();
  });

  it('re-renders live when a task is added elsewhere', async () => {
    const db = await freshDb();
    await renderPopup(db);
    await screen.findByText('Nothing delegated yet');
    await createTask(db, makeTask({ title: 'Vom Hintergrund geclippt' }));
    expect(await screen.findByText('Vom Hintergrund geclippt')).toBeTruthy();
    expect(screen.queryByText('Nothing delegated yet')).toBeNull();
  });

  it('opens a task in the side panel within the click, then closes', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Öffne mich' });
    await createTask(db, task);
    const platform = await renderPopup(db);
    await waitFor(() => expect(platform.currentWindowId).toHaveBeenCalled());
    await Promise.resolve();

    const row = await screen.findByRole('button', { name: /Öffne mich/ });
    fireEvent.click(row);
    // Called synchronously inside the click, with the window id fetched on mount.
    expect(platform.openPanel).toHaveBeenCalledWith(7);
    await waitFor(() => expect(platform.close).toHaveBeenCalled());
    expect(await getPanelRoute(db)).toEqual({ view: 'task', id: task.id });
  });

  it('opens drafts as drafts, and the standing instructions from the footer', async () => {
    const db = await freshDb();
    const draft = makeDraft({ title: 'Entwurf' });
    await saveDraft(db, draft);
    const platform = await renderPopup(db);
    fireEvent.click(await screen.findByRole('button', { name: /Entwurf/ }));
    await waitFor(() => expect(platform.close).toHaveBeenCalledTimes(1));
    expect(await getPanelRoute(db)).toEqual({ view: 'draft', id: draft.id });

    fireEvent.click(screen.getByRole('button', { name: 'Standing instructions' }));
    await waitFor(() => expect(platform.close).toHaveBeenCalledTimes(2));
    expect(await getPanelRoute(db)).toEqual({ view: 'instructions' });
  });

  it('shows an alert and stays open when the side panel cannot open', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'Kein Panel' }));
    const platform = await renderPopup(db, fakePlatform({ openPanel: async () => Promise.reject(new Error('no side panel')) }));
    fireEvent.click(await screen.findByRole('button', { name: /Kein Panel/ }));
    expect((await screen.findByRole('alert')).textContent).toContain('Could not open the side panel');
    expect(platform.close).not.toHaveBeenCalled();
  });

  it('is one Tab stop: arrow keys, Home and End move across sections and the "Done" toggle, the last focused row keeps the stop', async () => {
    const db = await freshDb();
    await seed(db);
    await renderPopup(db);
    const rows = await waitFor(() => {
      const found = document.querySelectorAll<HTMLElement>('[data-row]');
      expect(found.length).toBe(5);
      return [...found];
    });
    const toggle = screen.getByRole('button', { name: /Done\s*1/ });
    const tabStops = () => [...document.querySelectorAll<HTMLElement>('.sections button')].filter((b) => b.tabIndex >= 0);
    // One stop, on the first row; rows are buttons, so Enter and Space open them.
    expect(tabStops()).toEqual([rows[0]]);
    expect(rows.every((row) => row.tagName === 'BUTTON')).toBe(true);

    rows[0].focus();
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1], { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[2]);
    expect(tabStops()).toEqual([rows[2]]);
    fireEvent.keyDown(rows[2], { key: 'End' });
    expect(document.activeElement).toBe(toggle);
    fireEvent.keyDown(toggle, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[4]);
    fireEvent.keyDown(rows[4], { key: 'Home' });
    expect(document.activeElement).toBe(rows[0]);
    fireEvent.keyDown(rows[0], { key: 'ArrowUp' });
    expect(document.activeElement).toBe(rows[0]);
    fireEvent.keyDown(rows[0], { key: 'ArrowDown' });
    expect(tabStops()).toEqual([rows[1]]);

    // Rows appearing later (the done ones) do not add stops.
    fireEvent.click(toggle);
    expect(document.querySelectorAll('[data-row]').length).toBe(6);
    expect(tabStops()).toEqual([rows[1]]);

    // From the search field, ArrowDown enters the list.
    const search = screen.getByRole('searchbox');
    search.focus();
    fireEvent.keyDown(search, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[0]);
  });

  it("reaches a row's timer with ArrowRight and goes back with ArrowLeft; the timer is no Tab stop of its own", async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna', deviceName: 'Anna' }));
    await createTask(db, makeTask({ title: 'Gutachten Müller', status: 'accepted' }));
    await renderPopup(db);
    const timer = await screen.findByRole('button', { name: 'Start the timer for “Gutachten Müller”' });
    const row = document.querySelector<HTMLElement>('[data-row]')!;
    expect(timer.tabIndex).toBe(-1);
    expect(row.tabIndex).toBe(0);
    row.focus();
    fireEvent.keyDown(row, { key: 'ArrowRight' });
    expect(document.activeElement).toBe(timer);
    fireEvent.keyDown(timer, { key: 'ArrowLeft' });
    expect(document.activeElement).toBe(row);
  });

  it('renders the first rows at once and the rest right after', async () => {
    const db = await freshDb();
    for (let i = 0; i < FIRST_PAINT_ROWS + 40; i++) await createTask(db, makeTask({ title: `Aufgabe ${i}` }));
    render(<PopupApp db={db} platform={fakePlatform()} />);
    await waitFor(() => expect(document.querySelectorAll('[data-row]').length).toBeGreaterThan(0));
    expect(document.querySelectorAll('[data-row]').length).toBe(FIRST_PAINT_ROWS);
    expect(screen.getByRole('heading', { name: /Open/ }).textContent).toMatch(new RegExp(`${FIRST_PAINT_ROWS + 40}`));
    await waitFor(() => expect(document.querySelectorAll('[data-row]').length).toBe(FIRST_PAINT_ROWS + 40));
  });

  it('shows the first rows of a search and more on demand; each new query starts again (issue 14)', async () => {
    const db = await freshDb();
    const matching = FIRST_PAINT_ROWS + MORE_ROWS + 20;
    for (let i = 0; i < matching; i++) await createTask(db, makeTask({ title: `Akte ${i}` }));
    for (let i = 0; i < 3; i++) await createTask(db, makeTask({ title: `Anderes ${i}` }));
    render(<PopupApp db={db} platform={fakePlatform()} />);
    const rows = () => document.querySelectorAll('[data-row]').length;
    await waitFor(() => expect(rows()).toBe(matching + 3));
    const search = screen.getByRole('searchbox', { name: 'Search tasks' });

    fireEvent.input(search, { target: { value: 'akte' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: /Open/ }).textContent).toMatch(new RegExp(`${matching}`)));
    expect(rows()).toBe(FIRST_PAINT_ROWS);
    // Not after the next frames either: the rest only on demand.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 20)));
    expect(rows()).toBe(FIRST_PAINT_ROWS);
    fireEvent.click(screen.getByRole('button', { name: `Show more (${matching - FIRST_PAINT_ROWS} not shown yet)` }));
    await waitFor(() => expect(rows()).toBe(FIRST_PAINT_ROWS + MORE_ROWS));
    fireEvent.click(screen.getByRole('button', { name: /Show more/ }));
    await waitFor(() => expect(rows()).toBe(matching));
    expect(screen.queryByRole('button', { name: /Show more/ })).toBeNull();

    // Every word must occur: "akte" and "1" anywhere. A new query starts with the first rows again.
    const ones = Array.from({ length: matching }, (_, i) => `${i}`).filter((i) => i.includes('1')).length;
    fireEvent.input(search, { target: { value: 'akte 1' } });
    await waitFor(() => expect(screen.getByRole('heading', { name: /Open/ }).textContent).toMatch(new RegExp(`${ones}`)));
    expect(rows()).toBe(FIRST_PAINT_ROWS);
    expect(screen.getByRole('button', { name: `Show more (${ones - FIRST_PAINT_ROWS} not shown yet)` })).toBeTruthy();

    fireEvent.keyDown(search, { key: 'Escape' });
    await waitFor(() => expect(rows()).toBe(matching + 3));
  });

  it('notes records that could not be read instead of failing', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'Lesbar' }));
    // As if written by a future version: a field this version does not know how to read.
    await db.put('task', { id: 'future', data: { id: 'future', title: 'x', kind: 'hologram' }, clocks: {} });
    // Written past the store (which keeps the task list index in the same transaction): index it as sync would have.
    await rebuildTaskRows(db);
    await renderPopup(db);
    expect(await screen.findByText('Lesbar')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toMatch(/One record could not be read/);
  });

  it('reports a failed quick add and keeps the typed title', async () => {
    const db = await freshDb();
    await renderPopup(db);
    const input = await screen.findByRole('textbox', { name: 'New task' });
    db.close();
    fireEvent.input(input, { target: { value: 'Nicht verlieren' } });
    fireEvent.submit(input.closest('form')!);
    expect((await screen.findByRole('alert')).textContent).toContain('Could not add the task');
    expect((input as HTMLInputElement).value).toBe('Nicht verlieren');
  });
});

describe('popup first screen read before the first render (issue 14)', () => {
  it('paints the first rows in the first render, then follows changes as before', async () => {
    const db = await freshDb();
    await seed(db);
    const first = await readFirstScreen(db);
    expect(first.session.role).toBe('client');
    render(<PopupApp db={db} platform={fakePlatform()} first={first} />);
    // No wait: the rows are in the very first render.
    expect(within(section(/Waiting for me/)).getByRole('heading').textContent).toMatch(/Waiting for me\s*2/);
    expect(screen.getByText('Frage zur Frist')).toBeTruthy();
    expect(screen.getByText('Halb geschriebener Entwurf')).toBeTruthy();

    await createTask(db, makeTask({ title: 'Neue Frage', status: 'question' }));
    await waitFor(() => expect(within(section(/Waiting for me/)).getByRole('heading').textContent).toMatch(/Waiting for me\s*3/));
  });
});

describe('readSession (issue 14)', () => {
  it('gives what getConnection, getRole, authorDeviceId and getKnownDevices give, paired or not', async () => {
    const db = await freshDb();
    const unpaired = await readSession(db);
    expect(unpaired).toEqual({ connection: null, role: 'client', me: await authorDeviceId(db), devices: [] });
    // The node id stays the same from its first use.
    expect((await readSession(db)).me).toBe(unpaired.me);

    const connection = makeConnection({ role: 'assistant' });
    await setConnection(db, connection);
    await setKnownDevices(db, [{ id: 'dev-anna', name: 'Anna', role: 'assistant' }]);
    const paired = await readSession(db);
    expect(paired).toEqual({
      connection: await getConnection(db),
      role: 'assistant',
      me: connection.deviceId,
      devices: await getKnownDevices(db),
    });
    expect([...sessionSide(paired)].sort()).toEqual(['dev-anna', connection.deviceId].sort());
  });
});
