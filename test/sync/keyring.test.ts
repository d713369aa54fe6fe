// Receiving key rotations: only a trusted client device's rotation whose wrap opens here is taken in;
// everything else is refused with its reason and changes nothing.
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it } from 'vitest';
import { getConnection, openZuarbeitDb, setConnection, setKnownDevices, type Db } from '../../lib/store';
import { setDeviceKey } from '../../lib/store/device-keys';
import { trustDevice } from '../../lib/store/trust';
import { generateWorkspaceKey, toBase64Url, type SyncGroup } from '../../lib/sync/crypto';
import { generateDeviceKeyPair, wrapKey, type DeviceKeyPair } from '../../lib/sync/device-keys';
import { receiveKeyring, type KeyringItem } from '../../lib/sync/keyring';

const WS = 'ws-1';
const ME = 'anna';
const CLIENT = 'kanzlei';
const K1 = toBase64Url(generateWorkspaceKey());
const HLC = '2026-11-27T05:00:00.000Z-0000-9f86d081884c7d65';
const context = { workspaceId: WS, deviceId: ME, now: () => Date.parse('2026-11-27T06:00:00.000Z') };

let db: Db;
let me: DeviceKeyPair;
let client: DeviceKeyPair;

beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
  [me, client] = await Promise.all([generateDeviceKeyPair(), generateDeviceKeyPair()]);
  await setConnection(db, {
    endpoint: 'https://sync.example.org',
    workspaceId: WS,
    deviceId: ME,
    deviceName: 'Anna',
    token: 't',
    role: 'assistant',
    keys: { k1: K1 },
    currentKeyId: 'k1',
    joinedAt: '2026-11-27T05:00:00.000Z',
  });
  await setDeviceKey(db, { ...me, published: true });
  await setKnownDevices(db, [
    { id: CLIENT, role: 'client' },
    { id: ME, role: 'assistant' },
    { id: 'bert', role: 'assistant' },
    { id: 'tablet', role: 'client' },
  ]);
  await trustDevice(db, { deviceId: ME, publicKey: me.publicKey, basis: 'self', trustedAt: HLC });
  await trustDevice(db, { deviceId: CLIENT, publicKey: client.publicKey, basis: 'inviter', trustedAt: HLC });
});

/** A rotation to `keyId` by `sender` (holding `senderKey`), wrapping `keys` (generation → raw) for `ME`. */
async function rotation(
  keyId: string,
  keys: Record<string, Uint8Array<ArrayBuffer>>,
  options: {
    sender?: string;
    senderKey?: DeviceKeyPair;
    recipient?: string;
    recipientKey?: string;
    previous?: string;
    encryptedUnder?: string;
  } = {},
): Promise<KeyringItem> {
  const sender = options.sender ?? CLIENT;
  const senderKey = options.senderKey ?? client;
  const recipient = options.recipient ?? ME;
  const wraps: Record<string, string> = {};
  for (const [id, rawKey] of Object.entries(keys)) {
    wraps[id] = await wrapKey({
      senderPrivateKey: senderKey.privateKey,
      senderDeviceId: sender,
      recipientPublicKey: options.recipientKey ?? me.publicKey,
      recipientDeviceId: recipient,
      workspaceId: WS,
      keyId: id,
      rawKey,
    });
  }
  const previous = options.previous ?? `k${Number(keyId.slice(1)) - 1}`;
  const group: SyncGroup = { entity: 'keyring', id: keyId, fields: { previous, wraps: { [recipient]: wraps } } };
  return { group, device: sender, hlc: HLC, keyId: options.encryptedUnder ?? previous };
}

const keysOf = async () => {
  const connection = await getConnection(db);
  return { keys: connection!.keys, currentKeyId: connection!.currentKeyId };
};

describe('receiveKeyring', () => {
  it("takes in a trusted client's rotation, and the same rotation again changes and refuses nothing", async () => {
    const k2 = generateWorkspaceKey();
    const item = await rotation('k2', { k2 });
    expect(await receiveKeyring(db, [item], context)).toEqual({ quarantine: [], keysChanged: true });
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2) }, currentKeyId: 'k2' });

    expect(await receiveKeyring(db, [item], context)).toEqual({ quarantine: [], keysChanged: false });
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2) }, currentKeyId: 'k2' });
  });

  it('refuses a rotation from a device that is not a client, though its key is trusted', async () => {
    const bert = await generateDeviceKeyPair();
    await trustDevice(db, { deviceId: 'bert', publicKey: bert.publicKey, basis: 'confirmed', trustedAt: HLC });
    const item = await rotation('k2', { k2: generateWorkspaceKey() }, { sender: 'bert', senderKey: bert });
    const result = await receiveKeyring(db, [item], context);
    expect(result).toEqual({
      quarantine: [{ hlc: HLC, device: 'bert', reason: 'not-allowed', receivedAt: '2026-11-27T06:00:00.000Z' }],
      keysChanged: false,
    });
    expect(await keysOf()).toEqual({ keys: { k1: K1 }, currentKeyId: 'k1' });
  });

  it('refuses a rotation from a client device whose key this device has not trusted (only the server lists it)', async () => {
    const tablet = await generateDeviceKeyPair();
    const item = await rotation('k2', { k2: generateWorkspaceKey() }, { sender: 'tablet', senderKey: tablet });
    expect((await receiveKeyring(db, [item], context)).quarantine.map((q) => q.reason)).toEqual(['not-allowed']);
    expect(await keysOf()).toEqual({ keys: { k1: K1 }, currentKeyId: 'k1' });
  });

  it('refuses a rotation in the name of the trusted client made with another key (a substituted key): bad-wrap', async () => {
    const forger = await generateDeviceKeyPair();
    const item = await rotation('k2', { k2: generateWorkspaceKey() }, { senderKey: forger });
    expect((await receiveKeyring(db, [item], context)).quarantine.map((q) => q.reason)).toEqual(['bad-wrap']);
    expect(await keysOf()).toEqual({ keys: { k1: K1 }, currentKeyId: 'k1' });
  });

  it('refuses a wrap that does not open here, and a rotation with no wrap for this device', async () => {
    const other = await generateDeviceKeyPair();
    // Wrapped for another key under this device's id: the client trusted a key that is not this device's.
    const wrongRecipientKey = await rotation('k2', { k2: generateWorkspaceKey() }, { recipientKey: other.publicKey });
    const noWrapForMe = await rotation('k2', { k2: generateWorkspaceKey() }, { recipient: 'bert', recipientKey: other.publicKey });
    const result = await receiveKeyring(db, [wrongRecipientKey, noWrapForMe], context);
    expect(result.quarantine.map((q) => q.reason)).toEqual(['bad-wrap', 'bad-wrap']);
    expect(result.keysChanged).toBe(false);
    expect(await keysOf()).toEqual({ keys: { k1: K1 }, currentKeyId: 'k1' });
  });

  it('refuses a rotation naming a generation this device holds with other bytes, and keeps its key', async () => {
    const k2 = generateWorkspaceKey();
    await receiveKeyring(db, [await rotation('k2', { k2 })], context);
    const conflicting = await rotation('k2', { k2: generateWorkspaceKey() });
    expect((await receiveKeyring(db, [conflicting], context)).quarantine.map((q) => q.reason)).toEqual(['key-conflict']);
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2) }, currentKeyId: 'k2' });
  });

  it('refuses a rotation with history that re-states a held generation with other bytes, taking none of its keys', async () => {
    const item = await rotation('k2', { k2: generateWorkspaceKey(), k1: generateWorkspaceKey() });
    expect((await receiveKeyring(db, [item], context)).quarantine.map((q) => q.reason)).toEqual(['key-conflict']);
    expect(await keysOf()).toEqual({ keys: { k1: K1 }, currentKeyId: 'k1' });
  });

  it('takes rotations in generation order whatever order they come in, and ends on the newest', async () => {
    const k2 = generateWorkspaceKey();
    const k3 = generateWorkspaceKey();
    const result = await receiveKeyring(db, [await rotation('k3', { k3 }), await rotation('k2', { k2 })], context);
    expect(result).toEqual({ quarantine: [], keysChanged: true });
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2), k3: toBase64Url(k3) }, currentKeyId: 'k3' });
  });

  it('a device offline during two rotations catches up page by page, and an older rotation read later never moves it back', async () => {
    const k2 = generateWorkspaceKey();
    const k3 = generateWorkspaceKey();
    const first = await rotation('k2', { k2 });
    const second = await rotation('k3', { k3 });
    await receiveKeyring(db, [first], context);
    await receiveKeyring(db, [second], context);
    expect((await keysOf()).currentKeyId).toBe('k3');
    // An epoch change makes the device read the log again from the start.
    expect(await receiveKeyring(db, [first, second], context)).toEqual({ quarantine: [], keysChanged: false });
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2), k3: toBase64Url(k3) }, currentKeyId: 'k3' });
  });

  it('takes in older generations wrapped for a successor (handover with history)', async () => {
    await setConnection(db, { ...(await getConnection(db))!, keys: { k3: toBase64Url(generateWorkspaceKey()) }, currentKeyId: 'k3' });
    const k1 = generateWorkspaceKey();
    const k2 = generateWorkspaceKey();
    const k4 = generateWorkspaceKey();
    await receiveKeyring(db, [await rotation('k4', { k4, k2, k1 }, { previous: 'k3' })], context);
    const { keys, currentKeyId } = await keysOf();
    expect(Object.keys(keys).sort()).toEqual(['k1', 'k2', 'k3', 'k4']);
    expect([keys.k1, keys.k2, keys.k4]).toEqual([k1, k2, k4].map((k) => toBase64Url(k)));
    expect(currentKeyId).toBe('k4');
  });

  it('refuses malformed rotations as malformed, and takes the good one beside them', async () => {
    const k2 = generateWorkspaceKey();
    const good = await rotation('k2', { k2 });
    const wraps = good.group.fields.wraps;
    const bad: KeyringItem[] = [
      { ...good, group: { ...good.group, id: 'k1' } },
      { ...good, group: { ...good.group, id: 'zwei' } },
      { ...good, group: { ...good.group, fields: { previous: 'k0', wraps } } },
      { ...good, group: { ...good.group, id: 'k3' } },
      { ...good, keyId: 'k5' },
      { ...good, group: { ...good.group, fields: { previous: 'k1' } } },
      { ...good, group: { ...good.group, fields: { previous: 'k1', wraps: { [ME]: { k9: 'abc' } } } } },
      { ...good, group: { ...good.group, fields: { previous: 'k1', wraps: { [ME]: { k2: 42 } } } } },
      { ...good, group: { ...good.group, fields: { previous: 'k1', wraps: ['x'] } } },
      { ...good, group: { ...good.group, entity: 'task' } },
    ];
    const result = await receiveKeyring(db, [...bad, good], context);
    expect(result.quarantine.map((q) => q.reason)).toEqual(bad.map(() => 'malformed'));
    expect(result.keysChanged).toBe(true);
    expect(await keysOf()).toEqual({ keys: { k1: K1, k2: toBase64Url(k2) }, currentKeyId: 'k2' });
  });
});
