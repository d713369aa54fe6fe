import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import {
  applyPulledPage,
  clearConnection,
  ensureDeviceClock,
  getConnection,
  getKnownDevices,
  getSyncState,
  INITIAL_SYNC_STATE,
  openZuarbeitDb,
  readCursor,
  setConnection,
  setKnownDevices,
  setSyncState,
  type Db,
} from '../../lib/store';

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
});

describe('clearConnection', () => {
  it("forgets the workspace's connection, cursor, devices and sync state, and keeps the device clock", async () => {
    await setConnection(db, {
      endpoint: 'https://sync.example.org',
      workspaceId: 'ws',
      deviceId: 'd1',
      deviceName: 'Laptop',
      token: 't',
      role: 'client',
      keys: { k1: 'x' },
      currentKeyId: 'k1',
      joinedAt: '2026-11-27T05:00:00.000Z',
    });
    await applyPulledPage(db, { changes: [], cursor: 42 });
    await setKnownDevices(db, [{ id: 'd1', role: 'client', name: 'Laptop' }]);
    await setSyncState(db, { ...INITIAL_SYNC_STATE, attempt: 3, error: { reason: 'offline', message: 'down' } });
    const clock = await ensureDeviceClock(db);

    await clearConnection(db);
    expect(await getConnection(db)).toBeNull();
    expect(await readCursor(db)).toBe(0);
    expect(await getKnownDevices(db)).toEqual([]);
    expect(await getSyncState(db)).toEqual(INITIAL_SYNC_STATE);
    expect((await ensureDeviceClock(db)).node).toBe(clock.node);
  });
});
