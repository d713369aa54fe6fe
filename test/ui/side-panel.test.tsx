// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { readPanelStart, SidePanelApp } from '../../components/side-panel-app';
import {
  addComment,
  addInstruction,
  createTask,
  getDraft,
  getPanelRoute,
  getRecord,
  listComments,
  listInstructions,
  saveDraft,
  setPanelRoute,
  updateRecord,
  type Db,
  type PanelRoute,
} from '../../lib/store';
import { fakePlatform, freshDb, makeDraft, makeTask } from './helpers';

afterEach(cleanup);

async function openPanel(db: Db, route?: PanelRoute) {
  if (route) await setPanelRoute(db, route);
  return render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

const field = (name: string | RegExp) => screen.findByLabelText(name) as Promise<HTMLInputElement | HTMLTextAreaElement>;

describe('side panel: draft', () => {
  it('shows the draft with its source, quote and link', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });

    expect((await field('Title')).value).toBe('Clipped page');
    const source = screen.getByRole('region', { name: 'Source' });
    const link = within(source).getByRole('link', { name: '§ 823 BGB' });
    expect(link.getAttribute('href')).toBe('https://dejure.org/gesetze/BGB/823.html');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(source.querySelector('blockquote')?.textContent).toBe('Wer vorsätzlich oder fahrlässig\ndas Leben, den Körper ...');
    expect((screen.getByRole('checkbox', { name: 'No rush' }) as HTMLInputElement).checked).toBe(true);
  });

  it('autosaves as the user types, and the draft survives closing the panel', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    const first = await openPanel(db, { view: 'draft', id: draft.id });

    fireEvent.input(await field('Title'), { target: { value: 'Haftung prüfen' } });
    await waitFor(async () => expect((await getDraft(db, draft.id))?.title).toBe('Haftung prüfen'), { timeout: 2000 });
    expect(await screen.findByText('Saved')).toBeTruthy();

    // Typed, then the panel closes before the debounce fires: nothing may be lost.
    fireEvent.input(await field('Instructions'), { target: { value: 'Bitte bis Freitag.\n\n- Quellen angeben' } });
    first.unmount();
    // A closed panel's timers never fire: the save must start on unmount, well before the 300 ms pause.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await getDraft(db, draft.id))?.instructions).toBe('Bitte bis Freitag.\n\n- Quellen angeben');

    await openPanel(db);
    expect((await field('Title')).value).toBe('Haftung prüfen');
    expect((await field('Instructions')).value).toBe('Bitte bis Freitag.\n\n- Quellen angeben');
  });

  it('saves at once when the panel is hidden, without waiting for the pause', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    fireEvent.input(await field('Title'), { target: { value: 'Vor dem Schließen' } });
    window.dispatchEvent(new Event('pagehide'));
    // Well before the 300 ms debounce would have fired.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect((await getDraft(db, draft.id))?.title).toBe('Vor dem Schließen');
  });

  it('renders the instructions preview escaped', async () => {
    const db = await freshDb();
    const draft = makeDraft({ instructions: '<img src=x onerror="alert(1)"> **wichtig**' });
    await saveDraft(db, draft);
    const { container } = await openPanel(db, { view: 'draft', id: draft.id });
    const preview = await waitFor(() => {
      const found = container.querySelector('.preview .markdown');
      expect(found).not.toBeNull();
      return found!;
    });
    expect(preview.querySelector('img')).toBeNull();
    expect(preview.querySelector('strong')?.textContent).toBe('wichtig');
    expect(preview.textContent).toContain('<img src=x onerror="alert(1)">');
  });

  it('delegates with Ctrl+Enter: the draft becomes a task and the panel shows it', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });

    const instructions = await field('Instructions');
    fireEvent.input(instructions, { target: { value: 'Kurz zusammenfassen' } });
    fireEvent.change(await screen.findByLabelText('Delegation level'), { target: { value: '3' } });
    fireEvent.keyDown(instructions, { key: 'Enter', ctrlKey: true });

    await waitFor(async () => expect(await getPanelRoute(db)).toEqual({ view: 'task', id: draft.id }));
    expect(await screen.findByRole('heading', { name: 'Task' })).toBeTruthy();
    const task = await getRecord(db, 'task', draft.id);
    expect(task).toMatchObject({
      status: 'new',
      instructions: 'Kurz zusammenfassen',
      autonomy: 'decide-yourself',
      level: 3,
      title: 'Clipped page',
    });
    expect(await getDraft(db, draft.id)).toBeUndefined();
    // No late autosave brings the draft back.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await getDraft(db, draft.id)).toBeUndefined();
  });

  it('sets a due date instead of "no rush"', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    fireEvent.click(await screen.findByRole('checkbox', { name: 'No rush' }));
    const date = screen.getByLabelText('Due date', { selector: 'input' });
    fireEvent.input(date, { target: { value: '2026-12-18' } });
    fireEvent.click(screen.getByRole('button', { name: 'Delegate' }));
    await waitFor(async () => expect((await getRecord(db, 'task', draft.id))?.due).toBe('2026-12-18'));
  });

  it('discards a draft only after confirmation', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });

    fireEvent.click(await screen.findByRole('button', { name: 'Discard draft' }));
    expect(screen.getByText('Discard this draft? It cannot be restored.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await getDraft(db, draft.id)).toBeDefined();

    fireEvent.click(screen.getByRole('button', { name: 'Discard draft' }));
    fireEvent.click(screen.getByRole('button', { name: 'Discard' }));
    await waitFor(async () => expect(await getPanelRoute(db)).toEqual({ view: 'list' }));
    expect(await getDraft(db, draft.id)).toBeUndefined();
  });

  it('shows an alert when saving fails, keeping the text', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    const title = await field('Title');
    db.close();
    fireEvent.input(title, { target: { value: 'Nicht verlieren' } });
    fireEvent.blur(title);
    expect((await screen.findByRole('alert', {}, { timeout: 2000 })).textContent).toContain('Could not save');
    expect(title.value).toBe('Nicht verlieren');
  });
});

describe('side panel: task', () => {
  it('edits fields with autosave and changes the status', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Alt' });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });

    fireEvent.input(await field('Title'), { target: { value: 'Neu' } });
    fireEvent.change(screen.getByLabelText('Priority'), { target: { value: 'high' } });
    await waitFor(async () => expect(await getRecord(db, 'task', task.id)).toMatchObject({ title: 'Neu', priority: 'high' }), {
      timeout: 2000,
    });
    expect(await screen.findByText('Saved')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Status'), { target: { value: 'done' } });
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('done'));

    // The result is the assistant's to write (issue 15): the client has no result fields (test/ui/result-ownership.test.tsx).
    expect(screen.queryByLabelText('Result text')).toBeNull();
  });

  it('keeps what is being typed when the task changes elsewhere', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Original', instructions: '' });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });

    fireEvent.input(await field('Instructions'), { target: { value: 'Ich tippe gerade' } });
    await updateRecord(db, 'task', task.id, { title: 'Anderswo umbenannt' });
    await waitFor(async () => expect((await field('Title')).value).toBe('Anderswo umbenannt'));
    expect((await field('Instructions')).value).toBe('Ich tippe gerade');
    await waitFor(async () =>
      expect(await getRecord(db, 'task', task.id)).toMatchObject({ title: 'Anderswo umbenannt', instructions: 'Ich tippe gerade' }),
    );
  });

  it('shows the comment thread and sends a comment with Ctrl+Enter', async () => {
    const db = await freshDb();
    const task = makeTask();
    await createTask(db, task);
    await db.put('meta', { role: 'client', deviceId: 'my-device' }, 'connection');
    await addComment(db, task.id, 'Eine Frage vorab');
    // A comment from another device: the assistant.
    await db.put('comment', {
      id: 'theirs',
      data: {
        id: 'theirs',
        taskId: task.id,
        body: 'Welche Frist?',
        authorDevice: 'assistant-device',
        createdAt: '2030-01-01T10:00:00.000Z',
      },
      clocks: {},
    });
    await openPanel(db, { view: 'task', id: task.id });

    const thread = await screen.findByRole('region', { name: 'Questions and answers' });
    await waitFor(() => expect(within(thread).getAllByRole('listitem')).toHaveLength(2));
    const [mine, theirs] = within(thread).getAllByRole('listitem');
    expect(mine.textContent).toContain('You');
    expect(theirs.textContent).toContain('Assistant');
    expect(theirs.textContent).toContain('Welche Frist?');

    const box = within(thread).getByLabelText('New message');
    fireEvent.input(box, { target: { value: 'Bis Freitag, bitte.' } });
    fireEvent.keyDown(box, { key: 'Enter', metaKey: true });
    await waitFor(() => expect(within(thread).getAllByRole('listitem')).toHaveLength(3));
    expect((box as HTMLTextAreaElement).value).toBe('');
    const { records } = await listComments(db, task.id);
    expect(records.map((c) => c.body)).toContain('Bis Freitag, bitte.');
  });

  it('deletes a task after confirmation', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Weg damit' });
    await createTask(db, task);
    await openPanel(db, { view: 'task', id: task.id });
    fireEvent.click(await screen.findByRole('button', { name: 'Delete task' }));
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await getRecord(db, 'task', task.id)).toBeUndefined());
    expect((await db.get('task', task.id))?.data.deleted).toBe(true);
    await waitFor(async () => expect(await getPanelRoute(db)).toEqual({ view: 'list' }));
  });
});

describe('side panel: standing instructions', () => {
  it('explains them when there are none', async () => {
    const db = await freshDb();
    await openPanel(db, { view: 'instructions' });
    expect(await screen.findByText(/No standing instructions yet/)).toBeTruthy();
    expect(screen.getByText(/Every task inherits them/)).toBeTruthy();
  });

  it('adds, edits, reorders (buttons and Alt+Arrow) and deletes, persisting each', async () => {
    const db = await freshDb();
    await openPanel(db, { view: 'instructions' });
    const add = async (title: string, body: string) => {
      fireEvent.input(await screen.findByLabelText('Title'), { target: { value: title } });
      fireEvent.input(screen.getByLabelText('Instruction'), { target: { value: body } });
      fireEvent.click(screen.getByRole('button', { name: 'Add instruction' }));
      await screen.findByRole('heading', { name: title });
    };
    await add('Quellen', 'Immer Quellen angeben.');
    await add('Anrede', 'Mandanten siezen.');
    await add('Format', 'PDF liefern.');
    const titles = async () => (await listInstructions(db)).records.map((r) => r.title);
    expect(await titles()).toEqual(['Quellen', 'Anrede', 'Format']);

    fireEvent.click(screen.getByRole('button', { name: 'Move “Format” up' }));
    await waitFor(async () => expect(await titles()).toEqual(['Quellen', 'Format', 'Anrede']));

    const item = screen.getByRole('heading', { name: 'Quellen' }).closest('li')!;
    fireEvent.keyDown(within(item).getByRole('button', { name: 'Edit “Quellen”' }), { key: 'ArrowDown', altKey: true });
    await waitFor(async () => expect(await titles()).toEqual(['Format', 'Quellen', 'Anrede']));
    await waitFor(() => expect(document.activeElement?.getAttribute('data-instruction')).toBe(item.getAttribute('data-instruction')));

    fireEvent.click(screen.getByRole('button', { name: 'Edit “Anrede”' }));
    const editTitle = screen.getAllByLabelText('Title')[0] as HTMLInputElement;
    expect(editTitle.value).toBe('Anrede');
    fireEvent.input(editTitle, { target: { value: 'Anrede und Ton' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect(await titles()).toEqual(['Format', 'Quellen', 'Anrede und Ton']));

    fireEvent.click(await screen.findByRole('button', { name: 'Delete “Format”' }));
    expect(screen.getByText('Delete “Format”?')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await titles()).toEqual(['Quellen', 'Anrede und Ton']));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Format' })).toBeNull());
  });
});

describe('side panel: routes and navigation', () => {
  it('follows the stored route live and navigates from its header', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'In der Liste' }));
    await addInstruction(db, 'Quellen', 'Immer.');
    await openPanel(db);
    expect(await screen.findByText('In der Liste')).toBeTruthy();

    // The popup or the background sets a route while the panel is open.
    await setPanelRoute(db, { view: 'instructions' });
    expect(await screen.findByRole('heading', { name: 'Standing instructions' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Instructions' }).getAttribute('aria-current')).toBe('page');

    fireEvent.click(screen.getByRole('button', { name: 'Connection' }));
    expect(await screen.findByRole('button', { name: 'Create workspace' })).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Tasks' }));
    fireEvent.click(await screen.findByRole('button', { name: /In der Liste/ }));
    expect(await screen.findByRole('heading', { name: 'Task' })).toBeTruthy();
    expect((await field('Title')).value).toBe('In der Liste');
  });

  it('says so when a routed task no longer exists', async () => {
    const db = await freshDb();
    await openPanel(db, { view: 'task', id: 'gone' });
    expect(await screen.findByText('This task no longer exists.')).toBeTruthy();
  });
});

describe('side panel: started with what it read before its first render (issue 14)', () => {
  it('shows the stored route in its first render, then follows the route as before', async () => {
    const db = await freshDb();
    await setPanelRoute(db, { view: 'instructions' });
    const start = await readPanelStart(db);
    expect(start.route).toEqual({ view: 'instructions' });
    render(<SidePanelApp db={db} platform={fakePlatform()} start={start} />);
    // No wait: the header knows the route at once.
    expect(screen.getByRole('button', { name: 'Instructions' }).getAttribute('aria-current')).toBe('page');

    await setPanelRoute(db, { view: 'connection' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Connection' }).getAttribute('aria-current')).toBe('page'));
  });
});

describe('side panel: a task read with the start (issue 14)', () => {
  it('shows the task with its thread in the first render, and follows new messages', async () => {
    const db = await freshDb();
    const task = makeTask({ title: 'Urteil prüfen', status: 'question' });
    await createTask(db, task);
    await addComment(db, task.id, 'Welche Frist gilt?');
    await setPanelRoute(db, { view: 'task', id: task.id });
    const start = await readPanelStart(db);
    expect(start.task?.comments.map((c) => c.body)).toEqual(['Welche Frist gilt?']);
    render(<SidePanelApp db={db} platform={fakePlatform()} start={start} />);
    // No wait: task, thread and time log are in the first render.
    expect(screen.getByText('Welche Frist gilt?')).toBeTruthy();
    expect((screen.getByLabelText('Title') as HTMLInputElement).value).toBe('Urteil prüfen');

    await addComment(db, task.id, 'Die Berufungsfrist.');
    expect(await screen.findByText('Die Berufungsfrist.')).toBeTruthy();
  });
});
