/**
 * Creating a workspace, inviting, joining and revoking: what the Connection page does.
 */
import type { Device, Role } from '../protocol';
import { publishLocalState } from '../store/changes';
import type { Db } from '../store/db';
import { setKnownDevices } from '../store/devices';
import { SyncClient, SyncError } from './client';
import { getConnection, normaliseEndpoint, parseInvitation, setConnection, formatInvitation, encodeKey, type Connection } from './connection';
import { generateWorkspaceKey } from './crypto';

export interface PairingOptions {
  fetch?: typeof fetch;
  now?: () => Date;
}

/** The endpoint's HTTP client, speaking as this device when `token` is given. */
function endpointClient(endpoint: string, options: PairingOptions, token?: string): SyncClient {
  return new SyncClient({ endpoint, token, fetch: options.fetch });
}

/** The stored connection and a client speaking as this device; throws `not-paired` without one. */
async function connectedClient(db: Db, options: PairingOptions): Promise<{ connection: Connection; client: SyncClient }> {
  const connection = await getConnection(db);
  if (!connection) throw new SyncError('not-paired', 'This device is not connected to a workspace');
  return { connection, client: endpointClient(connection.endpoint, options, connection.token) };
}

/** Creates a workspace on `endpoint`; this device becomes its client and keeps the new key. */
export async function createWorkspace(db: Db, endpointInput: string, deviceName: string, signupSecret?: string, options: PairingOptions = {}): Promise<Connection> {
  const endpoint = normaliseEndpoint(endpointInput);
  const credentials = await endpointClient(endpoint, options).createWorkspace({ deviceName, ...(signupSecret ? { signupSecret } : {}) });
  const connection: Connection = {
    endpoint,
    workspaceId: credentials.workspaceId,
    deviceId: credentials.deviceId,
    deviceName,
    token: credentials.token,
    role: 'client',
    keys: { k1: encodeKey(generateWorkspaceKey()) },
    currentKeyId: 'k1',
    joinedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  await setConnection(db, connection);
  await publishLocalState(db, 'client');
  return connection;
}

/** Creates an invitation string for `role` (the key travels after `#`, never to the server). */
export async function createInvitation(db: Db, role: Role = 'assistant', ttlHours?: number, options: PairingOptions = {}): Promise<{ invitation: string; expiresAt: string }> {
  const { connection, client } = await connectedClient(db, options);
  const { code, expiresAt } = await client.invite({ role, ...(ttlHours ? { ttlHours } : {}) });
  const invitation = formatInvitation({ endpoint: connection.endpoint, code, keyId: connection.currentKeyId, key: connection.keys[connection.currentKeyId] });
  return { invitation, expiresAt };
}

/** Joins the workspace of a pasted invitation string. */
export async function joinWorkspace(db: Db, invitationText: string, deviceName: string, options: PairingOptions = {}): Promise<Connection> {
  const invitation = parseInvitation(invitationText);
  if (!invitation) throw new SyncError('invite-invalid', 'This is not a Zuarbeit invitation');
  const credentials = await endpointClient(invitation.endpoint, options).join({ code: invitation.code, deviceName });
  const connection: Connection = {
    endpoint: invitation.endpoint,
    workspaceId: credentials.workspaceId,
    deviceId: credentials.deviceId,
    deviceName,
    token: credentials.token,
    role: credentials.role,
    keys: { [invitation.keyId]: invitation.key },
    currentKeyId: invitation.keyId,
    joinedAt: (options.now?.() ?? new Date()).toISOString(),
  };
  await setConnection(db, connection);
  await publishLocalState(db, connection.role);
  return connection;
}

/** The workspace's devices (for the Connection page). */
export async function listDevices(db: Db, options: PairingOptions = {}): Promise<Device[]> {
  const { client } = await connectedClient(db, options);
  const { devices } = await client.workspace();
  await setKnownDevices(db, devices);
  return devices;
}

/** Removes a device from the workspace (client devices only). */
export async function revokeDevice(db: Db, deviceId: string, options: PairingOptions = {}): Promise<void> {
  const { client } = await connectedClient(db, options);
  await client.revoke(deviceId);
}
