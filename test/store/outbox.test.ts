import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { openDB } from 'idb';
import { acknowledgePush, applyLocalChange, countPendingRecords, openZuarbeitDb, takeOutboxBatch, type Db } from '../../lib/store';
import { killTransactionsOnAdd } from './kill-transactions';
import type { StoredRecord } from '../../lib/store/db';
import { fieldClocks } from '../../lib/store/field-clocks';

const clocksOf = (record: StoredRecord | undefined) => (record ? Object.fromEntries(fieldClocks(record)) : undefined);

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
  await applyLocalChange(db, [
    { entity: 'task', id: 't', field: 'title', value: 'Urteil' },
    { entity: 'task', id: 't', field: 'status', value: 'new' },
    { entity: 'instruction', id: 'i', field: 'title', value: 'Quellen' },
  ]);
  await applyLocalChange(db, [{ entity: 'task', id: 't', field: 'due', value: '2026-12-01' }]);
});

describe('takeOutboxBatch', () => {
  it('takes the oldest groups first, at most max', async () => {
    expect((await takeOutboxBatch(db, 2)).map((e) => [e.entity, e.fields])).toEqual([
      ['task', { title: 'Urteil', status: 'new' }],
      ['instruction', { title: 'Quellen' }],
    ]);
  });
});

describe('acknowledgePush', () => {
  it('deletes what the server holds, keeps a clock-skew entry and re-stamps an hlc-taken one', async () => {
    const [task, instruction, due] = await takeOutboxBatch(db, 3);
    await acknowledgePush(
      db,
      [task, instruction, due],
      [
        { hlc: task.hlc, reason: 'clock-skew' },
        { hlc: instruction.hlc, reason: 'hlc-taken' },
      ],
    );
    const outbox = await db.getAll('outbox');
    expect(outbox.map((e) => [e.entity, e.fields])).toEqual([
      ['task', { title: 'Urteil', status: 'new' }],
      ['instruction', { title: 'Quellen' }],
    ]);
    const restamped = outbox[1];
    expect(restamped.hlc > instruction.hlc).toBe(true);
    expect(clocksOf(await db.get('instruction', 'i'))?.title).toBe(restamped.hlc);
  });

  it('re-stamps only the fields of an hlc-taken group that no newer write superseded', async () => {
    const [task] = await takeOutboxBatch(db, 1);
    const [newer] = await applyLocalChange(db, [{ entity: 'task', id: 't', field: 'title', value: 'Urteil lesen' }]);
    await acknowledgePush(db, [task], [{ hlc: task.hlc, reason: 'hlc-taken' }]);
    const waiting = (await db.getAll('outbox')).filter((e) => e.entity === 'task');
    expect(waiting.map((e) => e.fields)).toEqual([{ due: '2026-12-01' }, { title: 'Urteil lesen' }, { status: 'new' }]);
    expect(waiting[1].hlc).toBe(newer.hlc);
    expect(clocksOf(await db.get('task', 't'))).toMatchObject({ title: newer.hlc, status: waiting[2].hlc });
  });

  it('keeps the hlc-taken entry when its re-stamp fails: acknowledgement and re-stamp are one transaction', async () => {
    const batch = await takeOutboxBatch(db, 3);
    const restore = killTransactionsOnAdd('outbox');
    try {
      await expect(acknowledgePush(db, batch, [{ hlc: batch[1].hlc, reason: 'hlc-taken' }])).rejects.toThrow();
    } finally {
      restore();
    }
    expect(await db.getAll('outbox')).toEqual(batch);
    expect(clocksOf(await db.get('instruction', 'i'))?.title).toBe(batch[1].hlc);
  });
});

describe('countPendingRecords', () => {
  it('counts a record with several waiting groups once', async () => {
    expect(await countPendingRecords(db)).toBe(2);
  });
});

describe('the version 2 upgrade', () => {
  it('turns the per-field entries a version 1 database holds into groups of one field under the same hlc', async () => {
    const hlc = (n: number) => `2026-11-27T05:00:00.00${n}Z-0000-aaaaaaaaaaaaaaaa`;
    // The released version 1 schema (lib/store/db.ts, its first block) with the entries version 1 wrote.
    const v1 = await openDB('v1', 1, {
      upgrade(database) {
        database.createObjectStore('task', { keyPath: 'id' });
        database.createObjectStore('comment', { keyPath: 'id' }).createIndex('by-task', 'data.taskId');
        database.createObjectStore('instruction', { keyPath: 'id' });
        database.createObjectStore('timeEntry', { keyPath: 'id' }).createIndex('by-task', 'data.taskId');
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true });
        database.createObjectStore('drafts', { keyPath: 'id' });
        database.createObjectStore('quarantine', { keyPath: 'seq', autoIncrement: true });
        database.createObjectStore('meta');
      },
    });
    await v1.add('outbox', { entity: 'comment', id: 'c', field: 'authorDevice', value: 'dev', hlc: hlc(1) });
    await v1.add('outbox', { entity: 'comment', id: 'c', field: 'body', value: 'Frage', hlc: hlc(2) });
    await v1.add('outbox', { entity: 'task', id: 't', field: 'result', value: { text: 'x', links: [] }, hlc: hlc(3) });
    await v1.put('meta', 7, 'cursor');
    v1.close();

    const upgraded = await openZuarbeitDb('v1');
    expect(await upgraded.getAll('outbox')).toEqual([
      { seq: 1, hlc: hlc(1), entity: 'comment', id: 'c', fields: { authorDevice: 'dev' } },
      { seq: 2, hlc: hlc(2), entity: 'comment', id: 'c', fields: { body: 'Frage' } },
      { seq: 3, hlc: hlc(3), entity: 'task', id: 't', fields: { result: { text: 'x', links: [] } } },
    ]);
    const { readLogPosition } = await import('../../lib/store/pulled-page');
    expect(await readLogPosition(upgraded)).toEqual({ cursor: 7, epoch: null });
  });
});
