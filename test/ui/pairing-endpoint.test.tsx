// @vitest-environment happy-dom
// An extension page holding the endpoint's host permission is not bound by CORS; happy-dom would
// otherwise apply the same-origin policy of its test page to the requests.
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
//
// The Connection page end to end: the real endpoint process on loopback (SQLite), two devices with
// their own fake IndexedDB, create → invite → join through the UI, then a task travels both ways.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, getRecord, setPanelRoute, type Db, type PanelRoute } from '../../lib/store';
import { getConnection } from '../../lib/sync/connection';
import { sqliteDatabase, type RunningEndpoint, type TestDatabase } from '../support/endpoint';
import { startEndpointUnderDom } from './dom-endpoint';
import { fakePlatform, freshDb, makeTask } from './helpers';

let database: TestDatabase;
let endpoint: RunningEndpoint;

beforeAll(async () => {
  database = sqliteDatabase();
  endpoint = await startEndpointUnderDom(database.url);
});

afterAll(async () => {
  cleanup();
  await endpoint?.stop();
  await database?.drop();
});

function openPanel(db: Db, route: PanelRoute) {
  // The global fetch: requests really reach the endpoint.
  const platform = fakePlatform({ endpointFetch: (input, init) => fetch(input, init) });
  return setPanelRoute(db, route).then(() => render(<SidePanelApp db={db} platform={platform} />));
}

const field = (label: string) => screen.findByLabelText(label) as Promise<HTMLInputElement | HTMLTextAreaElement>;

describe('Connection page against the real endpoint', () => {
  it('creates a workspace, invites, joins; a task goes to the assistant and its result comes back', { timeout: 60_000 }, async () => {
    const client = await freshDb();
    const assistant = await freshDb();
    // Delegated before pairing: waits in the outbox and goes out with the first sync.
    const task = makeTask({ title: 'Urteil zusammenfassen', instructions: 'Bitte **kurz**.' });
    await createTask(client, task);

    // The client creates the workspace and invites.
    await openPanel(client, { view: 'connection' });
    fireEvent.input(await field('Name of this device'), { target: { value: 'Kanzlei-Laptop' } });
    fireEvent.input(await field('Endpoint address'), { target: { value: endpoint.origin } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Invite assistant' }, { timeout: 10_000 }));
    const invitation = (await field('Invitation for your assistant')).value;
    expect(invitation).toMatch(
      new RegExp(`^zuarbeit:${endpoint.origin.replace(/[.]/g, '\\.')}#2\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{43}\\.k1\\.`),
    );
    expect(await screen.findByText('Synced just now', {}, { timeout: 10_000 })).toBeTruthy();
    cleanup();

    // The assistant joins with it on another device.
    await openPanel(assistant, { view: 'connection' });
    fireEvent.input(await field('Name of this device'), { target: { value: 'Anna' } });
    fireEvent.input(await field('Invitation'), { target: { value: invitation } });
    fireEvent.click(screen.getByRole('button', { name: 'Join workspace' }));
    expect(await screen.findByText('Assistant', { selector: 'dd' }, { timeout: 10_000 })).toBeTruthy();
    const devices = screen.getByRole('region', { name: /Devices/ });
    await waitFor(() => expect(within(devices).getAllByRole('listitem')).toHaveLength(2), { timeout: 10_000 });
    const [first, second] = within(devices).getAllByRole('listitem');
    expect(first.textContent).toMatch(/Kanzlei-Laptop.*Client/);
    expect(second.textContent).toMatch(/Anna.*Assistant.*This device/);
    expect(within(devices).queryByRole('button', { name: /Remove/ })).toBeNull();
    expect((await getConnection(assistant))?.workspaceId).toBe((await getConnection(client))?.workspaceId);

    // The join synced: the task arrived, waiting for the assistant, read-only where the client wrote it.
    await waitFor(async () => expect(await getRecord(assistant, 'task', task.id)).toBeDefined(), { timeout: 10_000 });
    fireEvent.click(screen.getByRole('button', { name: 'Tasks' }));
    const waiting = await screen.findByRole('region', { name: /Waiting for me/ });
    fireEvent.click(await within(waiting).findByRole('button', { name: /^Urteil zusammenfassen/ }));
    expect(await screen.findByText('Urteil zusammenfassen', { selector: 'dd' })).toBeTruthy();
    expect(screen.getByText('kurz', { selector: 'strong' })).toBeTruthy();
    expect(screen.queryByLabelText('Title', { selector: 'input' })).toBeNull();

    // The assistant delivers and syncs.
    fireEvent.input(screen.getByLabelText('Result text'), { target: { value: 'Die Klage ist unbegründet.' } });
    const deliver = screen.getByRole('button', { name: 'Deliver for review' }) as HTMLButtonElement;
    await waitFor(() => expect(deliver.disabled).toBe(false));
    fireEvent.click(deliver);
    await waitFor(async () => expect((await getRecord(assistant, 'task', task.id))?.status).toBe('review'));
    const syncNow = screen.getByRole('button', { name: 'Sync now' }) as HTMLButtonElement;
    fireEvent.click(syncNow);
    await waitFor(async () => expect(await assistant.count('outbox')).toBe(0), { timeout: 10_000 });
    // Pushed, but the run still holds the sync lock while it pulls; the client's sync must not find it busy.
    await waitFor(() => expect(syncNow.disabled).toBe(false), { timeout: 10_000 });
    cleanup();

    // The client opens the task (opening syncs) and approves.
    await openPanel(client, { view: 'task', id: task.id });
    const review = await screen.findByRole('group', { name: /Your assistant delivered a result/ }, { timeout: 10_000 });
    // Delivered: the client reads the result (issue 15: no fields of its own for it) and confirms the approval.
    expect(await screen.findByText('Die Klage ist unbegründet.')).toBeTruthy();
    fireEvent.click(within(review).getByRole('button', { name: 'Approve' }));
    fireEvent.click(within(review).getByRole('button', { name: 'Yes, approve' }));
    await waitFor(async () => expect((await getRecord(client, 'task', task.id))?.status).toBe('done'));
    cleanup();
    client.close();
    assistant.close();
  });
});
