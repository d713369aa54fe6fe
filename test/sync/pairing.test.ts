// Device keys at pairing against the real endpoint (SQLite): every device publishes a key, the
// client trusts the device that joined with its invitation (join proof), the assistant trusts the
// inviter named by the invitation, and nothing is trusted only because the endpoint lists a key.
import { beforeEach, describe, expect, it } from 'vitest';
import { type Db } from '../../lib/store';
import { getDeviceKey } from '../../lib/store/device-keys';
import { getInviteSecrets, getTrustedDevices } from '../../lib/store/trust';
import { formatInvitation, parseInvitation, setConnection } from '../../lib/sync/connection';
import { generateDeviceKeyPair } from '../../lib/sync/device-keys';
import { SyncClient } from '../../lib/sync/client';
import { confirmDevice, createInvitation, createWorkspace, ensureDeviceKey, joinWorkspace, listDevices } from '../../lib/sync/pairing';
import { useSqliteEndpoint } from '../support/sqlite-endpoint';

const endpoint = useSqliteEndpoint();
let client: Db;
let assistant: Db;
beforeEach(async () => {
  client = await endpoint.open('client');
  assistant = await endpoint.open('assistant');
});

const trustOf = async (db: Db) => Object.fromEntries((await getTrustedDevices(db)).map((t) => [t.deviceId, t.basis]));

/** A fetch that hands every device listed by GET /v1/workspace through `edit`. */
function editingListing(edit: (device: Record<string, unknown>) => Record<string, unknown>): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init);
    if (!String(input).endsWith('/v1/workspace') || init?.method !== 'GET') return response;
    const body = (await response.json()) as { devices: Record<string, unknown>[] };
    return new Response(JSON.stringify({ ...body, devices: body.devices.map(edit) }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    });
  };
}

describe('device keys at pairing', () => {
  it('create, invite (v2), join: both keys published, each side trusts the other, fingerprints as six groups of five digits', async () => {
    const owner = await createWorkspace(client, endpoint.origin, 'Kanzlei');
    const { invitation } = await createInvitation(client);
    expect(parseInvitation(invitation)).toMatchObject({ version: 2, inviterDeviceId: owner.deviceId, keyId: 'k1' });
    expect(await getInviteSecrets(client)).toHaveLength(1);

    const joined = await joinWorkspace(assistant, invitation, 'Anna');
    expect(await getDeviceKey(assistant)).toMatchObject({ published: true });
    expect(await trustOf(assistant)).toEqual({ [joined.deviceId]: 'self', [owner.deviceId]: 'inviter' });

    const devices = await listDevices(client);
    expect(await trustOf(client)).toEqual({ [owner.deviceId]: 'self', [joined.deviceId]: 'invited' });
    // The secret served its device; it verifies no other.
    expect(await getInviteSecrets(client)).toEqual([]);
    for (const device of devices) {
      expect(device.fingerprint).toMatch(/^\d{5}( \d{5}){5}$/);
      expect(device.trust).toMatchObject({ state: 'trusted' });
    }
    // Both sides compute the same fingerprint for the same device: that is what people compare.
    const seenByAssistant = await listDevices(assistant);
    expect(seenByAssistant.map((d) => [d.id, d.fingerprint]).sort()).toEqual(devices.map((d) => [d.id, d.fingerprint]).sort());
  });

  it('a v1 invitation gives no proof: the joined device stays not confirmed until the client confirms its fingerprint', async () => {
    await createWorkspace(client, endpoint.origin, 'Kanzlei');
    const v2 = parseInvitation((await createInvitation(client)).invitation)!;
    const v1 = `zuarbeit:${v2.endpoint}#${v2.code}.${v2.key}`;
    const joined = await joinWorkspace(assistant, v1, 'Anna');
    expect(await getDeviceKey(assistant)).toMatchObject({ published: true });
    // No inviter named: the assistant trusts only itself.
    expect(Object.keys(await trustOf(assistant))).toEqual([joined.deviceId]);

    const listed = (await listDevices(client)).find((d) => d.id === joined.deviceId)!;
    expect(listed.trust).toEqual({ state: 'unconfirmed' });
    await confirmDevice(client, listed);
    expect((await listDevices(client)).find((d) => d.id === joined.deviceId)!.trust).toEqual({ state: 'trusted', basis: 'confirmed' });
  });

  it('a key the endpoint substitutes is never trusted: another key for a trusted device is "key-changed", a proof under another secret "unconfirmed"', async () => {
    await createWorkspace(client, endpoint.origin, 'Kanzlei');
    const joined = await joinWorkspace(assistant, (await createInvitation(client)).invitation, 'Anna');
    await listDevices(client);
    const stranger = await generateDeviceKeyPair();
    const substituted = await listDevices(client, {
      fetch: editingListing((d) => (d.id === joined.deviceId ? { ...d, publicKey: stranger.publicKey } : d)),
    });
    expect(substituted.find((d) => d.id === joined.deviceId)!.trust).toEqual({ state: 'key-changed' });

    // A second assistant joins; the endpoint swaps her key for one whose proof it cannot make.
    const second = await endpoint.open('second');
    const other = await joinWorkspace(second, (await createInvitation(client)).invitation, 'Bea');
    const swapped = await listDevices(client, {
      fetch: editingListing((d) => (d.id === other.deviceId ? { ...d, publicKey: stranger.publicKey } : d)),
    });
    expect(swapped.find((d) => d.id === other.deviceId)!.trust).toEqual({ state: 'unconfirmed' });
    // The secret is kept: the true key still verifies.
    expect((await listDevices(client)).find((d) => d.id === other.deviceId)!.trust).toEqual({ state: 'trusted', basis: 'invited' });
  });

  it('an assistant does not trust an inviter whose listed key does not match the invitation', async () => {
    const owner = await createWorkspace(client, endpoint.origin, 'Kanzlei');
    const genuine = parseInvitation((await createInvitation(client)).invitation);
    if (genuine?.version !== 2) throw new Error('expected v2');
    const forged = formatInvitation({ ...genuine, inviterKeyHash: 'A'.repeat(22) });
    await joinWorkspace(assistant, forged, 'Anna');
    expect(Object.keys(await trustOf(assistant))).not.toContain(owner.deviceId);
  });

  it('a device paired under v1 makes and publishes its key (ensureDeviceKey); a lost key is refused as key-exists', async () => {
    await createWorkspace(client, endpoint.origin, 'Kanzlei');
    const invitation = parseInvitation((await createInvitation(client)).invitation)!;
    // Paired the v1 way: joined without a key, no key pair stored.
    const credentials = await new SyncClient({ endpoint: invitation.endpoint }).join({ code: invitation.code, deviceName: 'Alt' });
    const connection = {
      endpoint: invitation.endpoint,
      workspaceId: credentials.workspaceId,
      deviceId: credentials.deviceId,
      deviceName: 'Alt',
      token: credentials.token,
      role: credentials.role,
      keys: { k1: invitation.key },
      currentKeyId: 'k1',
      joinedAt: new Date().toISOString(),
    };
    await setConnection(assistant, connection);
    const http = new SyncClient({ endpoint: connection.endpoint, token: connection.token });
    expect((await listDevices(client)).find((d) => d.id === connection.deviceId)!.trust).toEqual({ state: 'no-key' });

    const publicKey = await ensureDeviceKey(assistant, http, connection);
    expect(await getDeviceKey(assistant)).toMatchObject({ publicKey, published: true });
    expect((await trustOf(assistant))[connection.deviceId]).toBe('self');
    const listed = (await listDevices(client)).find((d) => d.id === connection.deviceId)!;
    expect(listed).toMatchObject({ publicKey, trust: { state: 'unconfirmed' } });

    // A device that lost its key pair cannot replace the published key: it must join again.
    await assistant.delete('meta', 'deviceKey');
    await expect(ensureDeviceKey(assistant, http, connection)).rejects.toMatchObject({ status: 409, code: 'key-exists' });
    expect(await getDeviceKey(assistant)).toMatchObject({ published: false });
  });
});
