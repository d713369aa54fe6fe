import { beforeEach, describe, expect, it } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { applyPulledPage, openZuarbeitDb, readCursor, type Db, type QuarantineEntry, type RemoteChange } from '../../lib/store';
import { readLogPosition } from '../../lib/store/pulled-page';

const author = 'aaaaaaaaaaaaaaaa';
const at = (n: number) => `2026-11-27T05:00:00.${String(n).padStart(3, '0')}Z-0000-${author}`;
const change = (field: string, value: unknown, n: number, entity: RemoteChange['entity'] = 'task', id = 't'): RemoteChange => ({
  entity,
  id,
  field,
  value,
  hlc: at(n),
  device: author,
});
const unreadable = (n: number): QuarantineEntry => ({
  hlc: at(n),
  device: author,
  reason: 'undecryptable',
  receivedAt: '2026-11-27T05:00:01.000Z',
});

let db: Db;
beforeEach(async () => {
  globalThis.indexedDB = new IDBFactory();
  db = await openZuarbeitDb('test');
});

describe('applyPulledPage', () => {
  it('stores the applied records, every quarantine entry, the cursor and the clock together', async () => {
    const result = await applyPulledPage(db, {
      changes: [change('title', 'Urteil', 1), change('title', 'forged', 2, 'instruction', 'i1')],
      quarantine: [unreadable(3)],
      refuse: (c) => (c.entity === 'instruction' ? 'not-allowed' : null),
      cursor: 3,
      now: () => Date.parse('2026-11-27T05:00:00.000Z'),
    });
    // The applied changes are named (the background's notifications read them, issue 15); the refused one is not among them.
    expect(result).toEqual({ applied: 1, quarantined: 2, appliedChanges: [change('title', 'Urteil', 1)] });
    expect((await db.get('task', 't'))?.data.title).toBe('Urteil');
    expect(await db.get('instruction', 'i1')).toBeUndefined();
    expect((await db.getAll('quarantine')).map((q) => [q.hlc, q.reason])).toEqual([
      [at(3), 'undecryptable'],
      [at(2), 'not-allowed'],
    ]);
    expect(await readCursor(db)).toBe(3);
    // Advanced past the largest applied or refused hlc (quarantined bodies were never read).
    expect(((await db.get('meta', 'clock')) as string) > at(2)).toBe(true);
  });

  it('stores nothing of the page when one of its record or counter puts fails', async () => {
    await applyPulledPage(db, { changes: [change('title', 'Erster Stand', 1)], cursor: 1 });
    // Task records (with their rows) go out as the stores' own requests (putEach): a failing one must still undo the page.
    for (const [store, failing] of [
      ['task', 2],
      ['taskRowCount', 1],
    ] as const) {
      const proto = globalThis.IDBObjectStore.prototype;
      const original = proto.put;
      let calls = 0;
      proto.put = function (this: IDBObjectStore, ...args: Parameters<IDBObjectStore['put']>) {
        const request = original.apply(this, args);
        // The put fails after it was issued, as a full disk would fail it.
        if (this.name === store && ++calls === failing) this.transaction.abort();
        return request;
      };
      try {
        const page = [
          change('title', 'Urteil', 2),
          change('title', 'Beschluss', 3, 'task', 't2'),
          change('title', 'Vermerk', 4, 'task', 't3'),
        ];
        await expect(applyPulledPage(db, { changes: page, cursor: 4 })).rejects.toThrow();
      } finally {
        proto.put = original;
      }
      expect(await db.get('task', 't')).toMatchObject({ data: { title: 'Erster Stand' }, row: { id: 't', invalid: 1 } });
      expect(await db.get('task', 't2')).toBeUndefined();
      expect(await db.getAll('taskRowCount')).toEqual([1]);
      expect(await readCursor(db)).toBe(1);
    }
  });

  it('stores nothing of the page when one quarantine write fails', async () => {
    await applyPulledPage(db, { changes: [], quarantine: [unreadable(1)], cursor: 1 });
    const [existing] = await db.getAll('quarantine');
    // An entry with a key the store already holds: the add fails inside the transaction.
    const clash = { ...unreadable(3), seq: existing.seq };
    await expect(applyPulledPage(db, { changes: [change('title', 'Urteil', 2)], quarantine: [clash], cursor: 3 })).rejects.toThrow();
    expect(await db.get('task', 't')).toBeUndefined();
    expect(await readCursor(db)).toBe(1);
    expect(await db.count('quarantine')).toBe(1);
    expect(await db.get('meta', 'clock')).toBeUndefined();
  });

  it('tells refuse the record owner, stored or set earlier in the same page', async () => {
    const owners: (string | undefined)[] = [];
    await applyPulledPage(db, {
      changes: [
        change('authorDevice', author, 1, 'comment', 'c1'),
        change('body', 'Frage', 2, 'comment', 'c1'),
        change('body', 'x', 3, 'comment', 'c2'),
      ],
      refuse: (c, owner) => {
        owners.push(owner);
        return null;
      },
      cursor: 3,
    });
    expect(owners).toEqual([author, author, undefined]);
    await applyPulledPage(db, {
      changes: [change('body', 'Antwort', 4, 'comment', 'c1')],
      refuse: (c, owner) => (owners.push(owner), null),
      cursor: 4,
    });
    expect(owners.at(-1)).toBe(author);
  });

  it('stores the epoch with the cursor, in the same transaction as the page', async () => {
    await applyPulledPage(db, { changes: [change('title', 'Urteil', 1)], cursor: 5, epoch: 'e1' });
    expect(await readLogPosition(db)).toEqual({ cursor: 5, epoch: 'e1' });
    await expect(
      applyPulledPage(db, {
        changes: [change('title', 'x', 2)],
        quarantine: [
          { ...unreadable(3), seq: 1 },
          { ...unreadable(4), seq: 1 },
        ],
        cursor: 9,
        epoch: 'e2',
      }),
    ).rejects.toThrow();
    expect(await readLogPosition(db)).toEqual({ cursor: 5, epoch: 'e1' });
    // With the hlc the server named at the cursor (the cursor check), kept with it.
    const at = '2026-12-01T10:00:00.000Z-0000-00000000000000aa';
    await applyPulledPage(db, { changes: [], cursor: 6, epoch: 'e1', cursorHlc: at });
    expect(await readLogPosition(db)).toEqual({ cursor: 6, epoch: 'e1', at });
  });

  it('merges a field named like an Object.prototype member as an own field, never through the prototype', async () => {
    await applyPulledPage(db, { changes: [change('valueOf', 'x', 1), change('title', 'Urteil', 2)], cursor: 2 });
    const stored = await db.get('task', 't');
    expect(Object.hasOwn(stored!.clocks, 'valueOf')).toBe(true);
    expect(stored?.data.title).toBe('Urteil');
  });

  it('reads cursor 0 before the first page and for a value that is not a position', async () => {
    expect(await readCursor(db)).toBe(0);
    await db.put('meta', -4, 'cursor');
    expect(await readCursor(db)).toBe(0);
  });
});
