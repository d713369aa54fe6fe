import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { newTask } from '../../lib/model';
import { buildRule } from '../../lib/recurrence';
import {
  createTask,
  listOccurrences,
  loadStanding,
  occurrencesReady,
  openZuarbeitDb,
  setOccurrenceResult,
  setOccurrenceStatus,
  setSyncState,
  INITIAL_SYNC_STATE,
  type Db,
} from '../../lib/store';
import { setConnection } from '../../lib/sync/connection';

const rule = buildRule({ kind: 'weekly', weekdays: ['MO'], start: '2026-12-07' });
let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb(`standing-${crypto.randomUUID()}`);
  await createTask(db, newTask({ id: 't', title: 'Weekly report', recurrence: { rule, anchor: 'schedule' } }));
  await createTask(db, newTask({ id: 'one-off', title: 'Once' }));
});

describe('standing tasks in the store', () => {
  it('writes an occurrence only when it changes, under the id its task and day give it', async () => {
    expect((await loadStanding(db)).occurrences).toEqual([]);
    await setOccurrenceStatus(db, 't', '2026-12-07', 'done', '2026-12-08');
    await setOccurrenceResult(db, { taskId: 't', day: '2026-12-07', status: 'done' }, { text: 'sent', links: [] });
    const { records } = await listOccurrences(db, 't');
    expect(records).toEqual([
      { id: 't:2026-12-07', taskId: 't', day: '2026-12-07', status: 'done', doneOn: '2026-12-08', result: { text: 'sent', links: [] } },
    ]);
    const outbox = await db.getAll('outbox');
    expect(outbox.filter((g) => g.entity === 'occurrence').map((g) => g.id)).toEqual(['t:2026-12-07', 't:2026-12-07']);
  });

  it('clears doneOn when reopened, and lists only standing tasks', async () => {
    await setOccurrenceStatus(db, 't', '2026-12-07', 'done', '2026-12-08');
    await setOccurrenceStatus(db, 't', '2026-12-07', 'new', '2026-12-08');
    expect((await listOccurrences(db, 't')).records[0]).toMatchObject({ status: 'new', doneOn: null });
    expect((await loadStanding(db)).tasks.map((t) => t.id)).toEqual(['t']);
  });

  it('derives nothing on a paired device before its first sync', async () => {
    expect(await occurrencesReady(db)).toBe(true);
    await setConnection(db, {
      endpoint: 'http://memory',
      workspaceId: 'ws',
      deviceId: 'd',
      deviceName: 'd',
      token: 'x',
      role: 'assistant',
      keys: { k1: 'a'.repeat(43) },
      currentKeyId: 'k1',
      joinedAt: '2026-12-01T00:00:00.000Z',
    });
    expect(await occurrencesReady(db)).toBe(false);
    expect((await loadStanding(db)).ready).toBe(false);
    await setSyncState(db, { ...INITIAL_SYNC_STATE, lastSuccessAt: '2026-12-01T00:01:00.000Z' });
    expect(await occurrencesReady(db)).toBe(true);
  });
});
