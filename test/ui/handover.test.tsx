// @vitest-environment happy-dom
// @vitest-environment-options {"settings": {"fetch": {"disableSameOriginPolicy": true}}}
//
// The handover UI (issue 11) against the real endpoint process (SQLite) with three devices, each
// with its own fake IndexedDB: the client starts the handover on the Connection page, the
// outgoing assistant writes her notes and marks the package ready, the client finishes with one
// confirmation, the successor sees the package as her first page once, then the task list.
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, getRecord, setPanelRoute, type Db, type PanelRoute } from '../../lib/store';
import { openHandover } from '../../lib/store/handover';
import { getConnection } from '../../lib/sync/connection';
import { runSync } from '../../lib/sync/loop';
import { createInvitation, createWorkspace, joinWorkspace, listDevices } from '../../lib/sync/pairing';
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

async function openPanel(db: Db, route: PanelRoute) {
  await setPanelRoute(db, route);
  render(<SidePanelApp db={db} platform={fakePlatform({ endpointFetch: (input, init) => fetch(input, init) })} />);
}

const sync = async (...dbs: Db[]) => {
  // A panel's own sync may still hold the lock ('skipped'): ask again until this one ran.
  for (const db of dbs) await waitFor(async () => expect((await runSync(db, { force: true })).outcome).toBe('synced'), { timeout: 10_000 });
};

describe('handover through the side panel', () => {
  it('start, package, finish, first page', { timeout: 90_000 }, async () => {
    const client = await freshDb();
    const anna = await freshDb();
    const bea = await freshDb();
    await createWorkspace(client, endpoint.origin, 'Kanzlei');
    await joinWorkspace(anna, (await createInvitation(client)).invitation, 'Anna');
    await listDevices(client);
    const task = await createTask(client, makeTask({ title: 'Gutachten Müller', status: 'in-progress' }));
    await sync(client, anna);

    // The client starts: Anna is the outgoing assistant, current state only by default.
    await openPanel(client, { view: 'connection' });
    const section = await screen.findByRole('region', { name: 'Hand over to a successor' });
    const begin = within(section).getByRole('button', { name: 'Hand over to a successor' }) as HTMLButtonElement;
    // Enabled once the device list named an assistant to hand over from.
    await waitFor(() => expect(begin.disabled).toBe(false), { timeout: 10_000 });
    fireEvent.click(begin);
    expect((within(section).getByLabelText('Outgoing assistant') as HTMLSelectElement).value).toBe((await getConnection(anna))!.deviceId);
    expect((within(section).getByLabelText(/^Current state only/) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(within(section).getByLabelText('Both assistants work side by side until'), { target: { value: '2026-12-15' } });
    fireEvent.click(within(section).getByRole('button', { name: 'Invite the successor' }));
    const invitation = (
      (await within(section).findByLabelText('Invitation for the successor', {}, { timeout: 10_000 })) as HTMLTextAreaElement
    ).value;
    // Renewed before inviting: the invitation carries generation 2, not the key of what was written before.
    expect(invitation).toMatch(/\.k2\./);
    expect(within(section).getByText('The successor has not joined yet.')).toBeTruthy();
    expect(within(section).queryByRole('button', { name: 'Finish the handover' })).toBeNull();
    cleanup();
    // Pushed by the panel's sync, or by this one if that one was skipped.
    await sync(client);
    expect(await client.count('outbox')).toBe(0);

    await joinWorkspace(bea, invitation, 'Bea');
    await sync(anna, bea);

    // Anna: a note above her task list, and the editor on her Connection page.
    await openPanel(anna, { view: 'list' });
    fireEvent.click(await screen.findByRole('button', { name: 'Prepare the handover package' }, { timeout: 10_000 }));
    const note = (await screen.findByLabelText('Your note on “Gutachten Müller”', {}, { timeout: 10_000 })) as HTMLTextAreaElement;
    fireEvent.input(note, { target: { value: 'Mandant ruft meist freitags an.' } });
    fireEvent.input(screen.getByLabelText('Unwritten rules'), { target: { value: 'Berichte immer als PDF.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add an access' }));
    fireEvent.input(screen.getByLabelText('Access to'), { target: { value: 'beA-Postfach' } });
    fireEvent.input(screen.getByLabelText(/^Where the credential is kept/), { target: { value: 'Passwortmanager' } });
    fireEvent.click(screen.getByLabelText('Shared password'));
    expect(screen.getByText('Shared passwords: please change them once the handover is done.')).toBeTruthy();
    // Nothing is stored before she saves.
    expect((await openHandover(anna))?.content).toBeNull();
    fireEvent.input(screen.getByLabelText('Open questions'), { target: { value: 'Frist im Fall Schulz?' } });
    fireEvent.click(screen.getByRole('button', { name: 'Mark as ready' }));
    expect(await screen.findByText('Marked ready; the client is reviewing it.', {}, { timeout: 10_000 })).toBeTruthy();
    expect(await screen.findByRole('button', { name: 'Edit again' }, { timeout: 10_000 })).toBeTruthy();
    cleanup();
    // Pushed by the panel's sync, or by this one if that one was skipped.
    await sync(anna);
    expect(await anna.count('outbox')).toBe(0);

    // The client reviews and finishes with one confirmation.
    await sync(client);
    await openPanel(client, { view: 'connection' });
    const review = await screen.findByRole('region', { name: 'Hand over to a successor' });
    await within(review).findByText('The successor has joined: Bea.', {}, { timeout: 10_000 });
    expect(within(review).getByText('The handover package is ready. Please review it, then finish the handover.')).toBeTruthy();
    expect(within(review).getByText('Berichte immer als PDF.')).toBeTruthy();
    expect(within(review).getByText('Mandant ruft meist freitags an.')).toBeTruthy();
    fireEvent.click(within(review).getByRole('button', { name: 'Finish the handover' }));
    fireEvent.click(within(review).getByRole('button', { name: 'Remove and renew' }));
    expect(
      await within(review).findByText(
        /Handover finished: “Anna” was removed and the workspace key renewed\..*generation 3/,
        {},
        { timeout: 10_000 },
      ),
    ).toBeTruthy();
    cleanup();
    // Pushed by the panel's sync, or by this one if that one was skipped.
    await sync(client);
    expect(await client.count('outbox')).toBe(0);

    // Bea: the package first, once; then the task list.
    await sync(bea);
    expect((await getConnection(bea))!.currentKeyId).toBe('k3');
    await openPanel(bea, { view: 'list' });
    const welcome = await screen.findByRole('region', { name: 'Welcome to the workspace' }, { timeout: 10_000 });
    expect(within(welcome).getByText('Welcome. This is the handover package your predecessor prepared for you.')).toBeTruthy();
    // The package's view loads with the welcome (issue 14).
    expect(await within(welcome).findByText('Frist im Fall Schulz?', {}, { timeout: 10_000 })).toBeTruthy();
    expect(within(welcome).getByText('shared – change the password')).toBeTruthy();
    fireEvent.click(within(welcome).getByRole('button', { name: 'To the tasks' }));
    expect(await screen.findByRole('button', { name: /^Gutachten Müller/ }, { timeout: 10_000 })).toBeTruthy();
    cleanup();
    await openPanel(bea, { view: 'list' });
    expect(await screen.findByRole('button', { name: /^Gutachten Müller/ }, { timeout: 10_000 })).toBeTruthy();
    expect(screen.queryByText('Welcome. This is the handover package your predecessor prepared for you.')).toBeNull();
    expect(await getRecord(bea, 'task', task.id)).toBeDefined();
    cleanup();
    for (const db of [client, anna, bea]) db.close();
  });
});
