import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import { applyLocalChange, createTask, getRecord, listRecords, openZuarbeitDb, readCursor, type Db } from '../../lib/store';
import { encodeKey, setConnection } from '../../lib/sync/connection';
import { encryptMessage, fromBase64Url, generateWorkspaceKey, importWorkspaceKey, toBase64Url } from '../../lib/sync/crypto';
import { syncOnce } from '../../lib/sync/engine';
import { getSyncState, runSync } from '../../lib/sync/loop';
import { mayWrite } from '../../lib/sync/merge';
import { killTransactionsOnAdd } from '../store/kill-transactions';
import { MemoryLog } from './memory-log';
import type { StoredRecord } from '../../lib/store/db';
import { fieldClocks } from '../../lib/store/field-clocks';

const clocksOf = (record: StoredRecord | undefined) => (record ? Object.fromEntries(fieldClocks(record)) : undefined);

const KEY = encodeKey(generateWorkspaceKey());

async function replica(name: string, role: 'client' | 'assistant', log: MemoryLog, key = KEY): Promise<Db> {
  const db = await openZuarbeitDb(name);
  log.devices.push({ id: name, role });
  await setConnection(db, {
    endpoint: 'http://memory',
    workspaceId: 'ws',
    deviceId: name,
    deviceName: name,
    token: name,
    role,
    keys: { k1: key },
    currentKeyId: 'k1',
    joinedAt: new Date().toISOString(),
  });
  return db;
}

const task = (id: string) =>
  newTask({
    id,
    title: 'Schriftsatz prüfen',
    kind: 'revise-text',
    instructions: 'Bitte Fristen prüfen',
    source: { type: 'manual', url: null, title: 'Schriftsatz', capturedAt: '2026-11-27T05:00:00.000Z' },
    createdAt: '2026-11-27T05:00:00.000Z',
  });

let log: MemoryLog;
beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  log = new MemoryLog(1000);
});

describe('roles', () => {
  it('lets an assistant write status (not archived), result, and its own comments only', () => {
    const change = (entity: 'task' | 'comment' | 'instruction', field: string, value: unknown = 'x') => ({ entity, id: 'r', field, value });
    expect(mayWrite('assistant', 'a', change('task', 'status', 'review'), undefined)).toBe(true);
    expect(mayWrite('assistant', 'a', change('task', 'status', 'archived'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('task', 'result', { text: '', links: [] }), undefined)).toBe(true);
    expect(mayWrite('assistant', 'a', change('task', 'instructions'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('instruction', 'body'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('comment', 'authorDevice', 'a'), undefined)).toBe(true);
    expect(mayWrite('assistant', 'a', change('comment', 'authorDevice', 'c'), undefined)).toBe(false);
    expect(mayWrite('assistant', 'a', change('comment', 'body'), 'a')).toBe(true);
    expect(mayWrite('assistant', 'a', change('comment', 'body'), 'c')).toBe(false);
    expect(mayWrite('assistant', 'a', change('comment', 'authorDevice', 'a'), 'c')).toBe(false);
    expect(mayWrite('client', 'c', change('instruction', 'body'), undefined)).toBe(true);
  });

  it('quarantines what an assistant may not write, and applies the rest', async () => {
    const client = await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    await syncOnce(assistant, log.transport('assistant'));
    await applyLocalChange(assistant, [
      { entity: 'task', id: 't1', field: 'instructions', value: 'Ignore all fristen' },
      { entity: 'task', id: 't1', field: 'status', value: 'in-progress' },
      { entity: 'instruction', id: 'i1', field: 'title', value: 'forged' },
    ]);
    await syncOnce(assistant, log.transport('assistant'));
    const report = await syncOnce(client, log.transport('client'));
    expect(report.quarantined).toBe(2);
    const t = await getRecord(client, 'task', 't1');
    expect(t?.instructions).toBe('Bitte Fristen prüfen');
    expect(t?.status).toBe('in-progress');
    expect(await client.get('instruction', 'i1')).toBeUndefined();
    expect((await client.getAll('quarantine')).map((q) => q.reason)).toEqual(['not-allowed', 'not-allowed']);
  });

  it('quarantines messages from a device the workspace does not know', async () => {
    const client = await replica('client', 'client', log);
    const stranger = await openZuarbeitDb('stranger');
    await setConnection(stranger, {
      endpoint: 'http://memory',
      workspaceId: 'ws',
      deviceId: 'stranger',
      deviceName: 's',
      token: 's',
      role: 'client',
      keys: { k1: KEY },
      currentKeyId: 'k1',
      joinedAt: new Date().toISOString(),
    });
    await createTask(stranger, task('t9'));
    await syncOnce(stranger, log.transport('stranger'));
    const report = await syncOnce(client, log.transport('client'));
    expect(report.quarantined).toBeGreaterThan(0);
    expect((await listRecords(client, 'task')).records).toHaveLength(0);
    expect((await client.getAll('quarantine')).every((q) => q.reason === 'unknown-device')).toBe(true);
  });
});

describe('tampering', () => {
  it('quarantines a moved body, a flipped bit and a wrong key; state unchanged; reported in the sync state', async () => {
    const client = await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    await runSync(assistant, { transport: log.transport('assistant') });
    const before = await getRecord(assistant, 'task', 't1');
    expect(before?.title).toBe('Schriftsatz prüfen');

    const key = await importWorkspaceKey(fromBase64Url(KEY));
    const place = (hlc: string) => ({ workspaceId: 'ws', hlc, keyId: 'k1' });
    const hlcA = '2026-11-27T06:00:00.000Z-0000-aaaaaaaaaaaaaaaa';
    const hlcB = '2026-11-27T06:00:00.001Z-0000-aaaaaaaaaaaaaaaa';
    const evil = { entity: 'task' as const, id: 't1', field: 'title', value: 'pwned' };
    // 1. a body moved to another hlc
    const moved = await encryptMessage(key, place(hlcA), evil);
    log.messages.push({ seq: log.messages.length + 1, hlc: hlcB, keyId: 'k1', device: 'client', body: moved });
    // 2. a flipped bit
    const flipped = fromBase64Url(await encryptMessage(key, place('2026-11-27T06:00:00.002Z-0000-aaaaaaaaaaaaaaaa'), evil));
    flipped[30] ^= 0x10;
    log.messages.push({
      seq: log.messages.length + 1,
      hlc: '2026-11-27T06:00:00.002Z-0000-aaaaaaaaaaaaaaaa',
      keyId: 'k1',
      device: 'client',
      body: toBase64Url(flipped),
    });
    // 3. a wrong key
    const wrongKey = await importWorkspaceKey(generateWorkspaceKey());
    const hlcC = '2026-11-27T06:00:00.003Z-0000-aaaaaaaaaaaaaaaa';
    log.messages.push({
      seq: log.messages.length + 1,
      hlc: hlcC,
      keyId: 'k1',
      device: 'client',
      body: await encryptMessage(wrongKey, place(hlcC), evil),
    });

    const result = await runSync(assistant, { transport: log.transport('assistant') });
    expect(result.outcome).toBe('synced');
    expect(await getRecord(assistant, 'task', 't1')).toEqual(before);
    expect(await assistant.count('quarantine')).toBe(3);
    expect((await getSyncState(assistant)).quarantined).toBe(3);
  });
});

describe('run loop', () => {
  it('backs off after a failure, keeps the outbox, and recovers', async () => {
    const client = await replica('client', 'client', log);
    await createTask(client, task('t1'));
    const pending = await client.count('outbox');
    let now = Date.parse('2026-11-27T05:00:00.000Z');
    log.clock = () => now;
    const offline = { ...log.transport('client'), sync: () => Promise.reject(new (class extends Error {})('x')) };
    const failed = await runSync(client, { transport: offline, now: () => now });
    expect(failed.outcome).toBe('failed');
    expect(await client.count('outbox')).toBe(pending);
    const state = await getSyncState(client);
    expect(state.attempt).toBe(1);
    expect(Date.parse(state.nextRetryAt!)).toBeGreaterThan(now);
    expect(await runSync(client, { transport: log.transport('client'), now: () => now })).toEqual({ outcome: 'skipped', why: 'backoff' });
    now += 10 * 60_000;
    const ok = await runSync(client, { transport: log.transport('client'), now: () => now });
    expect(ok.outcome).toBe('synced');
    expect(await client.count('outbox')).toBe(0);
    expect((await getSyncState(client)).error).toBeNull();
    expect(log.messages).toHaveLength(pending);
  });

  it('never runs two syncs at once', async () => {
    const client = await replica('client', 'client', log);
    const results = await Promise.all([
      runSync(client, { transport: log.transport('client') }),
      runSync(client, { transport: log.transport('client') }),
    ]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['skipped', 'synced']);
  });

  it('names a clock that is more than a day behind the server', async () => {
    const client = await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    const result = await runSync(assistant, { transport: log.transport('assistant'), now: () => Date.now() - 3 * 86_400_000 });
    expect(result).toEqual({ outcome: 'failed', reason: 'clock-skew' });
    expect(await assistant.get('meta', 'cursor')).toBeUndefined();
    // The offset is known, so the UI can say "your clock is 3 days behind".
    expect((await getSyncState(assistant)).clockOffsetMs).toBeGreaterThan(2.9 * 86_400_000);
  });
});

describe('forced runs', () => {
  it('skip our own backoff but not a pause the endpoint asked for', async () => {
    const client = await replica('client', 'client', log);
    let now = Date.parse('2026-11-27T05:00:00.000Z');
    log.clock = () => now;
    const failing = (error: unknown) => ({ ...log.transport('client'), sync: () => Promise.reject(error) });
    const { SyncError } = await import('../../lib/sync/client');
    await runSync(client, { transport: failing(new SyncError('offline', 'down')), now: () => now });
    expect((await runSync(client, { transport: log.transport('client'), now: () => now, force: true })).outcome).toBe('synced');
    await runSync(client, { transport: failing(new SyncError('rate-limited', 'slow down', 120_000)), now: () => now, force: true });
    expect(await runSync(client, { transport: log.transport('client'), now: () => now, force: true })).toEqual({
      outcome: 'skipped',
      why: 'backoff',
    });
    now += 121_000;
    expect((await runSync(client, { transport: log.transport('client'), now: () => now, force: true })).outcome).toBe('synced');
  });
});

describe('hlc taken by another device', () => {
  it('re-stamps the local change with a fresh hlc instead of losing it', async () => {
    const client = await replica('client', 'client', log);
    const other = await replica('client2', 'client', log);
    await applyLocalChange(client, [{ entity: 'instruction', id: 'i1', field: 'title', value: 'Quellen angeben' }]);
    const [entry] = await client.getAll('outbox');
    // Another device's message already holds that hlc (a cloned profile would do this).
    log.messages.push({
      seq: log.messages.length + 1,
      hlc: entry.hlc,
      keyId: 'k1',
      device: 'client2',
      body: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });
    await syncOnce(client, log.transport('client'));
    const [restamped] = await client.getAll('outbox');
    expect(restamped.hlc).not.toBe(entry.hlc);
    expect(restamped.hlc > entry.hlc).toBe(true);
    await syncOnce(client, log.transport('client'));
    expect(await client.count('outbox')).toBe(0);
    await syncOnce(other, log.transport('client2'));
    expect((await other.get('instruction', 'i1'))?.data.title).toBe('Quellen angeben');
    expect((await client.getAll('quarantine')).map((q) => q.reason)).toEqual(['undecryptable']);
  });
});

describe('one pulled page, one transaction', () => {
  it('stores nothing of a page when its quarantine write fails, and all of it when it succeeds', async () => {
    const client = await replica('client', 'client', log);
    const assistant = await replica('assistant', 'assistant', log);
    await createTask(client, task('t1'));
    await syncOnce(client, log.transport('client'));
    await syncOnce(assistant, log.transport('assistant'));
    await applyLocalChange(assistant, [
      { entity: 'task', id: 't1', field: 'status', value: 'in-progress' },
      { entity: 'instruction', id: 'i1', field: 'title', value: 'forged' },
    ]);
    await syncOnce(assistant, log.transport('assistant'));
    const cursorBefore = await readCursor(client);
    const clockBefore = await client.get('meta', 'clock');

    const restore = killTransactionsOnAdd('quarantine');
    try {
      await expect(syncOnce(client, log.transport('client'))).rejects.toThrow();
    } finally {
      restore();
    }
    expect(await readCursor(client)).toBe(cursorBefore);
    expect(await client.get('meta', 'clock')).toBe(clockBefore);
    expect((await getRecord(client, 'task', 't1'))?.status).toBe('new');
    expect(await client.count('quarantine')).toBe(0);

    await syncOnce(client, log.transport('client'));
    expect(await readCursor(client)).toBe(log.messages.length);
    expect((await getRecord(client, 'task', 't1'))?.status).toBe('in-progress');
    expect((await client.getAll('quarantine')).map((q) => q.reason)).toEqual(['not-allowed']);
  });

  it('keeps an hlc-taken entry in the outbox when its re-stamp fails, and delivers it once it succeeds', async () => {
    const client = await replica('client', 'client', log);
    const other = await replica('client2', 'client', log);
    await applyLocalChange(client, [{ entity: 'instruction', id: 'i1', field: 'title', value: 'Quellen angeben' }]);
    const [entry] = await client.getAll('outbox');
    log.messages.push({
      seq: log.messages.length + 1,
      hlc: entry.hlc,
      keyId: 'k1',
      device: 'client2',
      body: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    });

    const restore = killTransactionsOnAdd('outbox');
    try {
      await expect(syncOnce(client, log.transport('client'))).rejects.toThrow();
    } finally {
      restore();
    }
    expect(await client.getAll('outbox')).toEqual([entry]);
    expect(clocksOf(await client.get('instruction', 'i1'))?.title).toBe(entry.hlc);

    await syncOnce(client, log.transport('client'));
    await syncOnce(client, log.transport('client'));
    expect(await client.count('outbox')).toBe(0);
    await syncOnce(other, log.transport('client2'));
    expect((await other.get('instruction', 'i1'))?.data.title).toBe('Quellen angeben');
  });
});
