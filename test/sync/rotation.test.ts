// Key rotation against the real endpoint (SQLite): who gets the new key, what the log holds, and the
// revoked assistant who, with a full dump of the server's database and every key she ever held,
// decrypts nothing written after the rotation.
//
// Messages after the rotation are written here with encryptGroup under the connection's current
// key, as the v2 engine does at push time (the engine is being rewritten alongside; this test does
// not depend on its push).
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { storedMessageSchema } from '../../lib/protocol';
import { addInstruction, createTask, type Db } from '../../lib/store';
import { getDeviceKey } from '../../lib/store/device-keys';
import { getInviteSecrets } from '../../lib/store/trust';
import { SyncClient } from '../../lib/sync/client';
import { getConnection, type Connection } from '../../lib/sync/connection';
import { decryptBody, encryptGroup, fromBase64Url, importWorkspaceKey, toBase64Url, type SyncGroup } from '../../lib/sync/crypto';
import { unwrapKey } from '../../lib/sync/device-keys';
import { receiveKeyring } from '../../lib/sync/keyring';
import { createInvitation, createWorkspace, joinWorkspace, listDevices, revokeDevice } from '../../lib/sync/pairing';
import { rotateWorkspaceKey } from '../../lib/sync/rotation';
import { makeTask } from '../ui/helpers';
import { useSqliteEndpoint } from '../support/sqlite-endpoint';

const MARKER = 'NACH-DER-ROTATION-5d1e';

const endpoint = useSqliteEndpoint();

const open = endpoint.open;
const http = (c: Connection) => new SyncClient({ endpoint: c.endpoint, token: c.token });
const connectionOf = async (db: Db) => (await getConnection(db))!;

/** A client and `names.length` assistants who joined with its v2 invitations, all trusted by the client. */
async function workspace(...names: string[]) {
  const client = await open('client');
  await createWorkspace(client, endpoint.origin, 'Kanzlei');
  const assistants: Db[] = [];
  for (const name of names) {
    const db = await open(name);
    await joinWorkspace(db, (await createInvitation(client)).invitation, name);
    assistants.push(db);
  }
  await listDevices(client);
  return { client, assistants };
}

/** Writes one group under the device's current key, as the engine's push does. */
async function write(db: Db, group: SyncGroup, hlc: string): Promise<void> {
  const c = await connectionOf(db);
  const key = await importWorkspaceKey(fromBase64Url(c.keys[c.currentKeyId]));
  const body = await encryptGroup(key, { workspaceId: c.workspaceId, hlc, keyId: c.currentKeyId, authorDeviceId: c.deviceId }, group);
  const answer = await http(c).sync(0, [{ hlc, keyId: c.currentKeyId, body }]);
  expect(answer.rejected).toEqual([]);
}

/** Reads the log as `db`'s device and hands each keyring group it can decrypt to receiveKeyring, one message at a time, in order. */
async function pullKeyrings(db: Db) {
  const c = await connectionOf(db);
  const answer = await http(c).sync(0, []);
  const reasons: string[] = [];
  for (const message of answer.messages.map((m) => storedMessageSchema.parse(m))) {
    const keys = (await connectionOf(db)).keys;
    if (!keys[message.keyId] || message.device === c.deviceId) continue;
    const key = await importWorkspaceKey(fromBase64Url(keys[message.keyId]));
    const { group } = await decryptBody(
      key,
      { workspaceId: c.workspaceId, hlc: message.hlc, keyId: message.keyId, authorDeviceId: message.device },
      message.body,
    );
    if (group.entity !== 'keyring') continue;
    const result = await receiveKeyring(db, [{ group, device: message.device, hlc: message.hlc, keyId: message.keyId }], {
      workspaceId: c.workspaceId,
      deviceId: c.deviceId,
    });
    reasons.push(...result.quarantine.map((q) => q.reason));
  }
  return reasons;
}

let hlcCounter = 0;
const nextHlc = () => `${new Date().toISOString()}-${(hlcCounter++).toString(16).padStart(4, '0')}-00000000000000aa`;

describe('rotateWorkspaceKey', () => {
  it('wraps the next generation for active trusted devices only, revokes pending invitations, and switches only after the log holds it', async () => {
    const {
      client,
      assistants: [anna],
    } = await workspace('anna');
    // Bea joins the v1 way: her key is listed but nobody confirmed it.
    const bea = await open('bea');
    const v2 = (await createInvitation(client)).invitation;
    const [, fragment] = v2.split('#2.');
    const [code, key] = fragment.split('.');
    const bBea = await joinWorkspace(bea, `zuarbeit:${endpoint.origin}#${code}.${key}`, 'Bea');
    const pending = (await createInvitation(client)).invitation;
    const before = await connectionOf(client);

    const result = await rotateWorkspaceKey(client, http(before));
    const after = await connectionOf(client);
    const annaId = (await connectionOf(anna)).deviceId;
    expect(result).toMatchObject({ keyId: 'k2', untrusted: [bBea.deviceId], revokedInvites: 1 });
    expect(result.recipients.sort()).toEqual([before.deviceId, annaId].sort());
    expect(after.currentKeyId).toBe('k2');
    expect(after.keys.k1).toBe(before.keys.k1);
    expect(await getInviteSecrets(client)).toEqual([]);
    // The invitation made before the rotation carries the old key: it no longer works.
    await expect(joinWorkspace(await open('late'), pending, 'Spät')).rejects.toMatchObject({ reason: 'invite-invalid' });

    // The rotation message is in the log under the old key, and its wraps open for Anna only with the client's key.
    expect(await pullKeyrings(anna)).toEqual([]);
    expect((await connectionOf(anna)).keys.k2).toBe(after.keys.k2);
    expect(await pullKeyrings(bea)).toEqual(['not-allowed']);
    expect((await connectionOf(bea)).currentKeyId).toBe('k1');
  });

  it('re-publishes open and standing tasks and the standing instructions (current state only), not finished ones', async () => {
    const client = await open('client');
    await createWorkspace(client, endpoint.origin, 'Kanzlei');
    await createTask(client, makeTask({ id: 'open', status: 'in-progress' }));
    await createTask(client, makeTask({ id: 'standing', status: 'done', recurrence: { every: 'week', interval: 1 } }));
    await createTask(client, makeTask({ id: 'finished', status: 'done' }));
    await createTask(client, makeTask({ id: 'gone', status: 'new', deleted: true }));
    await addInstruction(client, 'Quellen', 'Immer Quellen angeben.');
    await client.clear('outbox');

    const result = await rotateWorkspaceKey(client, http(await connectionOf(client)));
    expect(result.republished).toBe(3);
    const ids = new Set((await client.getAll('outbox')).map((e) => e.id));
    expect(ids.has('open') && ids.has('standing')).toBe(true);
    expect(ids.has('finished') || ids.has('gone')).toBe(false);
    // With history the successor reads the past herself: nothing is re-published.
    const self = (await connectionOf(client)).deviceId;
    expect((await rotateWorkspaceKey(client, http(await connectionOf(client)), { withHistoryFor: [self] })).republished).toBe(0);
  });

  it('with history, the successor gets the older generations wrapped for her; an assistant cannot rotate', async () => {
    const {
      client,
      assistants: [successor],
    } = await workspace('successor');
    const successorId = (await connectionOf(successor)).deviceId;
    await rotateWorkspaceKey(client, http(await connectionOf(client)));
    await rotateWorkspaceKey(client, http(await connectionOf(client)), { withHistoryFor: [successorId] });
    // Drop what she holds to see that the second rotation alone gives her the whole history.
    const mine = await connectionOf(successor);
    await successor.put('meta', { ...mine, keys: { k2: (await connectionOf(client)).keys.k2 }, currentKeyId: 'k2' }, 'connection');
    expect(await pullKeyrings(successor)).toEqual([]);
    expect(await connectionOf(successor)).toMatchObject({ keys: (await connectionOf(client)).keys, currentKeyId: 'k3' });
    await expect(rotateWorkspaceKey(successor, http(await connectionOf(successor)))).rejects.toMatchObject({ reason: 'forbidden' });
  });
});

describe('the revoked assistant', () => {
  it('with a full dump of the server and every key she ever held decrypts nothing written after the rotation', async () => {
    const {
      client,
      assistants: [anna, bea],
    } = await workspace('anna', 'bea');
    await write(client, { entity: 'task', id: 'vorher', fields: { title: 'Vor der Rotation' } }, nextHlc());
    // Anna takes part in one rotation while she is still in: she holds k1 and k2.
    await rotateWorkspaceKey(client, http(await connectionOf(client)));
    expect(await pullKeyrings(anna)).toEqual([]);
    const annaHeld = await connectionOf(anna);
    expect(Object.keys(annaHeld.keys).sort()).toEqual(['k1', 'k2']);

    const annaId = annaHeld.deviceId;
    await revokeDevice(client, annaId);
    const rotation = await rotateWorkspaceKey(client, http(await connectionOf(client)));
    expect(rotation.recipients).not.toContain(annaId);
    const secret: SyncGroup = {
      entity: 'task',
      id: 'nachher',
      fields: { title: `Gutachten ${MARKER}`, instructions: `Vertraulich ${MARKER}` },
    };
    await write(client, secret, nextHlc());
    await write(client, { entity: 'comment', id: 'c-nachher', fields: { body: `Antwort ${MARKER}` } }, nextHlc());

    // Bea, still trusted, reads what came after.
    expect(await pullKeyrings(bea)).toEqual([]);
    expect((await connectionOf(bea)).currentKeyId).toBe('k3');

    // Everything Anna ever held: the workspace keys she received and her device's private key.
    const annaKeys = Object.values(annaHeld.keys).map((k) => fromBase64Url(k));
    const annaPrivate = (await getDeviceKey(anna))!.privateKey;
    // The server's database, every row of every table.
    const dump = new Database(endpoint.databaseFile, { readonly: true });
    const tables = (dump.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    const rows = tables.flatMap((t) => dump.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[]);
    const messages = dump.prepare('SELECT seq, hlc, key_id, device_id, body FROM messages ORDER BY seq').all() as {
      seq: number;
      hlc: string;
      key_id: string;
      device_id: string;
      body: string;
    }[];
    const devices = dump.prepare('SELECT id, public_key FROM devices').all() as { id: string; public_key: string | null }[];
    dump.close();
    expect(JSON.stringify(rows)).not.toContain(MARKER);

    const workspaceId = annaHeld.workspaceId;
    const generations = ['k1', 'k2', 'k3', 'k4'];
    /** Every way to open a body with what she holds: each key, at the stored place or relabelled with any generation. */
    const opens = async (m: (typeof messages)[number]) => {
      for (const raw of annaKeys) {
        const key = await importWorkspaceKey(raw);
        for (const keyId of generations) {
          try {
            return (await decryptBody(key, { workspaceId, hlc: m.hlc, keyId, authorDeviceId: m.device_id }, m.body)).group;
          } catch {
            // not with this key at this place
          }
        }
      }
      return null;
    };
    // The k3 rotation is the last message under k2: she can read that message, but no wrap in it opens for her.
    const readable = [];
    for (const m of messages) readable.push({ m, group: await opens(m) });
    const k3Rotation = readable.find((r) => r.group?.entity === 'keyring' && r.group.id === 'k3');
    expect(k3Rotation).toBeTruthy();
    const wraps = k3Rotation!.group!.fields.wraps as Record<string, Record<string, string>>;
    for (const [recipient, perKey] of Object.entries(wraps)) {
      for (const [keyId, wrapped] of Object.entries(perKey)) {
        for (const sender of devices.filter((d) => d.public_key)) {
          for (const claimedRecipient of [recipient, annaId]) {
            await expect(
              unwrapKey({
                recipientPrivateKey: annaPrivate,
                recipientDeviceId: claimedRecipient,
                senderPublicKey: sender.public_key!,
                senderDeviceId: sender.id,
                workspaceId,
                keyId,
                wrapped,
              }),
            ).rejects.toThrow();
          }
        }
      }
    }
    const after = readable.filter((r) => r.m.seq > k3Rotation!.m.seq);
    expect(after.map((r) => r.m.key_id)).toEqual(['k3', 'k3']);
    expect(after.map((r) => r.group)).toEqual([null, null]);
    // What she received before stays hers (the honest half of the promise).
    expect(readable.some((r) => r.group?.id === 'vorher')).toBe(true);
    // The stored key bytes of k3 are nowhere in what she holds.
    const k3 = (await connectionOf(client)).keys.k3;
    expect(annaKeys.map((k) => toBase64Url(k))).not.toContain(k3);
  });
});
