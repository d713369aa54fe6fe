import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { acknowledgePush, applyLocalChange, openZuarbeitDb, takeOutboxBatch, type Db } from '../../lib/store';
import { killTransactionsOnAdd } from './kill-transactions';

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
  await applyLocalChange(db, [
    { entity: 'task', id: 't', field: 'title', value: 'Urteil' },
    { entity: 'task', id: 't', field: 'status', value: 'new' },
    { entity: 'instruction', id: 'i', field: 'title', value: 'Quellen' },
  ]);
});

describe('takeOutboxBatch', () => {
  it('takes the oldest entries first, at most max', async () => {
    expect((await takeOutboxBatch(db, 2)).map((e) => e.field)).toEqual(['title', 'status']);
  });
});

describe('acknowledgePush', () => {
  it('deletes what the server holds, keeps a clock-skew entry and re-stamps an hlc-taken one', async () => {
    const [title, status, instruction] = await takeOutboxBatch(db, 3);
    await acknowledgePush(db, [title, status, instruction], [
      { hlc: status.hlc, reason: 'clock-skew' },
      { hlc: instruction.hlc, reason: 'hlc-taken' },
    ]);
    const outbox = await db.getAll('outbox');
    expect(outbox.map((e) => [e.entity, e.field])).toEqual([
      ['task', 'status'],
      ['instruction', 'title'],
    ]);
    const restamped = outbox[1];
    expect(restamped.hlc > instruction.hlc).toBe(true);
    expect((await db.get('instruction', 'i'))?.clocks.title).toBe(restamped.hlc);
  });

  it('does not re-stamp an hlc-taken entry that a newer write of the field superseded', async () => {
    const [, , instruction] = await takeOutboxBatch(db, 3);
    const [newer] = await applyLocalChange(db, [{ entity: 'instruction', id: 'i', field: 'title', value: 'Quellen nennen' }]);
    await acknowledgePush(db, [instruction], [{ hlc: instruction.hlc, reason: 'hlc-taken' }]);
    expect((await db.getAll('outbox')).filter((e) => e.entity === 'instruction').map((e) => e.hlc)).toEqual([newer.hlc]);
  });

  it('keeps the hlc-taken entry when its re-stamp fails: acknowledgement and re-stamp are one transaction', async () => {
    const batch = await takeOutboxBatch(db, 3);
    const restore = killTransactionsOnAdd('outbox');
    try {
      await expect(acknowledgePush(db, batch, [{ hlc: batch[2].hlc, reason: 'hlc-taken' }])).rejects.toThrow();
    } finally {
      restore();
    }
    expect(await db.getAll('outbox')).toEqual(batch);
    expect((await db.get('instruction', 'i'))?.clocks.title).toBe(batch[2].hlc);
  });
});
