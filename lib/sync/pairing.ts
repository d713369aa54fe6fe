/**
 * Creating a workspace, inviting, joining and revoking: what the Connection page does. Every device
 * makes its key pair when it creates or joins (docs/protocol.md, "Device keys and fingerprints"),
 * and decides here whom it trusts: itself, the inviter its invitation names, the devices whose join
 * proof matches an invitation made here, and those whose fingerprint was confirmed on this device.
 */
import type { Device, Role } from '../protocol';
import { publishLocalState } from '../store/changes';
import type { Db } from '../store/db';
import { getDeviceKey, markDeviceKeyPublished, setDeviceKey } from '../store/device-keys';
import { setKnownDevices } from '../store/devices';
import { addInviteSecret, dropInviteSecrets, getInviteSecrets, getTrustedDevices, trustDevice, type TrustBasis } from '../store/trust';
import { SyncClient, SyncError } from './client';
import {
  encodeKey,
  formatInvitation,
  getConnection,
  normaliseEndpoint,
  parseInvitation,
  setConnection,
  type Connection,
} from './connection';
import { generateWorkspaceKey } from './crypto';
import {
  fingerprint,
  generateDeviceKeyPair,
  generateInviteSecret,
  importPublicKey,
  inviterKeyHash,
  joinProof,
  verifyJoinProof,
} from './device-keys';

export interface PairingOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

/** The endpoint's HTTP client, speaking as this device when `token` is given. */
function endpointClient(endpoint: string, options: PairingOptions, token?: string): SyncClient {
  return new SyncClient({ endpoint, token, fetch: options.fetch });
}

/** The stored connection and a client speaking as this device; throws `not-paired` without one. */
export async function connectedClient(db: Db, options: PairingOptions): Promise<{ connection: Connection; client: SyncClient }> {
  const connection = await getConnection(db);
  if (!connection) throw new SyncError('not-paired', 'This device is not connected to a workspace');
  return { connection, client: endpointClient(connection.endpoint, options, connection.token) };
}

const nowIso = (options: PairingOptions) => (options.now?.() ?? new Date()).toISOString();

/** Creates a workspace on `endpoint`; this device becomes its client and keeps the new key. */
export async function createWorkspace(
  db: Db,
  endpointInput: string,
  deviceName: string,
  signupSecret?: string,
  options: PairingOptions = {},
): Promise<Connection> {
  const endpoint = normaliseEndpoint(endpointInput);
  const pair = await generateDeviceKeyPair();
  const credentials = await endpointClient(endpoint, options).createWorkspace({
    deviceName,
    publicKey: pair.publicKey,
    ...(signupSecret ? { signupSecret } : {}),
  });
  const connection: Connection = {
    endpoint,
    workspaceId: credentials.workspaceId,
    deviceId: credentials.deviceId,
    deviceName,
    token: credentials.token,
    role: 'client',
    keys: { k1: encodeKey(generateWorkspaceKey()) },
    currentKeyId: 'k1',
    joinedAt: nowIso(options),
  };
  await setDeviceKey(db, { ...pair, published: true });
  await trustDevice(db, { deviceId: connection.deviceId, publicKey: pair.publicKey, basis: 'self', trustedAt: connection.joinedAt });
  await setConnection(db, connection);
  await publishLocalState(db, 'client');
  return connection;
}

/**
 * Creates a v2 invitation string for `role`: the workspace key and the invitation's secret travel
 * after `#`, never to the server; the secret stays here too, to recognise the device that joins with it.
 */
export async function createInvitation(
  db: Db,
  role: Role = 'assistant',
  ttlHours?: number,
  options: PairingOptions = {},
): Promise<{ invitation: string; expiresAt: string }> {
  const { connection, client } = await connectedClient(db, options);
  const ownKey = await ensureDeviceKey(db, client, connection);
  const { code, expiresAt } = await client.invite({ role, ...(ttlHours ? { ttlHours } : {}) });
  const inviteSecret = generateInviteSecret();
  await addInviteSecret(db, { secret: inviteSecret, createdAt: nowIso(options) });
  const invitation = formatInvitation({
    endpoint: connection.endpoint,
    code,
    keyId: connection.currentKeyId,
    key: connection.keys[connection.currentKeyId],
    inviteSecret,
    inviterDeviceId: connection.deviceId,
    inviterKeyHash: await inviterKeyHash(ownKey),
  });
  return { invitation, expiresAt };
}

/**
 * Joins the workspace of a pasted invitation (v2 or v1). With a v2 invitation this device proves
 * it holds the invitation's secret and trusts the inviting client device if the key the endpoint
 * lists for it matches the hash the invitation carries.
 */
export async function joinWorkspace(db: Db, invitationText: string, deviceName: string, options: PairingOptions = {}): Promise<Connection> {
  const invitation = parseInvitation(invitationText);
  if (!invitation) throw new SyncError('invite-invalid', 'This is not a Zuarbeit invitation');
  const pair = await generateDeviceKeyPair();
  const credentials = await endpointClient(invitation.endpoint, options).join({
    code: invitation.code,
    deviceName,
    publicKey: pair.publicKey,
  });
  const connection: Connection = {
    endpoint: invitation.endpoint,
    workspaceId: credentials.workspaceId,
    deviceId: credentials.deviceId,
    deviceName,
    token: credentials.token,
    role: credentials.role,
    keys: { [invitation.keyId]: invitation.key },
    currentKeyId: invitation.keyId,
    joinedAt: nowIso(options),
  };
  const keyProof =
    invitation.version === 2
      ? await joinProof(invitation.inviteSecret, connection.workspaceId, connection.deviceId, pair.publicKey)
      : undefined;
  // The key went with the join; without a proof to add it is published already.
  await setDeviceKey(db, { ...pair, published: keyProof === undefined, ...(keyProof ? { keyProof } : {}) });
  await trustDevice(db, { deviceId: connection.deviceId, publicKey: pair.publicKey, basis: 'self', trustedAt: connection.joinedAt });
  await setConnection(db, connection);
  await publishLocalState(db, connection.role);
  const client = endpointClient(connection.endpoint, options, connection.token);
  // Joined is joined: the proof and the inviter's key are retried when the Connection page opens or the next sync runs.
  try {
    await ensureDeviceKey(db, client, connection);
    if (invitation.version === 2) await trustInviter(db, client, connection, invitation.inviterDeviceId, invitation.inviterKeyHash);
  } catch (error) {
    if (!(error instanceof SyncError)) throw error;
  }
  return connection;
}

/** Trusts the client device an invitation names when the key the endpoint lists for it has the invitation's hash. */
async function trustInviter(db: Db, client: SyncClient, connection: Connection, inviterDeviceId: string, keyHash: string): Promise<void> {
  const { devices } = await client.workspace();
  await setKnownDevices(db, devices);
  const inviter = devices.find((d) => d.id === inviterDeviceId && d.role === 'client' && d.revokedAt === null);
  if (!inviter?.publicKey || !(await hasValidKey(inviter.publicKey)) || (await inviterKeyHash(inviter.publicKey)) !== keyHash) return;
  await trustDevice(db, { deviceId: inviter.id, publicKey: inviter.publicKey, basis: 'inviter', trustedAt: new Date().toISOString() });
}

/**
 * Makes sure this device has a key pair and the endpoint holds its public key (with the join proof,
 * if one waits): devices paired under v1 make theirs here. Returns the public key. Throws SyncError.
 */
export async function ensureDeviceKey(db: Db, client: SyncClient, connection: Connection): Promise<string> {
  let key = await getDeviceKey(db);
  if (!key) {
    key = { ...(await generateDeviceKeyPair()), published: false };
    await setDeviceKey(db, key);
    await trustDevice(db, { deviceId: connection.deviceId, publicKey: key.publicKey, basis: 'self', trustedAt: new Date().toISOString() });
  }
  if (!key.published) {
    await client.putDeviceKey({ publicKey: key.publicKey, ...(key.keyProof ? { keyProof: key.keyProof } : {}) });
    await markDeviceKeyPublished(db);
  }
  return key.publicKey;
}

/**
 * Why this device trusts a device's listed key, or why not: `no-key` it has published none;
 * `unconfirmed` nobody confirmed it here; `key-changed` the endpoint now lists another key than
 * the one trusted (never trusted by that alone); `invalid-key` not a P-256 point.
 */
export type DeviceTrust = { state: 'trusted'; basis: TrustBasis } | { state: 'no-key' | 'unconfirmed' | 'key-changed' | 'invalid-key' };

/** A listed device with its fingerprint (six groups of five digits) and whether this device trusts its key. */
export interface ListedDevice extends Device {
  fingerprint: string | null;
  trust: DeviceTrust;
}

/**
 * The workspace's devices (for the Connection page), each with its fingerprint and trust. On a
 * client device, a device whose join proof matches an invitation made here becomes trusted.
 */
export async function listDevices(db: Db, options: PairingOptions = {}): Promise<ListedDevice[]> {
  const { connection, client } = await connectedClient(db, options);
  return listDevicesWith(db, client, connection);
}

/** listDevices with a client at hand (rotation asks the same question before wrapping). */
export async function listDevicesWith(db: Db, client: SyncClient, connection: Connection): Promise<ListedDevice[]> {
  await ensureDeviceKey(db, client, connection);
  const { devices } = await client.workspace();
  await setKnownDevices(db, devices);
  if (connection.role === 'client') await trustJoinProofs(db, connection, devices);
  const trusted = await getTrustedDevices(db);
  return Promise.all(
    devices.map(async (device): Promise<ListedDevice> => {
      if (!device.publicKey) return { ...device, fingerprint: null, trust: { state: 'no-key' } };
      if (!(await hasValidKey(device.publicKey))) return { ...device, fingerprint: null, trust: { state: 'invalid-key' } };
      const print = await fingerprint(connection.workspaceId, device.id, device.publicKey);
      const entry = trusted.find((t) => t.deviceId === device.id);
      const trust: DeviceTrust = !entry
        ? { state: 'unconfirmed' }
        : entry.publicKey === device.publicKey
          ? { state: 'trusted', basis: entry.basis }
          : { state: 'key-changed' };
      return { ...device, fingerprint: print, trust };
    }),
  );
}

/** Trusts every not yet trusted device whose join proof verifies against an invitation secret kept here; each secret serves one device. */
async function trustJoinProofs(db: Db, connection: Connection, devices: readonly Device[]): Promise<void> {
  const secrets = await getInviteSecrets(db);
  if (secrets.length === 0) return;
  const trusted = new Set((await getTrustedDevices(db)).map((t) => t.deviceId));
  const used: string[] = [];
  for (const device of devices) {
    if (
      trusted.has(device.id) ||
      device.revokedAt !== null ||
      !device.publicKey ||
      !device.keyProof ||
      !(await hasValidKey(device.publicKey))
    )
      continue;
    for (const { secret } of secrets) {
      if (used.includes(secret) || !(await verifyJoinProof(secret, connection.workspaceId, device.id, device.publicKey, device.keyProof)))
        continue;
      await trustDevice(db, { deviceId: device.id, publicKey: device.publicKey, basis: 'invited', trustedAt: new Date().toISOString() });
      used.push(secret);
      break;
    }
  }
  if (used.length > 0) await dropInviteSecrets(db, used);
}

/** Confirms on this device that `device`'s fingerprint was compared: its listed key is trusted from now on. */
export async function confirmDevice(db: Db, device: Pick<Device, 'id' | 'publicKey'>): Promise<void> {
  if (!device.publicKey || !(await hasValidKey(device.publicKey)))
    throw new SyncError('bad-request', 'This device has published no valid key to confirm');
  await trustDevice(db, { deviceId: device.id, publicKey: device.publicKey, basis: 'confirmed', trustedAt: new Date().toISOString() });
}

async function hasValidKey(publicKey: string): Promise<boolean> {
  try {
    await importPublicKey(publicKey);
    return true;
  } catch {
    return false;
  }
}

/** Removes a device from the workspace (client devices only). */
export async function revokeDevice(db: Db, deviceId: string, options: PairingOptions = {}): Promise<void> {
  const { client } = await connectedClient(db, options);
  await client.revoke(deviceId);
}
