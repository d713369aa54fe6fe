// @vitest-environment happy-dom
// Issue 15 (got in the way 2): a task opened from "Waiting for me" lands at what waits.
import { cleanup, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { applyPulledPage, createTask, setPanelRoute, type Db } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

/** A comment by another device, as sync stores it. */
async function theirComment(db: Db, taskId: string, body: string, device = 'dev-anna') {
  const id = crypto.randomUUID();
  const hlc = '2026-11-27T05:00:00.000Z-0000-9f86d081884c7d65';
  const fields = { authorDevice: device, taskId, body, createdAt: '2026-11-27T05:00:00.000Z' };
  await applyPulledPage(db, {
    changes: Object.entries(fields).map(([field, value]) => ({ entity: 'comment' as const, id, field, value, hlc, device })),
    cursor: 1,
  });
}

async function open(db: Db, id: string) {
  await setPanelRoute(db, { view: 'task', id });
  render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

/** Whether `a` comes before `b` in the document. */
const before = (a: Element, b: Element) => Boolean(a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('opening a task where something waits', () => {
  it('puts an unanswered question first, under a compact head, and focuses it', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    const task = makeTask({ title: 'Urteil zusammenfassen', status: 'question', instructions: 'Lang '.repeat(200) });
    await createTask(db, task);
    await theirComment(db, task.id, 'Welche Instanz ist gemeint?');
    await open(db, task.id);

    const waits = await screen.findByRole('region', { name: /Waiting for you: your assistant wrote/ });
    expect(waits.textContent).toContain('Urteil zusammenfassen · Question');
    const thread = within(waits).getByRole('region', { name: 'Questions and answers' });
    expect(await within(thread).findByText('Welche Instanz ist gemeint?')).toBeTruthy();
    // The thread precedes the long form, and exists once.
    expect(before(thread, screen.getByLabelText('Instructions'))).toBe(true);
    expect(screen.getAllByRole('region', { name: 'Questions and answers' })).toHaveLength(1);
    await waitFor(() => expect(document.activeElement).toBe(waits));
  });

  it('puts the delivered result and the review first for the client', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    const task = makeTask({ status: 'review', result: { text: 'Das Urteil besagt …', links: [] } });
    await createTask(db, task);
    await open(db, task.id);

    const waits = await screen.findByRole('region', { name: /Waiting for you: a result to review/ });
    expect(within(waits).getByRole('group', { name: /Your assistant delivered a result/ })).toBeTruthy();
    expect(within(waits).getByRole('region', { name: 'Result' })).toBeTruthy();
    expect(before(waits, screen.getByLabelText('Title'))).toBe(true);
    await waitFor(() => expect(document.activeElement).toBe(waits));
  });

  it('opens at the top, focusing nothing, when my side wrote last', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ deviceId: 'dev-me' }));
    const task = makeTask({ status: 'question' });
    await createTask(db, task);
    await theirComment(db, task.id, 'Die zweite Instanz.', 'dev-me');
    await open(db, task.id);

    const thread = await screen.findByRole('region', { name: 'Questions and answers' });
    expect(screen.queryByRole('region', { name: /Waiting for you/ })).toBeNull();
    expect(before(screen.getByLabelText('Title'), thread)).toBe(true);
    expect(document.activeElement).toBe(document.body);
  });
});
