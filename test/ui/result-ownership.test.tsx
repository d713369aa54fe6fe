// @vitest-environment happy-dom
// Issue 15 (got in the way 4): who holds the result, and the review step, explicit.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, getRecord, setPanelRoute, type Db } from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';
import { fakePlatform, freshDb, makeConnection, makeTask } from './helpers';

afterEach(cleanup);

async function open(db: Db, id: string, role: 'client' | 'assistant') {
  await setConnection(db, makeConnection(role === 'assistant' ? { role, deviceId: 'dev-anna', deviceName: 'Anna' } : {}));
  await setPanelRoute(db, { view: 'task', id });
  render(<SidePanelApp db={db} platform={fakePlatform()} />);
}

const resultRegion = () => screen.findByRole('region', { name: 'Result' });

describe('the client', () => {
  it('sees no result fields before anything was delivered, even while the assistant drafts one', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'in-progress', result: { text: 'Entwurf, noch nicht fertig', links: [] } });
    await createTask(db, task);
    await open(db, task.id, 'client');

    const region = await resultRegion();
    expect(within(region).getByText(/Nothing delivered yet/)).toBeTruthy();
    expect(within(region).queryByRole('textbox')).toBeNull();
    expect(screen.queryByText('Entwurf, noch nicht fertig')).toBeNull();
  });

  it('reads a delivered result, links as links, without fields', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'review', result: { text: 'Das Urteil besagt **dies**.', links: ['https://example.com/a'] } });
    await createTask(db, task);
    await open(db, task.id, 'client');

    const region = await resultRegion();
    expect(within(region).getByText('dies', { selector: 'strong' })).toBeTruthy();
    expect(within(region).getByRole('link', { name: 'https://example.com/a' })).toBeTruthy();
    expect(within(region).queryByRole('textbox')).toBeNull();
  });

  it('approves only after confirming, and then sees (and hears) that it is approved', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'review', result: { text: 'Fertig.', links: [] } });
    await createTask(db, task);
    await open(db, task.id, 'client');

    const review = await screen.findByRole('group', { name: /Your assistant delivered a result/ });
    fireEvent.click(within(review).getByRole('button', { name: 'Approve' }));
    // Asked first: nothing written yet, and Cancel keeps everything as it was.
    expect(within(review).getByText('Approve this result? The task is then done.')).toBeTruthy();
    expect((await getRecord(db, 'task', task.id))?.status).toBe('review');
    fireEvent.click(within(review).getByRole('button', { name: 'Cancel' }));
    expect((await getRecord(db, 'task', task.id))?.status).toBe('review');

    fireEvent.click(within(review).getByRole('button', { name: 'Approve' }));
    fireEvent.click(within(review).getByRole('button', { name: 'Yes, approve' }));
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('done'));
    const approved = await screen.findByText(/^Result approved on .+: the task is done\.$/);
    expect(approved.getAttribute('role')).toBe('status');
    await waitFor(() => expect(document.activeElement).toBe(approved));
    expect(screen.queryByRole('group', { name: /Your assistant delivered a result/ })).toBeNull();
  });
});

describe('the assistant', () => {
  it('writes the result while working on it (links one per line, a trailing newline kept)', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'in-progress' });
    await createTask(db, task);
    await open(db, task.id, 'assistant');

    fireEvent.input(await screen.findByLabelText('Result text'), { target: { value: 'Zusammenfassung anbei' } });
    fireEvent.input(screen.getByLabelText('Links (one per line)'), { target: { value: 'https://example.com/a\n' } });
    await waitFor(async () =>
      expect((await getRecord(db, 'task', task.id))?.result).toEqual({ text: 'Zusammenfassung anbei', links: ['https://example.com/a'] }),
    );
    expect((screen.getByLabelText('Links (one per line)') as HTMLTextAreaElement).value).toBe('https://example.com/a\n');
    expect(screen.getByRole('link', { name: 'https://example.com/a' })).toBeTruthy();
  });

  it('cannot change a result under review, but may withdraw it to change it', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'review', result: { text: 'Geliefert.', links: [] } });
    await createTask(db, task);
    await open(db, task.id, 'assistant');

    const region = await resultRegion();
    expect(within(region).getByText('Geliefert.')).toBeTruthy();
    expect(within(region).queryByRole('textbox')).toBeNull();
    fireEvent.click(within(region).getByRole('button', { name: 'Withdraw to change' }));
    await waitFor(async () => expect((await getRecord(db, 'task', task.id))?.status).toBe('in-progress'));
    expect(((await screen.findByLabelText('Result text')) as HTMLTextAreaElement).value).toBe('Geliefert.');
    expect(screen.getByRole('button', { name: 'Deliver for review' })).toBeTruthy();
  });

  it('reads an approved result without fields and without a way to withdraw it', async () => {
    const db = await freshDb();
    const task = makeTask({ status: 'done', result: { text: 'Abgenommen.', links: [] } });
    await createTask(db, task);
    await open(db, task.id, 'assistant');

    const region = await resultRegion();
    expect(within(region).getByText('Abgenommen.')).toBeTruthy();
    expect(within(region).queryByRole('textbox')).toBeNull();
    expect(within(region).queryByRole('button')).toBeNull();
  });
});
