// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { SidePanelApp } from '../../components/side-panel-app';
import { createTask, listRecords, setPanelRoute, type Db } from '../../lib/store';
import { getConnection, setConnection } from '../../lib/sync/connection';
import { generateDeviceKeyPair } from '../../lib/sync/device-keys';
import { fakeEndpoint as fakeV1Endpoint, fakePlatform, freshDb, makeConnection, makeDevice, makeTask } from './helpers';

/** The fake endpoint with protocol v2's key routes: publishing a device key, revoking pending invitations. */
const fakeEndpoint = (routes: Parameters<typeof fakeV1Endpoint>[0] = {}) =>
  fakeV1Endpoint({
    'PUT /v1/devices/me/key': () => ({ status: 204 }),
    'DELETE /v1/invites': () => ({ status: 200, body: { revoked: 1 } }),
    ...routes,
  });
const annaKey = (await generateDeviceKeyPair()).publicKey;

afterEach(cleanup);

const KEY = 'q'.repeat(43);
const INVITATION = `zuarbeit:http://127.0.0.1:8787#invite-code.${KEY}`;

const created = { status: 201, body: { workspaceId: 'ws-1', deviceId: 'dev-me', token: 'token-me', role: 'client' } };

async function openConnection(db: Db, platform = fakePlatform()) {
  await setPanelRoute(db, { view: 'connection' });
  render(<SidePanelApp db={db} platform={platform} />);
  await screen.findByRole('heading', { name: 'Connection' });
  // Loaded: the pairing forms or the workspace.
  await screen.findAllByRole('heading', { level: 2 });
  return platform;
}

const input = (label: string | RegExp) => screen.getByLabelText(label) as HTMLInputElement | HTMLTextAreaElement;

describe('connection: not paired', () => {
  it('creates a workspace: asks for the endpoint in the click, before any request; the key stays here', async () => {
    const db = await freshDb();
    const server = fakeEndpoint({
      'POST /v1/workspaces': () => created,
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [makeDevice()] } }),
    });
    const platform = await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));

    expect(await screen.findByText(/The workspace key is created on this device and never sent to the endpoint\./)).toBeTruthy();
    expect(input('Name of this device').value).toBe('Chrome on Linux');
    const endpoint = input('Endpoint address');
    expect(endpoint.value).toBe('');
    expect(endpoint.getAttribute('placeholder')).toBe('http://127.0.0.1:8787');

    fireEvent.input(input('Name of this device'), { target: { value: 'Kanzlei-Laptop' } });
    fireEvent.input(endpoint, { target: { value: 'http://127.0.0.1:8787/' } });
    const requestsBefore = server.requests.length;
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    // Synchronously in the click (the user gesture), before any request to the endpoint.
    expect(platform.requestEndpointAccess).toHaveBeenCalledWith('http://127.0.0.1:8787');
    expect(server.requests.length).toBe(requestsBefore);

    expect(await screen.findByText('Kanzlei-Laptop', { selector: 'dd' })).toBeTruthy();
    const connection = await getConnection(db);
    expect(connection).toMatchObject({
      endpoint: 'http://127.0.0.1:8787',
      role: 'client',
      deviceName: 'Kanzlei-Laptop',
      workspaceId: 'ws-1',
    });
    // The device's public key goes with the request; its private key and the workspace key stay here.
    expect(server.requests.find((r) => r.path === '/v1/workspaces')?.body).toEqual({
      deviceName: 'Kanzlei-Laptop',
      publicKey: expect.stringMatching(/^B[A-Za-z0-9_-]{86}$/),
    });
    const key = connection!.keys[connection!.currentKeyId];
    expect(JSON.stringify(server.requests)).not.toContain(key);

    // The device list, and a sync right after pairing.
    const devices = await screen.findByRole('region', { name: /Devices/ });
    await waitFor(() => expect(within(devices).getByText('This device')).toBeTruthy());
    expect(within(devices).queryByRole('button', { name: /Remove/ })).toBeNull();
    await waitFor(() => expect(server.requests.some((r) => r.path === '/v1/sync' && r.authorization === 'Bearer token-me')).toBe(true));
    expect(await screen.findByText('Synced just now')).toBeTruthy();
    expect(screen.queryByText(/did not grant/)).toBeNull();
  });

  it('continues when the browser refuses access (or has no permissions API), with a note', async () => {
    for (const refuse of [
      async () => false,
      () => {
        throw new Error('unsupported');
      },
    ] as const) {
      const db = await freshDb();
      const server = fakeEndpoint({
        'POST /v1/workspaces': () => created,
        'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [] } }),
      });
      await openConnection(db, fakePlatform({ endpointFetch: server.fetch, requestEndpointAccess: vi.fn(refuse) }));
      fireEvent.input(input('Endpoint address'), { target: { value: 'sync.kanzlei.de' } });
      fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
      expect(await screen.findByText(/The browser did not grant Zuarbeit access to https:\/\/sync\.kanzlei\.de\./)).toBeTruthy();
      await waitFor(async () => expect((await getConnection(db))?.endpoint).toBe('https://sync.kanzlei.de'));
      cleanup();
    }
  });

  it('checks the form before asking anything of the browser or the endpoint', async () => {
    const db = await freshDb();
    const platform = await openConnection(db);
    const create = screen.getByRole('button', { name: 'Create workspace' });

    fireEvent.click(create);
    expect((await screen.findByRole('alert')).textContent).toContain('Enter the address of your endpoint.');
    fireEvent.input(input('Endpoint address'), { target: { value: 'ftp://files.example.org' } });
    fireEvent.click(create);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('“ftp://files.example.org” is not a web address.'));
    fireEvent.input(input('Endpoint address'), { target: { value: 'https://sync.example.org' } });
    fireEvent.input(input('Name of this device'), { target: { value: '   ' } });
    fireEvent.click(create);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('Enter a name for this device.'));

    expect(platform.requestEndpointAccess).not.toHaveBeenCalled();
    expect(platform.endpointFetch).not.toHaveBeenCalled();
  });

  it('says what to do when the endpoint cannot be reached, keeping what was typed', async () => {
    const db = await freshDb();
    await openConnection(
      db,
      fakePlatform({ endpointFetch: vi.fn<typeof fetch>(async () => Promise.reject(new TypeError('Failed to fetch'))) }),
    );
    fireEvent.input(input('Endpoint address'), { target: { value: 'http://127.0.0.1:9' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Cannot reach the endpoint. Check the address and your connection.');
    expect(input('Endpoint address').value).toBe('http://127.0.0.1:9');
    expect(await getConnection(db)).toBeNull();
    expect((screen.getByRole('button', { name: 'Create workspace' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks for the sign-up code when the endpoint requires one, and sends it', async () => {
    const db = await freshDb();
    const server = fakeEndpoint({
      'POST /v1/workspaces': ({ body }) =>
        (body as { signupSecret?: string }).signupSecret === 'geheim'
          ? created
          : { status: 403, body: { error: { code: 'signup-secret-required', message: 'needs the secret' } } },
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [] } }),
    });
    await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    fireEvent.input(input('Endpoint address'), { target: { value: 'https://sync.example.org' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect((await screen.findByRole('alert')).textContent).toContain('only with its sign-up code');

    fireEvent.input(input(/Sign-up code/), { target: { value: 'geheim' } });
    fireEvent.click(screen.getByRole('button', { name: 'Create workspace' }));
    await waitFor(async () => expect((await getConnection(db))?.role).toBe('client'));
  });

  it('joins with an invitation: refuses what is none, explains a used one, joins a valid one as assistant', async () => {
    const db = await freshDb();
    let used = true;
    const server = fakeEndpoint({
      'POST /v1/join': () =>
        used
          ? { status: 410, body: { error: { code: 'invite-used', message: 'used' } } }
          : { status: 201, body: { workspaceId: 'ws-1', deviceId: 'dev-assistant', token: 'token-a', role: 'assistant' } },
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [] } }),
    });
    const platform = await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    const join = screen.getByRole('button', { name: 'Join workspace' });

    fireEvent.input(input('Invitation'), { target: { value: 'https://example.org/not-an-invitation' } });
    fireEvent.click(join);
    expect((await screen.findByRole('alert')).textContent).toContain('This is not a Zuarbeit invitation.');
    expect(server.fetch).not.toHaveBeenCalled();

    fireEvent.input(input('Invitation'), { target: { value: `  ${INVITATION}\n` } });
    fireEvent.click(join);
    expect(platform.requestEndpointAccess).toHaveBeenLastCalledWith('http://127.0.0.1:8787');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('This invitation was already used'));
    // The secret part after "#" is never sent.
    expect(JSON.stringify(server.requests)).not.toContain(KEY);
    expect(server.requests.find((r) => r.path === '/v1/join')?.body).toEqual({
      code: 'invite-code',
      deviceName: 'Chrome on Linux',
      publicKey: expect.stringMatching(/^B/),
    });

    used = false;
    fireEvent.click(join);
    expect(await screen.findByText('Assistant', { selector: 'dd' })).toBeTruthy();
    expect(await getConnection(db)).toMatchObject({ role: 'assistant', keys: { k1: KEY }, endpoint: 'http://127.0.0.1:8787' });
    // An assistant invites nobody.
    expect(screen.queryByRole('button', { name: 'Invite assistant' })).toBeNull();
  });
});

describe('connection: paired', () => {
  const devices = () => [
    makeDevice(),
    makeDevice({
      id: 'dev-anna',
      name: 'Anna (Assistenz)',
      role: 'assistant',
      publicKey: annaKey,
      keyProof: null,
      lastSeenAt: new Date(Date.now() - 3 * 3_600_000).toISOString(),
    }),
    makeDevice({ id: 'dev-old', name: 'Alter Laptop', role: 'assistant', revokedAt: '2026-11-21T09:00:00.000Z' }),
  ];

  it('invites the assistant: the string read-only, copy, expiry and a warning', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    const server = fakeEndpoint({
      'POST /v1/invites': () => ({ status: 201, body: { code: 'c0de', expiresAt: '2026-12-04T10:00:00.000Z' } }),
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: devices() } }),
    });
    const platform = await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));

    fireEvent.click(await screen.findByRole('button', { name: 'Invite assistant' }));
    // Generating the device key and publishing it come first: give a loaded machine time.
    const field = (await screen.findByLabelText('Invitation for your assistant', {}, { timeout: 5000 })) as HTMLTextAreaElement;
    expect(field.readOnly).toBe(true);
    // Invitation v2: code, key, generation, the invitation's secret, and which device (and key) invited.
    expect(field.value).toMatch(
      new RegExp(
        `^zuarbeit:http://127\\.0\\.0\\.1:8787#2\\.c0de\\.${'A'.repeat(43)}\\.k1\\.[A-Za-z0-9_-]{22}\\.dev-me\\.[A-Za-z0-9_-]{22}$`,
      ),
    );
    // The key was published before inviting: the invitation names it.
    expect(server.requests.some((r) => r.method === 'PUT' && r.path === '/v1/devices/me/key')).toBe(true);
    expect(server.requests.find((r) => r.path === '/v1/invites')).toMatchObject({
      body: { role: 'assistant' },
      authorization: 'Bearer token-me',
    });
    expect(screen.getByText(/^Valid once, until .*2026/)).toBeTruthy();
    expect(screen.getByText(/Anyone who has this text can join your workspace/)).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    expect(platform.copyText).toHaveBeenCalledWith(field.value);
    expect(await screen.findByText('Copied')).toBeTruthy();
  });

  it('lists the devices and removes another one after confirmation', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    let list = devices();
    const server = fakeEndpoint({
      'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: list } }),
      'DELETE /v1/devices/': ({ path }) => {
        list = list.map((d) => (path.endsWith(d.id) ? { ...d, revokedAt: new Date().toISOString() } : d));
        return { status: 204 };
      },
    });
    await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    const region = await screen.findByRole('region', { name: /Devices/ });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(3));
    const [me, anna, old] = within(region).getAllByRole('listitem');
    expect(me.textContent).toContain('This device');
    expect(within(me).queryByRole('button')).toBeNull();
    expect(anna.textContent).toMatch(/Anna \(Assistenz\).*Assistant.*Last seen 3 hours ago/);
    expect(old.textContent).toMatch(/Removed/);
    expect(within(old).queryByRole('button')).toBeNull();

    // Her fingerprint, not confirmed: compare once, then confirm.
    expect(anna.textContent).toMatch(/Key fingerprint: \d{5}( \d{5}){5}/);
    expect(within(anna).getByText('Not confirmed')).toBeTruthy();
    expect(within(anna).getByText(/Compare this code once .* by phone or chat/)).toBeTruthy();
    fireEvent.click(within(anna).getByRole('button', { name: 'Confirm the fingerprint of “Anna (Assistenz)”' }));
    fireEvent.click(within(anna).getByRole('button', { name: 'Yes, it matches' }));
    await waitFor(() => expect(within(within(region).getAllByRole('listitem')[1]).getByText('Confirmed')).toBeTruthy());

    // Removing her renews the key right there (on by default), with the promise said beside it.
    expect(screen.getByText(/What a removed device already received, it keeps\. Nothing written after the key is renewed/)).toBeTruthy();
    expect((screen.getByLabelText('Renew the workspace key as well (recommended)') as HTMLInputElement).checked).toBe(true);
    const annaNow = within(region).getAllByRole('listitem')[1];
    fireEvent.click(within(annaNow).getByRole('button', { name: 'Remove “Anna (Assistenz)”' }));
    expect(within(annaNow).getByText(/Remove “Anna \(Assistenz\)” from the workspace\?/)).toBeTruthy();
    fireEvent.click(within(annaNow).getByRole('button', { name: 'Remove' }));
    await waitFor(() => expect(server.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/devices/dev-anna')).toBe(true));
    expect(await screen.findByText(/The workspace key was renewed \(generation 2\) for 1 device\(s\)\./)).toBeTruthy();
    expect(server.requests.some((r) => r.method === 'DELETE' && r.path === '/v1/invites')).toBe(true);
    expect(server.requests.find((r) => r.path === '/v1/sync' && (r.body as { messages: unknown[] }).messages.length === 1)).toBeTruthy();
    expect(await getConnection(db)).toMatchObject({ currentKeyId: 'k2' });
    await waitFor(() => expect(within(region).queryAllByRole('button', { name: /Remove/ })).toHaveLength(0));
  });

  it('explains a refused removal', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection());
    const server = fakeEndpoint({
      'GET /v1/workspace': () => ({
        status: 200,
        body: { workspaceId: 'ws-1', devices: [makeDevice(), makeDevice({ id: 'dev-2', name: 'Handy' })] },
      }),
      'DELETE /v1/devices/': () => ({ status: 409, body: { error: { code: 'last-client', message: 'last' } } }),
    });
    await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    fireEvent.click(await screen.findByRole('button', { name: 'Remove “Handy”' }));
    fireEvent.click(screen.getByRole('button', { name: 'Remove' }));
    expect((await screen.findByRole('alert')).textContent).toContain('The last client device cannot be removed.');
  });

  it('an assistant sees the devices but can neither invite nor remove', async () => {
    const db = await freshDb();
    await setConnection(db, makeConnection({ role: 'assistant', deviceId: 'dev-anna' }));
    const server = fakeEndpoint({ 'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: devices() } }) });
    await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    const region = await screen.findByRole('region', { name: /Devices/ });
    await waitFor(() => expect(within(region).getAllByRole('listitem')).toHaveLength(3));
    expect(within(region).queryByRole('button', { name: /Remove/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Invite assistant' })).toBeNull();
    // Only a client renews the key; an assistant confirms no other assistant.
    expect(screen.queryByRole('button', { name: 'Renew the workspace key' })).toBeNull();
    expect(within(region).queryByRole('button', { name: /Confirm the fingerprint/ })).toBeNull();
  });

  it('opening the view retries at once despite our own backoff, but waits out a pause the endpoint asked for', async () => {
    const state = (reason: string) => ({
      lastSuccessAt: null,
      lastAttemptAt: null,
      attempt: 3,
      nextRetryAt: '2099-01-01T00:00:00.000Z',
      error: { reason, message: '' },
      clockOffsetMs: null,
      quarantined: 0,
    });
    const server = fakeEndpoint({ 'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [makeDevice()] } }) });

    const limited = await freshDb();
    await setConnection(limited, makeConnection());
    await limited.put('meta', state('rate-limited'), 'syncState');
    await openConnection(limited, fakePlatform({ endpointFetch: server.fetch }));
    expect(await screen.findByText(/The endpoint is busy/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Sync now' }));
    await new Promise((r) => setTimeout(r, 50));
    expect(server.requests.some((r) => r.path === '/v1/sync')).toBe(false);
    cleanup();

    const failed = await freshDb();
    await setConnection(failed, makeConnection());
    await failed.put('meta', state('server-error'), 'syncState');
    await openConnection(failed, fakePlatform({ endpointFetch: server.fetch }));
    expect(await screen.findByText('Synced just now')).toBeTruthy();
    expect(server.requests.some((r) => r.path === '/v1/sync')).toBe(true);
  });

  it('disconnects after confirmation; the tasks stay', async () => {
    const db = await freshDb();
    await createTask(db, makeTask({ title: 'Bleibt hier' }));
    await setConnection(db, makeConnection());
    const server = fakeEndpoint({ 'GET /v1/workspace': () => ({ status: 200, body: { workspaceId: 'ws-1', devices: [makeDevice()] } }) });
    await openConnection(db, fakePlatform({ endpointFetch: server.fetch }));
    fireEvent.click(await screen.findByRole('button', { name: 'Disconnect this device' }));
    expect(screen.getByText(/the workspace key is deleted from this device/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Disconnect' }));
    expect(await screen.findByRole('button', { name: 'Create workspace' })).toBeTruthy();
    expect(await getConnection(db)).toBeNull();
    expect((await listRecords(db, 'task')).records.map((t) => t.title)).toEqual(['Bleibt hier']);
  });
});
