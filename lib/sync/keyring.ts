/**
 * Receiving key rotations (docs/protocol.md, "Key rotation"): the engine hands every decrypted
 * `keyring` group of a page here, in page order. A rotation is taken in only when its sender is a
 * client device whose key this device trusts (pinned in lib/store/trust.ts, never the server's
 * listing), its wrap for this device opens, and it names no known generation with other bytes;
 * otherwise it is refused with a reason and changes nothing.
 */
import type { QuarantineEntry } from '../store/db';
import type { Db } from '../store/db';
import { getDeviceKey } from '../store/device-keys';
import { getKnownDevices } from '../store/devices';
import { getTrustedDevices, trustedKeyOf } from '../store/trust';
import { updateConnection } from './connection';
import type { SyncGroup } from './crypto';
import { toBase64Url } from './crypto';
import { compareKeyIds, nextKeyId, parseKeyGeneration, unwrapKey } from './device-keys';

/**
 * `bad-wrap`: no wrap for this device, or one that does not open from the named sender;
 * `not-allowed`: the sender is not a client device whose key this device trusts;
 * `key-conflict`: a generation this device already holds, with other bytes;
 * `malformed`: not a rotation message (ids, names, wraps of the wrong shape).
 */
export type KeyringRefusal = 'bad-wrap' | 'not-allowed' | 'key-conflict' | 'malformed';

/** A decrypted keyring group as the engine hands it over: who the server says wrote it, when, under which key. */
export interface KeyringItem {
  group: SyncGroup;
  device: string;
  hlc: string;
  keyId: string;
}

export interface KeyringContext {
  workspaceId: string;
  deviceId: string;
  now?: () => number;
}

export interface KeyringResult {
  /** Refused rotations, for the engine to store with the page. */
  quarantine: QuarantineEntry[];
  /** Whether a generation was added or the current one moved (the engine re-reads its keys). */
  keysChanged: boolean;
}

/** One rotation message: its new generation, the one before, and this device's wraps (generation → wrap). */
interface Rotation {
  keyId: string;
  wrapsForMe: Map<string, string> | null;
}

const DEVICE_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WRAP = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * Verifies and takes in the rotations of one page (see the file comment). Rotations are taken in
 * generation order whatever order the page has; currentKeyId becomes the newest generation held,
 * never an older one. Taking the same rotation again changes nothing and refuses nothing.
 */
export async function receiveKeyring(db: Db, items: readonly KeyringItem[], context: KeyringContext): Promise<KeyringResult> {
  const now = context.now ?? Date.now;
  const quarantine: QuarantineEntry[] = [];
  const refuse = (item: KeyringItem, reason: KeyringRefusal) =>
    quarantine.push({ hlc: item.hlc, device: item.device, reason, receivedAt: new Date(now()).toISOString() });
  const parsed: { item: KeyringItem; rotation: Rotation }[] = [];
  for (const item of items) {
    const rotation = readRotation(item, context.deviceId);
    if (rotation) parsed.push({ item, rotation });
    else refuse(item, 'malformed');
  }
  if (parsed.length === 0) return { quarantine, keysChanged: false };
  parsed.sort((a, b) => compareKeyIds(a.rotation.keyId, b.rotation.keyId));

  const [ownKey, trusted, known] = await Promise.all([getDeviceKey(db), getTrustedDevices(db), getKnownDevices(db)]);
  const clients = new Set(known.filter((d) => d.role === 'client').map((d) => d.id));
  // Unwrapping awaits WebCrypto, so it happens before the one transaction that stores the keys.
  const accepted: { item: KeyringItem; keys: Map<string, string> }[] = [];
  for (const { item, rotation } of parsed) {
    const senderKey = trustedKeyOf(trusted, item.device);
    if (!clients.has(item.device) || !senderKey) {
      refuse(item, 'not-allowed');
      continue;
    }
    if (!ownKey || !rotation.wrapsForMe?.has(rotation.keyId)) {
      refuse(item, 'bad-wrap');
      continue;
    }
    const keys = await unwrapAll(rotation.wrapsForMe, {
      senderKey,
      sender: item.device,
      recipient: context.deviceId,
      workspaceId: context.workspaceId,
      privateKey: ownKey.privateKey,
    });
    if (keys) accepted.push({ item, keys });
    else refuse(item, 'bad-wrap');
  }

  let keysChanged = false;
  await updateConnection(db, (connection) => {
    const held: Record<string, string> = { ...connection.keys };
    for (const { item, keys } of accepted) {
      // A rotation naming a generation held with other bytes changes nothing at all, not even its other wraps.
      if ([...keys].some(([keyId, key]) => held[keyId] !== undefined && held[keyId] !== key)) {
        refuse(item, 'key-conflict');
        continue;
      }
      for (const [keyId, key] of keys) held[keyId] = key;
    }
    const newest = newestKeyId(Object.keys(held), connection.currentKeyId);
    const added = Object.keys(held).length !== Object.keys(connection.keys).length;
    if (!added && newest === connection.currentKeyId) return null;
    keysChanged = true;
    return { ...connection, keys: held, currentKeyId: newest };
  });
  return { quarantine, keysChanged };
}

/** The newest generation among `keyIds`, or `current` when none is newer (a v1-era key id that is no generation stays). */
function newestKeyId(keyIds: readonly string[], current: string): string {
  const generations = keyIds.filter((id) => parseKeyGeneration(id) !== null).sort(compareKeyIds);
  const newest = generations.at(-1);
  if (!newest) return current;
  return parseKeyGeneration(current) === null || compareKeyIds(newest, current) > 0 ? newest : current;
}

/** Every wrap for this device opened, as base64url raw keys by generation; null when any does not open. */
async function unwrapAll(
  wraps: Map<string, string>,
  parties: { senderKey: string; sender: string; recipient: string; workspaceId: string; privateKey: CryptoKey },
): Promise<Map<string, string> | null> {
  const keys = new Map<string, string>();
  for (const [keyId, wrapped] of wraps) {
    try {
      const raw = await unwrapKey({
        recipientPrivateKey: parties.privateKey,
        recipientDeviceId: parties.recipient,
        senderPublicKey: parties.senderKey,
        senderDeviceId: parties.sender,
        workspaceId: parties.workspaceId,
        keyId,
        wrapped,
      });
      keys.set(keyId, toBase64Url(raw));
    } catch {
      return null;
    }
  }
  return keys;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The rotation in a keyring group, or null when it is malformed: the id a generation, `previous`
 * the generation right before it and the key the message was encrypted under (a rotation is
 * written under the current key), `wraps` device id → generation → wrap, each wrapping a
 * generation no newer than the rotation's own. Read as own properties only (names from the wire
 * may be `__proto__`). Fields this version does not know are ignored, so a later version may add some.
 */
function readRotation(item: KeyringItem, deviceId: string): Rotation | null {
  const { group } = item;
  const generation = group.entity === 'keyring' ? parseKeyGeneration(group.id) : null;
  if (generation === null || generation < 2) return null;
  const previous = Object.hasOwn(group.fields, 'previous') ? group.fields.previous : undefined;
  if (typeof previous !== 'string' || parseKeyGeneration(previous) === null || nextKeyId(previous) !== group.id || item.keyId !== previous)
    return null;
  const wraps = Object.hasOwn(group.fields, 'wraps') ? group.fields.wraps : undefined;
  if (!isRecord(wraps)) return null;
  let wrapsForMe: Map<string, string> | null = null;
  for (const recipient of Object.keys(wraps)) {
    const perKey = wraps[recipient];
    if (!DEVICE_ID.test(recipient) || !isRecord(perKey) || Object.keys(perKey).length === 0) return null;
    const map = new Map<string, string>();
    for (const keyId of Object.keys(perKey)) {
      const wrapped = perKey[keyId];
      const g = parseKeyGeneration(keyId);
      if (g === null || g > generation || typeof wrapped !== 'string' || !WRAP.test(wrapped)) return null;
      map.set(keyId, wrapped);
    }
    if (recipient === deviceId) wrapsForMe = map;
  }
  return { keyId: group.id, wrapsForMe };
}
