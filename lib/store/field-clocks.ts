/**
 * Field clocks inside a transaction: reading the records a batch touches, last-writer-wins per
 * field, and stamping local changes. Shared by the store's writing operations; not exported
 * from lib/store.
 */
import type { Entity } from '../model';
import { formatHlc, tick, type Hlc } from '../protocol/hlc';
import { splitGroup } from '../protocol/group';
import type { FieldChange, StampedGroup } from './changes';
import type { StoredRecord } from './db';
import { putEach } from './transaction';

/**
 * The clock of `field` in `record`, read as an own property only (never one of Object.prototype's):
 * its entry in `clocks`, else the record's shared `clock` when `field` has a value (`id` has no clock).
 */
export function fieldClock(record: StoredRecord, field: string): string | undefined {
  if (Object.hasOwn(record.clocks, field)) return record.clocks[field];
  return record.clock !== undefined && field !== 'id' && Object.hasOwn(record.data, field) ? record.clock : undefined;
}

/** Every field of `record` that has a clock, with its clock. */
export function fieldClocks(record: StoredRecord): [field: string, hlc: string][] {
  const clocks = Object.entries(record.clocks);
  if (record.clock !== undefined) {
    for (const field of Object.keys(record.data))
      if (field !== 'id' && !Object.hasOwn(record.clocks, field)) clocks.push([field, record.clock]);
  }
  return clocks;
}

/** Whether any field of `record` has a clock (a record stored, or merged into). */
export const hasClocks = (record: StoredRecord) => record.clock !== undefined || Object.keys(record.clocks).length > 0;

const ownEntry = (target: Record<string, unknown>, field: string, value: unknown) =>
  Object.defineProperty(target, field, { value, writable: true, enumerable: true, configurable: true });

/**
 * Sets `field` of `target` as an own data property. Assignment is that for every name but
 * `__proto__` (Object.prototype's only accessor; the records' objects are plain), and much cheaper
 * than defineProperty on the first sync's 120,000 fields; `__proto__` takes defineProperty.
 */
function setOwn(target: Record<string, unknown>, field: string, value: unknown): void {
  if (field === '__proto__') ownEntry(target, field, value);
  else target[field] = value;
}

/**
 * Puts `record` in its stored form (in place), its field clocks unchanged: the clock most of its
 * fields share becomes the record's `clock` and leaves `clocks`, which keeps the others (issue 14:
 * a group's fields share one hlc, and eleven copies of it were half of what a task record costs
 * IndexedDB to write). A record with a value that has no clock is left as it is, since that value
 * would take the shared clock. Ties go to the newer clock, so every device stores the same form.
 */
export function compactClocks(record: StoredRecord): StoredRecord {
  const counts = new Map<string, number>();
  for (const field of Object.keys(record.data)) {
    if (field === 'id') continue;
    const hlc = fieldClock(record, field);
    if (hlc === undefined) return record;
    counts.set(hlc, (counts.get(hlc) ?? 0) + 1);
  }
  let shared: string | undefined;
  let most = 0;
  for (const [hlc, n] of counts) {
    if (n > most || (n === most && shared !== undefined && hlc > shared)) [shared, most] = [hlc, n];
  }
  if (shared === undefined) return record;
  const clocks: Record<string, string> = {};
  for (const [field, hlc] of fieldClocks(record)) {
    if (hlc !== shared || field === 'id' || !Object.hasOwn(record.data, field)) ownEntry(clocks, field, hlc);
  }
  record.clocks = clocks;
  record.clock = shared;
  return record;
}

/**
 * Puts the records of `keys` (keyed as readRecords files them) in their stored form, each store's
 * with its own requests (putEach) — all but the task records, which refreshTaskRows puts with their
 * list rows. Returns the records of `keys`, for refreshTaskRows. Every writer of records calls it.
 */
export function putChanged(
  tx: { objectStore(name: Entity): object },
  records: ReadonlyMap<string, StoredRecord>,
  keys: Iterable<string>,
): Map<string, StoredRecord> {
  const changed = new Map<string, StoredRecord>();
  const byStore = new Map<Entity, StoredRecord[]>();
  for (const key of keys) {
    const record = compactClocks(records.get(key)!);
    changed.set(key, record);
    const entity = entityOfKey(key);
    if (entity === 'task') continue;
    let stored = byStore.get(entity);
    if (!stored) byStore.set(entity, (stored = []));
    stored.push(record);
  }
  for (const [entity, stored] of byStore) putEach(tx.objectStore(entity), stored);
  return changed;
}

/** The value of `field` in `record`, read as an own property only. */
export function fieldValue(record: StoredRecord, field: string): unknown {
  return Object.hasOwn(record.data, field) ? record.data[field] : undefined;
}

/** Sets `field` of `record` to `value` if `hlc` is newer than the field's clock; returns whether it did. */
export function mergeField(record: StoredRecord, field: string, value: unknown, hlc: string): boolean {
  const current = fieldClock(record, field);
  if (current !== undefined && current >= hlc) return false;
  setOwn(record.data, field, value);
  setOwn(record.clocks, field, hlc);
  return true;
}

/** The key under which `readRecords` files a record. */
export const recordKey = (change: { entity: Entity; id: string }) => `${change.entity}\u0000${change.id}`;

/** The entity of a `recordKey`. */
export const entityOfKey = (key: string) => key.slice(0, key.indexOf('\u0000')) as Entity;

/** What readRecords needs of a transaction's object store. */
interface RecordReader {
  get(id: string): Promise<StoredRecord | undefined>;
  getAllKeys(query: IDBKeyRange, count?: number): Promise<IDBValidKey[]>;
}

/**
 * From how many records of one store a batch first asks for the keys that are stored (one request)
 * and reads only those: a page of the first sync brings 1,000 records that are not stored yet, and
 * asking for each costs a request (about 20 µs each in Chromium) where one key scan costs a few ms.
 */
export const KEY_SCAN_FROM = 64;
/** How many keys a key scan reads at most per record asked for; beyond its last key the records are read one by one. */
export const KEY_SCAN_SPAN = 16;

/** A placeholder for the order of readRecords' map, replaced before it returns. */
const EMPTY: StoredRecord = { id: '', data: {}, clocks: {} };

/** Which of `ids` (sorted, distinct) `store` holds; undefined where a bounded key scan could not tell. */
async function storedAmong(store: RecordReader, ids: readonly string[]): Promise<(boolean | undefined)[]> {
  const limit = ids.length * KEY_SCAN_SPAN;
  const keys = await store.getAllKeys(IDBKeyRange.bound(ids[0], ids.at(-1)), limit);
  const stored = new Set(keys.filter((key): key is string => typeof key === 'string'));
  // A full answer may have stopped before the last id: past its last key nothing is known.
  const last = keys.length === limit ? keys.at(-1) : undefined;
  return ids.map((id) => (stored.has(id) ? true : last === undefined || (typeof last === 'string' && id <= last) ? false : undefined));
}

/**
 * Reads every record the changes touch (an empty one where none is stored yet), all requests
 * issued at once: IndexedDB runs them in order within the transaction, and awaiting each in turn
 * would cost a task per record. From KEY_SCAN_FROM records of a store on, the stored keys are
 * asked for first and only those records are read.
 */
export async function readRecords(
  tx: { objectStore(name: Entity): RecordReader },
  changes: readonly { entity: Entity; id: string }[],
  /** Given: the keys of the records not stored (the empty ones) are added to it. */
  absent?: Set<string>,
): Promise<Map<string, StoredRecord>> {
  const byEntity = new Map<Entity, Set<string>>();
  // Filed in the changes' order, whatever order the reads finish in.
  const records = new Map<string, StoredRecord>();
  for (const change of changes) {
    const { entity, id } = change;
    let ids = byEntity.get(entity);
    if (!ids) byEntity.set(entity, (ids = new Set()));
    ids.add(id);
    records.set(recordKey(change), EMPTY);
  }
  const empty = (entity: Entity, id: string) => {
    const key = recordKey({ entity, id });
    absent?.add(key);
    records.set(key, { id, data: { id }, clocks: {} });
  };
  await Promise.all(
    [...byEntity].map(async ([entity, idSet]) => {
      const store = tx.objectStore(entity);
      const ids = [...idSet].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const known = ids.length >= KEY_SCAN_FROM ? await storedAmong(store, ids) : [];
      await Promise.all(
        ids.map(async (id, i) => {
          if (known[i] === false) return empty(entity, id);
          const stored = await store.get(id);
          if (stored) records.set(recordKey({ entity, id }), stored);
          else empty(entity, id);
        }),
      );
    }),
  );
  return records;
}

/**
 * Stamps local changes as groups (protocol v2): the fields of one record become one group with
 * one tick, or several (each with its own tick) when splitGroup must split it for the body limit;
 * a field written twice in `changes` keeps its last value. The groups are merged into `records`
 * (in memory). Returns the stamped groups (the outbox entries to add), the keys of the records
 * to put and the new clock. Throws EncryptError when one field alone exceeds the body limit.
 */
export function stampGroups(
  changes: readonly FieldChange[],
  records: Map<string, StoredRecord>,
  clock: Hlc,
  now: () => number,
): { stamped: StampedGroup[]; touched: Set<string>; clock: Hlc } {
  const byRecord = new Map<string, { entity: FieldChange['entity']; id: string; fields: Record<string, unknown> }>();
  for (const change of changes) {
    const key = recordKey(change);
    let group = byRecord.get(key);
    if (!group)
      byRecord.set(key, (group = { entity: change.entity, id: change.id, fields: Object.create(null) as Record<string, unknown> }));
    group.fields[change.field] = change.value;
  }
  const stamped: StampedGroup[] = [];
  const touched = new Set<string>();
  for (const [key, group] of byRecord) {
    const record = records.get(key)!;
    for (const piece of splitGroup(group)) {
      clock = tick(clock, now());
      const hlc = formatHlc(clock);
      for (const [field, value] of Object.entries(piece.fields)) mergeField(record, field, value, hlc);
      stamped.push({ hlc, entity: group.entity, id: group.id, fields: { ...piece.fields } });
    }
    touched.add(key);
  }
  return { stamped, touched, clock };
}
