// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, getRecord, saveDraft, setPanelRoute, updateRecord, type Db, type PanelRoute } from '../../lib/store';
import { getLevelSettings, recordReviewOutcome, setKindLevel, setSuggestAfter } from '../../lib/store/levels';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeDraft, makeTask } from './helpers';

afterEach(cleanup);

async function openPanel(db: Db, route: PanelRoute) {
  await setPanelRoute(db, route);
  render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

/** A research result the client accepted as delivered, through the same store calls as the task view. */
async function acceptedResearch(db: Db) {
  const task = await createTask(db, makeTask({ kind: 'research', level: null, status: 'review', result: { text: 'Ergebnis', links: [] } }));
  await recordReviewOutcome(db, task.id, 'review', 'done');
  await updateRecord(db, 'task', task.id, { status: 'done' });
}

describe('the assistant', () => {
  it('sees the task’s level as a badge and one sentence, inherited from its kind', async () => {
    const db = await freshDb();
    await setKindLevel(db, 'research', 3);
    const task = await createTask(db, makeTask({ kind: 'research', level: null }));
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna' }));
    await openPanel(db, { view: 'task', id: task.id });

    expect(await screen.findByText('Level 3: Do it and report')).toBeTruthy();
    expect(screen.getByText('You may decide yourself; report afterwards.')).toBeTruthy();
    expect(screen.getByText('The usual level for Research.')).toBeTruthy();
    expect(screen.queryByLabelText('Delegation level')).toBeNull();
  });

  it('sees the mapped level of a task from before levels', async () => {
    const db = await freshDb();
    await setKindLevel(db, 'research', 4);
    const old = makeTask({ kind: 'research', autonomy: 'ask-first' });
    delete old.level;
    await createTask(db, old);
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna' }));
    await openPanel(db, { view: 'task', id: old.id });

    expect(await screen.findByText('Level 1: As instructed')).toBeTruthy();
    expect(screen.getByText('Do exactly as instructed; ask before you deviate.')).toBeTruthy();
  });
});

describe('the client', () => {
  it('gives a task its own level; old devices see the nearest autonomy', async () => {
    const db = await freshDb();
    const task = await createTask(db, makeTask({ kind: 'research', level: null }));
    await openPanel(db, { view: 'task', id: task.id });

    const select = (await screen.findByLabelText('Delegation level')) as HTMLSelectElement;
    expect(select.selectedOptions[0].textContent).toBe('As usual for Research (level 1: As instructed)');
    fireEvent.change(select, { target: { value: '4' } });
    await waitFor(async () => expect(await getRecord(db, 'task', task.id)).toMatchObject({ level: 4, autonomy: 'decide-yourself' }));
    expect(await screen.findByText('Your assistant may act on their own; you see it in the monthly overview.')).toBeTruthy();
  });

  it('delegates a draft at the level chosen in it', async () => {
    const db = await freshDb();
    const draft = makeDraft();
    await saveDraft(db, draft);
    await openPanel(db, { view: 'draft', id: draft.id });
    fireEvent.change(await screen.findByLabelText('Delegation level'), { target: { value: '2' } });
    fireEvent.keyDown(screen.getByLabelText('Instructions'), { key: 'Enter', ctrlKey: true });
    await waitFor(async () => expect(await getRecord(db, 'task', draft.id)).toMatchObject({ level: 2, autonomy: 'ask-first' }));
  });

  it('accepting a delivered result in the task view counts it', async () => {
    const db = await freshDb();
    await setSuggestAfter(db, 1);
    const task = await createTask(
      db,
      makeTask({ kind: 'research', level: null, status: 'review', result: { text: 'Ergebnis', links: [] } }),
    );
    await openPanel(db, { view: 'task', id: task.id });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Yes, approve' }));
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.acceptedAt).toEqual(expect.any(String)));
    expect((await getRecord(db, 'task', task.id))?.status).toBe('done');
  });

  it('is offered a higher level after the threshold, and only its click raises it, with a history entry', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'client', deviceId: 'dev-clara' }));
    for (let i = 0; i < 4; i++) await acceptedResearch(db);
    await openPanel(db, { view: 'list' });
    await screen.findByRole('region', { name: /tasks/i });
    expect(screen.queryByRole('button', { name: 'Raise to level 2' })).toBeNull();

    await acceptedResearch(db);
    const suggestion = await screen.findByRole('group', { name: /^Research: 5 results accepted without changes/ });
    expect((await getLevelSettings(db)).levels.research).toBe(1);
    fireEvent.click(within(suggestion).getByRole('button', { name: 'Raise to level 2' }));

    await waitFor(async () => expect((await getLevelSettings(db)).levels.research).toBe(2));
    const [entry] = (await getLevelSettings(db)).histories.research;
    expect(entry).toMatchObject({ from: 1, to: 2, by: 'dev-clara' });
    // The count starts again: no suggestion until five more.
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Raise to level 3' })).toBeNull());
    expect(screen.queryByRole('group', { name: /^Research:/ })).toBeNull();

    cleanup();
    await openPanel(db, { view: 'instructions' });
    const levels = await screen.findByRole('region', { name: 'Delegation levels' });
    expect(within(levels).getByText(/Research: level 1 → 2 \(by You\)$/)).toBeTruthy();
    expect(within(levels).getAllByText('Accepted without changes since the last change: 0')).toHaveLength(4);
  });

  it('never sees a suggestion as the assistant', async () => {
    const db = await freshDb();
    await setSuggestAfter(db, 1);
    await acceptedResearch(db);
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna' }));
    await openPanel(db, { view: 'instructions' });
    const levels = await screen.findByRole('region', { name: 'Delegation levels' });
    expect(within(levels).queryAllByRole('button')).toHaveLength(0);
    expect(within(levels).queryAllByRole('combobox')).toHaveLength(0);
    expect(within(levels).getAllByText('Do exactly as instructed; ask before you deviate.')).toHaveLength(4);
  });
});
