import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { openZuarbeitDb, type Db } from '../../lib/store';
import type { StoredRecord } from '../../lib/store/db';
import {
  compactClocks,
  fieldClock,
  fieldClocks,
  KEY_SCAN_FROM,
  KEY_SCAN_SPAN,
  mergeField,
  readRecords,
  recordKey,
} from '../../lib/store/field-clocks';

const stored = (id: string): StoredRecord => ({ id, data: { id, title: `Aufgabe ${id}` }, clocks: { title: `hlc-${id}` } });

async function freshDb(): Promise<Db> {
  globalThis.indexedDB = new IDBFactory();
  return openZuarbeitDb('read-records');
}

/** What readRecords must hand out: each asked record as stored, or an empty one (and its key in `absent`). */
async function readNaively(db: Db, asked: { entity: 'task' | 'comment'; id: string }[]) {
  const records = new Map<string, StoredRecord>();
  const absent = new Set<string>();
  for (const change of asked) {
    const key = recordKey(change);
    if (records.has(key)) continue;
    const record = await db.get(change.entity, change.id);
    if (!record) absent.add(key);
    records.set(key, record ?? { id: change.id, data: { id: change.id }, clocks: {} });
  }
  return { records, absent };
}

describe('readRecords', () => {
  it('finds every stored record and only those, with and without the key scan, also when the scan stops early', async () => {
    // Ids from a small alphabet, so the asked ones and the stored ones overlap and interleave;
    // batches of up to 3 × KEY_SCAN_FROM records cross the key-scan threshold, and up to
    // 2,000 stored keys in their range make a scan of KEY_SCAN_SPAN keys per record stop early.
    const id = fc.stringMatching(/^[a-d]{1,6}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(id, { maxLength: 2_000, size: 'max' }),
        fc.array(fc.record({ entity: fc.constantFrom('task' as const, 'comment' as const), id }), {
          maxLength: 3 * KEY_SCAN_FROM,
          size: 'max',
        }),
        async (storedIds, asked) => {
          const db = await freshDb();
          const tx = db.transaction(['task', 'comment'], 'readwrite');
          for (const storedId of storedIds) void tx.objectStore(storedId.length % 2 ? 'task' : 'comment').put(stored(storedId));
          await tx.done;
          const expected = await readNaively(db, asked);
          const absent = new Set<string>();
          const read = await readRecords(db.transaction(['task', 'comment']), asked, absent);
          expect([...read.keys()]).toEqual([...expected.records.keys()]);
          expect(Object.fromEntries(read)).toEqual(Object.fromEntries(expected.records));
          expect(absent).toEqual(expected.absent);
          db.close();
        },
      ),
      { numRuns: 25 },
    );
  });

  it('reads past a key scan that stopped before the last asked id', async () => {
    const db = await freshDb();
    const asked = Array.from({ length: KEY_SCAN_FROM }, (_, i) => `t${String(i * 100).padStart(6, '0')}`);
    // More stored keys between the first and the last asked id than one scan reads.
    const filler = Array.from({ length: KEY_SCAN_FROM * KEY_SCAN_SPAN + 500 }, (_, i) => `t${String(i).padStart(6, '0')}a`);
    const tx = db.transaction('task', 'readwrite');
    for (const storedId of [...filler, asked[0], asked.at(-1)!]) void tx.objectStore('task').put(stored(storedId));
    await tx.done;
    const absent = new Set<string>();
    const read = await readRecords(
      db.transaction('task'),
      asked.map((taskId) => ({ entity: 'task' as const, id: taskId })),
      absent,
    );
    // The last asked id lies beyond the scan's last key: it is read, and found.
    expect(read.get(recordKey({ entity: 'task', id: asked.at(-1)! }))).toEqual(stored(asked.at(-1)!));
    expect(read.get(recordKey({ entity: 'task', id: asked[0] }))).toEqual(stored(asked[0]));
    expect(absent.size).toBe(asked.length - 2);
    db.close();
  });
});

describe('compactClocks', () => {
  const hlc = fc.constantFrom(
    '2026-12-01T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
    '2026-12-01T10:00:00.000Z-0001-aaaaaaaaaaaaaaaa',
    '2026-12-02T08:00:00.000Z-0000-bbbbbbbbbbbbbbbb',
  );
  // Field names include Object.prototype's and `id`, which never takes the shared clock.
  const field = fc.constantFrom('title', 'status', 'due', 'valueOf', '__proto__', 'constructor', 'id');
  /** A record built by merging fields, as the store builds them; some then compacted and merged into again. */
  const record = fc
    .tuple(fc.array(fc.tuple(field, fc.jsonValue(), hlc)), fc.array(fc.tuple(field, fc.jsonValue(), hlc)))
    .map(([first, later]) => {
      const built: StoredRecord = { id: 'r', data: { id: 'r' }, clocks: {} };
      for (const [name, value, at] of first) if (name !== 'id') mergeField(built, name, value, at);
      compactClocks(built);
      for (const [name, value, at] of later) if (name !== 'id') mergeField(built, name, value, at);
      return built;
    });
  const semantics = (r: StoredRecord) => new Map(fieldClocks(r));

  it('keeps every field clock, and stores the same form for the same clocks', () => {
    fc.assert(
      fc.property(record, (r) => {
        const before = semantics(r);
        const copy = structuredClone(r);
        compactClocks(r);
        expect(semantics(r)).toEqual(before);
        for (const name of ['title', 'status', 'due', 'valueOf', '__proto__', 'constructor', 'id']) {
          expect(fieldClock(r, name)).toBe(before.get(name));
        }
        // Whatever form the clocks had before (compacted or not), the same clocks give the same stored form.
        // Built in the reverse order, so no tie may be decided by the order fields were written in.
        const fresh: StoredRecord = { id: 'r', data: {}, clocks: {} };
        for (const [name, value] of Object.entries(copy.data).reverse()) {
          Object.defineProperty(fresh.data, name, { value, enumerable: true, writable: true, configurable: true });
        }
        for (const [name, at] of [...before].reverse()) {
          Object.defineProperty(fresh.clocks, name, { value: at, enumerable: true, writable: true, configurable: true });
        }
        expect(structuredClone(compactClocks(fresh))).toEqual(structuredClone(r));
        // Idempotent.
        expect(structuredClone(compactClocks(structuredClone(r)))).toEqual(structuredClone(r));
      }),
    );
  });

  it('stores a group written at once with one clock', () => {
    const r: StoredRecord = { id: 't', data: { id: 't' }, clocks: {} };
    for (const name of ['title', 'status', 'due']) mergeField(r, name, name, '2026-12-01T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa');
    mergeField(r, 'status', 'done', '2026-12-02T08:00:00.000Z-0000-bbbbbbbbbbbbbbbb');
    expect(compactClocks(r)).toEqual({
      id: 't',
      data: { id: 't', title: 'title', status: 'done', due: 'due' },
      clock: '2026-12-01T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa',
      clocks: { status: '2026-12-02T08:00:00.000Z-0000-bbbbbbbbbbbbbbbb' },
    });
  });

  it('leaves a record with a value that has no clock as it is', () => {
    const r: StoredRecord = {
      id: 't',
      data: { id: 't', title: 'old', status: 'new' },
      clocks: { status: '2026-12-01T10:00:00.000Z-0000-aaaaaaaaaaaaaaaa' },
    };
    const before = structuredClone(r);
    expect(compactClocks(r)).toEqual(before);
    expect(fieldClock(r, 'title')).toBeUndefined();
  });
});
