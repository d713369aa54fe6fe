// @vitest-environment happy-dom
// Issue 15 (got in the way 5): a used invitation leaves the client's page; used, expired and unknown ones are told apart.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { getKnownDevices, setKnownDevices, setPanelRoute } from '../../lib/store';
import { SyncError } from '../../lib/sync/client';
import { setConnection } from '../../lib/sync/connection';
import { pairingErrorMessage } from '../../lib/ui/failure-sentences';
import { fakeEndpoint, fakePlatform, freshDb, makeConnection, makeDevice } from './helpers';

afterEach(cleanup);

describe('a refused invitation', () => {
  const refused = (code?: string) => pairingErrorMessage('join', new SyncError('invite-invalid', 'refused', undefined, 410, code));

  it('says whether it was used, expired or unknown', () => {
    expect(refused('invite-used')).toBe('This invitation was already used: each one works once. Ask your client for a new one.');
    expect(refused('invite-expired')).toBe('This invitation has expired. Ask your client for a new one.');
    expect(refused('invite-not-found')).toMatch(/^The endpoint does not know this invitation/);
    expect(refused()).toBe('This invitation is invalid, expired or already used. Ask for a new one.');
    expect(new Set([refused('invite-used'), refused('invite-expired'), refused('invite-not-found')]).size).toBe(3);
  });
});

describe('a used invitation', () => {
  it('leaves the client’s page once the assistant’s device has joined', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    const server = fakeEndpoint({
      'PUT /v1/devices/me/key': () => ({ status: 204 }),
      'POST /v1/invites': () => ({ status: 201, body: { code: 'c0de', expiresAt: '2026-12-04T10:00:00.000Z' } }),
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [makeDevice()] } }),
    });
    await setPanelRoute(db, { view: 'connection' });
    render(<SidePanelApp db={db} platform={fakePlatform({ endpointFetch: server.fetch })} />);

    // The connection page is a lazy route: its first import is transformed on demand, over a second under load.
    const invite = (await screen.findByRole('button', { name: 'Invite assistant' }, { timeout: 5_000 })) as HTMLButtonElement;
    await waitFor(() => expect(invite.disabled).toBe(false));
    fireEvent.click(invite);
    expect(await screen.findByLabelText('Invitation for your assistant')).toBeTruthy();

    // The assistant joined: sync learns of her device.
    await setKnownDevices(db, [...(await getKnownDevices(db)), { id: 'dev-anna', name: 'Anna', role: 'assistant' }]);
    expect(
      await screen.findByText('“Anna” joined with this invitation; it can no longer be used. Create a new one for another device.'),
    ).toBeTruthy();
    expect(screen.queryByLabelText('Invitation for your assistant')).toBeNull();
  });
});
