/**
 * Rotating the workspace key (docs/protocol.md, "Key rotation"; client devices only). The rotating
 * device wraps a new generation for every active device whose key it trusts, revokes pending
 * invitations, and pushes the rotation message itself, encrypted under the current key, before it
 * switches: pushed through the outbox, the engine would encrypt it with whatever key is current at
 * push time, and after the switch that is the new key, which nobody else holds yet. Only once the
 * log holds the rotation does this device write with the new generation; then, in "current state
 * only" mode, it re-publishes what a successor needs under the new key.
 */
import { FINISHED, type Entity } from '../model';
import { readCursor } from '../store/pulled-page';
import type { Db } from '../store/db';
import {
  completeRotation,
  getDeviceKey,
  getPendingRotation,
  republishRecords,
  setPendingRotation,
  takeHlc,
  type PendingRotation,
} from '../store/device-keys';
import { dropInviteSecrets } from '../store/trust';
import { SyncError, type SyncClient } from './client';
import { getConnection, type Connection } from './connection';
import { encryptGroup, fromBase64Url, generateWorkspaceKey, importWorkspaceKey, toBase64Url, type SyncGroup } from './crypto';
import { nextKeyId, parseKeyGeneration, wrapKey } from './device-keys';
import { connectedClient, listDevicesWith, type PairingOptions } from './pairing';

export interface RotationOptions {
  /** Devices that also get every older generation this device holds ("with history"); without any, current state only. */
  withHistoryFor?: readonly string[];
}

export interface RotationResult {
  keyId: string;
  /** The devices the new key was wrapped for (this device included). */
  recipients: string[];
  /** Active devices left out because this device does not trust their key (not confirmed). */
  untrusted: string[];
  revokedInvites: number;
  /** Records re-published under the new key (current state only; 0 with history). */
  republished: number;
}

/**
 * What "current state only" re-publishes: the open and standing tasks, the standing instructions
 * and the handover packages, with the workspace settings (rate, levels) and the occurrences of
 * standing tasks, without which a successor would count a completion-anchored rule from its start.
 */
const REPUBLISHED: readonly Entity[] = ['task', 'instruction', 'handover', 'setting', 'occurrence'];

function isCurrentState(entity: Entity, data: Readonly<Record<string, unknown>>): boolean {
  if (data.deleted === true) return false;
  if (entity !== 'task') return true;
  const standing = data.recurrence !== null && data.recurrence !== undefined;
  return standing || !FINISHED.includes(data.status as (typeof FINISHED)[number]);
}

/** Rotates the workspace key (see the file comment). Throws SyncError: `forbidden` on an assistant, the endpoint's reasons otherwise. */
export async function rotateWorkspaceKey(db: Db, client: SyncClient, options: RotationOptions = {}): Promise<RotationResult> {
  let connection = await requireClient(db);
  // A rotation pushed before a crash is finished first: the log may already hold it.
  const pending = await getPendingRotation(db);
  if (pending) connection = await finishRotation(db, client, pending);

  const devices = await listDevicesWith(db, client, connection);
  const ownKey = await getDeviceKey(db);
  if (!ownKey) throw new SyncError('not-paired', 'This device has no key pair');
  const active = devices.filter((d) => d.revokedAt === null);
  // This device wraps for itself with the key it holds, whatever the endpoint lists for it.
  const recipients = active
    .filter((d) => d.id === connection.deviceId || (d.trust.state === 'trusted' && d.publicKey))
    .map((d) => ({ id: d.id, publicKey: d.id === connection.deviceId ? ownKey.publicKey : d.publicKey! }));
  const recipientIds = new Set(recipients.map((d) => d.id));
  const withHistory = new Set(options.withHistoryFor ?? []);

  const keyId = nextKeyId(connection.currentKeyId);
  const rawKey = generateWorkspaceKey();
  const older = Object.keys(connection.keys).filter((id) => parseKeyGeneration(id) !== null);
  const wraps: Record<string, Record<string, string>> = {};
  for (const device of recipients) {
    const wrap = (id: string, raw: Uint8Array<ArrayBuffer>) =>
      wrapKey({
        senderPrivateKey: ownKey.privateKey,
        senderDeviceId: connection.deviceId,
        recipientPublicKey: device.publicKey,
        recipientDeviceId: device.id,
        workspaceId: connection.workspaceId,
        keyId: id,
        rawKey: raw,
      });
    const perKey: Record<string, string> = { [keyId]: await wrap(keyId, rawKey) };
    if (withHistory.has(device.id)) for (const id of older) perKey[id] = await wrap(id, fromBase64Url(connection.keys[id]));
    wraps[device.id] = perKey;
  }

  // Invitations carry the current key: none may stay redeemable once it is the old one.
  const { revoked } = await client.revokeInvites();
  await dropInviteSecrets(db, 'all');

  const group: SyncGroup = { entity: 'keyring', id: keyId, fields: { previous: connection.currentKeyId, wraps } };
  const hlc = await takeHlc(db);
  const oldKey = await importWorkspaceKey(fromBase64Url(connection.keys[connection.currentKeyId]));
  const body = await encryptGroup(
    oldKey,
    { workspaceId: connection.workspaceId, hlc, keyId: connection.currentKeyId, authorDeviceId: connection.deviceId },
    group,
  );
  const rotation: PendingRotation = { keyId, key: toBase64Url(rawKey), envelope: { hlc, keyId: connection.currentKeyId, body } };
  await setPendingRotation(db, rotation);
  await finishRotation(db, client, rotation);

  const republished = withHistory.size === 0 ? await republishRecords(db, REPUBLISHED, isCurrentState) : 0;
  return {
    keyId,
    recipients: recipients.map((d) => d.id),
    untrusted: active.filter((d) => !recipientIds.has(d.id)).map((d) => d.id),
    revokedInvites: revoked,
    republished,
  };
}

/** Pushes the rotation message (again: same hlc, so the log keeps one) and takes the new key once the log holds it. */
async function finishRotation(db: Db, client: SyncClient, rotation: PendingRotation): Promise<Connection> {
  // The answer's messages are not applied here; the next sync reads them from the stored cursor.
  const answer = await client.sync(await readCursor(db), [rotation.envelope]);
  const refused = answer.rejected.find((r) => r.hlc === rotation.envelope.hlc);
  if (refused)
    throw new SyncError(
      refused.reason === 'clock-skew' ? 'clock-skew' : 'bad-request',
      `The endpoint refused the key rotation: ${refused.reason}`,
      undefined,
      undefined,
      undefined,
      answer.serverTime,
    );
  await completeRotation(db, rotation);
  return requireClient(db);
}

async function requireClient(db: Db): Promise<Connection> {
  const connection = await getConnection(db);
  if (!connection) throw new SyncError('not-paired', 'This device is not connected to a workspace');
  if (connection.role !== 'client') throw new SyncError('forbidden', 'Only a client device rotates the workspace key');
  return connection;
}

/** Rotates from the Connection page (speaking as the stored connection). */
export async function rotateWorkspaceKeyHere(db: Db, options: RotationOptions & PairingOptions = {}): Promise<RotationResult> {
  const { client } = await connectedClient(db, options);
  return rotateWorkspaceKey(db, client, options);
}

/** Removes a device and, with `rotate` (the page's default), rotates right after: one confirmation for both. */
export async function revokeDeviceAndRotate(
  db: Db,
  deviceId: string,
  options: RotationOptions & PairingOptions & { rotate: boolean },
): Promise<RotationResult | null> {
  const { client } = await connectedClient(db, options);
  await client.revoke(deviceId);
  return options.rotate ? rotateWorkspaceKey(db, client, options) : null;
}
