// The engine's side of protocol v2 that needs a stand-in: the keyring hook (receiveKeyring is
// replaced by a fake that takes in any rotation), and log epochs on the in-memory log.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import { createTask, getRecord, openZuarbeitDb, readCursor, updateRecord, type Db } from '../../lib/store';
import { encodeKey, getConnection, setConnection } from '../../lib/sync/connection';
import { decryptBody, encryptGroup, fromBase64Url, generateWorkspaceKey, importWorkspaceKey } from '../../lib/sync/crypto';
import { syncOnce } from '../../lib/sync/engine';
import type { KeyringItem } from '../../lib/sync/keyring';
import { MemoryLog } from './memory-log';

const received: KeyringItem[][] = [];
vi.mock('../../lib/sync/keyring', () => ({
  // Takes in every rotation: its `key` field becomes the generation named by its id.
  receiveKeyring: async (db: Db, items: KeyringItem[]) => {
    received.push(items);
    const connection = (await getConnection(db))!;
    for (const { group } of items) connection.keys[group.id] = group.fields.key as string;
    connection.currentKeyId = items.at(-1)!.group.id;
    await setConnection(db, connection);
    return { quarantine: [], keysChanged: items.length > 0 };
  },
}));

const K1 = encodeKey(generateWorkspaceKey());
const K2 = encodeKey(generateWorkspaceKey());

async function replica(name: string, role: 'client' | 'assistant', log: MemoryLog): Promise<Db> {
  const db = await openZuarbeitDb(name);
  log.devices.push({ id: name, role });
  await setConnection(db, {
    endpoint: 'http://memory',
    workspaceId: 'ws',
    deviceId: name,
    deviceName: name,
    token: name,
    role,
    keys: { k1: K1 },
    currentKeyId: 'k1',
    joinedAt: new Date().toISOString(),
  });
  return db;
}

const task = (id: string, title = `Aufgabe ${id}`) => newTask({ id, title, createdAt: '2026-11-27T05:00:00.000Z' });

/** Pushes `group` into the log as `device` wrote it under `keyId`. */
async function push(log: MemoryLog, device: string, keyId: string, raw: string, hlc: string, group: Parameters<typeof encryptGroup>[2]) {
  const key = await importWorkspaceKey(fromBase64Url(raw));
  const body = await encryptGroup(key, { workspaceId: 'ws', hlc, keyId, authorDeviceId: device }, group);
  log.messages.push({ seq: log.messages.length + 1, hlc, keyId, device, body });
}

let log: MemoryLog;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  received.length = 0;
});

describe('keyring groups', () => {
  it("go to receiveKeyring in page order; the page's messages under the new key are decrypted again, and pushes use it", async () => {
    log = new MemoryLog(1000);
    await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    const hlc = (n: number) => `2026-11-27T06:00:00.00${n}Z-0000-cccccccccccccccc`;
    // Under k2 before the rotation that brings k2: only readable after the keyring took it in.
    await push(log, 'client', 'k2', K2, hlc(1), { entity: 'task', id: 't1', fields: { title: 'unter k2', status: 'new' } });
    await push(log, 'client', 'k1', K1, hlc(2), { entity: 'keyring', id: 'k2', fields: { key: K2 } });
    await push(log, 'client', 'k1', K1, hlc(3), { entity: 'task', id: 't1', fields: { priority: 'high' } });
    const report = await syncOnce(assistant, log.transport('assistant'));
    expect(received.map((items) => items.map((i) => [i.group.id, i.device, i.hlc, i.keyId]))).toEqual([[['k2', 'client', hlc(2), 'k1']]]);
    expect(report.quarantined).toBe(0);
    expect((await assistant.get('task', 't1'))?.data).toMatchObject({ title: 'unter k2', status: 'new', priority: 'high' });

    await updateRecord(assistant, 'task', 't1', { status: 'accepted' });
    await syncOnce(assistant, log.transport('assistant'));
    const pushed = log.messages.at(-1)!;
    expect(pushed.keyId).toBe('k2');
    const opened = await decryptBody(
      await importWorkspaceKey(fromBase64Url(K2)),
      { workspaceId: 'ws', hlc: pushed.hlc, keyId: 'k2', authorDeviceId: 'assistant' },
      pushed.body,
      { requireV2: true },
    );
    expect({ ...opened.group.fields }).toEqual({ status: 'accepted' });
  });

  it('decrypts a page again when the page before it brought a new key (pages are decrypted ahead while the one before applies)', async () => {
    log = new MemoryLog(2);
    await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    const hlc = (n: number) => `2026-11-27T06:00:00.${String(n).padStart(3, '0')}Z-0000-cccccccccccccccc`;
    // Page 1: a task and the rotation to k2. Pages 2 and 3: only readable under k2, with one more under k1 (still held).
    await push(log, 'client', 'k1', K1, hlc(1), { entity: 'task', id: 't1', fields: { title: 'unter k1', status: 'new' } });
    await push(log, 'client', 'k1', K1, hlc(2), { entity: 'keyring', id: 'k2', fields: { key: K2 } });
    await push(log, 'client', 'k2', K2, hlc(3), { entity: 'task', id: 't2', fields: { title: 'unter k2', status: 'new' } });
    await push(log, 'client', 'k2', K2, hlc(4), { entity: 'task', id: 't1', fields: { priority: 'high' } });
    await push(log, 'client', 'k1', K1, hlc(5), { entity: 'task', id: 't3', fields: { title: 'wieder k1' } });
    await push(log, 'client', 'k2', K2, hlc(6), { entity: 'task', id: 't2', fields: { status: 'question' } });
    const report = await syncOnce(assistant, log.transport('assistant'));
    expect(report).toMatchObject({ pulled: 6, quarantined: 0 });
    expect(await assistant.getAll('quarantine')).toEqual([]);
    expect((await assistant.get('task', 't1'))?.data).toMatchObject({ title: 'unter k1', status: 'new', priority: 'high' });
    expect((await assistant.get('task', 't2'))?.data).toMatchObject({ title: 'unter k2', status: 'question' });
    expect((await assistant.get('task', 't3'))?.data).toMatchObject({ title: 'wieder k1' });
    expect(await readCursor(assistant)).toBe(6);
  });

  it('quarantines messages under a key nobody brought as unknown-key', async () => {
    log = new MemoryLog(1000);
    const assistant = await replica('assistant', 'assistant', log);
    await replica('client', 'client', log);
    await push(log, 'client', 'k2', K2, '2026-11-27T06:00:00.001Z-0000-cccccccccccccccc', {
      entity: 'task',
      id: 't1',
      fields: { title: 'x' },
    });
    expect((await syncOnce(assistant, log.transport('assistant'))).quarantined).toBe(1);
    expect((await assistant.getAll('quarantine')).map((q) => q.reason)).toEqual(['unknown-key']);
    expect(received).toEqual([]);
  });
});

describe('a successor without history', () => {
  it('passes over what was written under a generation older than any it holds, without quarantining it', async () => {
    log = new MemoryLog(1000);
    await replica('client', 'client', log);
    const successor = await replica('successor', 'assistant', log);
    // Joined at k2 ("current state only"): she never held k1.
    await setConnection(successor, { ...(await getConnection(successor))!, keys: { k2: K2 }, currentKeyId: 'k2' });
    await push(log, 'client', 'k1', K1, '2026-11-27T06:00:00.001Z-0000-cccccccccccccccc', {
      entity: 'task',
      id: 'old',
      fields: { title: 'Alt' },
    });
    await push(log, 'client', 'k2', K2, '2026-11-27T06:00:00.002Z-0000-cccccccccccccccc', {
      entity: 'task',
      id: 'new',
      fields: { title: 'Neu' },
    });
    // A generation newer than hers that nobody brought her is still reported.
    await push(log, 'client', 'k3', K1, '2026-11-27T06:00:00.003Z-0000-cccccccccccccccc', {
      entity: 'task',
      id: 'k3',
      fields: { title: 'x' },
    });
    const report = await syncOnce(successor, log.transport('successor'));
    expect(report.quarantined).toBe(1);
    expect((await successor.getAll('quarantine')).map((q) => q.hlc)).toEqual(['2026-11-27T06:00:00.003Z-0000-cccccccccccccccc']);
    expect((await successor.get('task', 'new'))?.data).toMatchObject({ title: 'Neu' });
    expect(await successor.get('task', 'old')).toBeUndefined();
    // Passed over, not waiting: the cursor is past all three.
    expect(await readCursor(successor)).toBe(3);
  });
});

describe('log epochs', () => {
  it('a device with a restored (older) log converges with nothing lost that any device still held, fields keeping their clocks', async () => {
    log = new MemoryLog(2, { epoch: 'e0' });
    const client = await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    const backup = log.messages.length;
    await createTask(client, task('t2'));
    await updateRecord(client, 'task', 't1', { title: 'umbenannt' });
    await syncOnce(client, log.transport('client'));
    await syncOnce(assistant, log.transport('assistant'));
    await updateRecord(assistant, 'task', 't2', { status: 'accepted' });
    await syncOnce(assistant, log.transport('assistant'));
    const held = await assistant.get('task', 't2');
    // The endpoint is restored from the backup taken after the first task; the operator did not renew
    // the epoch, but the client is ahead of the log, so the server makes a new one when it asks.
    log.restore(backup, false);
    await createTask(client, task('t3'));
    for (let round = 0; round < 2; round++) {
      await syncOnce(client, log.transport('client'));
      await syncOnce(assistant, log.transport('assistant'));
    }
    const fresh = await replica('client2', 'client', log);
    await syncOnce(fresh, log.transport('client2'));
    for (const db of [client, assistant, fresh]) {
      expect((await getRecord(db, 'task', 't1'))?.title).toBe('umbenannt');
      expect(await db.get('task', 't2')).toEqual(held);
      expect((await getRecord(db, 'task', 't3'))?.title).toBe('Aufgabe t3');
      expect(await db.count('quarantine')).toBe(0);
    }
    expect(await readCursor(fresh)).toBe(log.messages.at(-1)!.seq);
  });

  it('adopts the first epoch it hears of without re-publishing, and keeps working with a v1 server that names none', async () => {
    log = new MemoryLog(1000);
    const client = await replica('client', 'client', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    const pushed = log.messages.length;
    log.epoch = 'e1';
    await syncOnce(client, log.transport('client'));
    expect(log.messages).toHaveLength(pushed);
    expect(await client.get('meta', 'cursor')).toEqual({ cursor: pushed, epoch: 'e1', at: log.messages.at(-1)!.hlc });
  });
});
