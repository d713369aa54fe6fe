/**
 * Writing records: local edits (clock tick + fields + field clocks + outbox, one transaction)
 * and remote messages (last-writer-wins per field by HLC).
 */
import type { Entity } from '../model';
import { formatHlc, initialHlc, newNodeId, parseHlc, receive, tick, type Hlc } from '../sync/hlc';
import type { Db, OutboxEntry, StoredRecord } from './db';
import { announceChange } from './events';

/** One field of one record set to a value. */
export interface FieldChange {
  entity: Entity;
  id: string;
  field: string;
  value: unknown;
}

/** A field change stamped with the clock of its author. */
export interface StampedChange extends FieldChange {
  hlc: string;
}

export const META_CLOCK = 'clock';

/** Reads the device clock inside a transaction that includes `meta`, creating the node id on first use. */
async function readClock(meta: { get(key: string): Promise<unknown> }): Promise<Hlc> {
  const stored = await meta.get(META_CLOCK);
  if (typeof stored === 'string') {
    try {
      return parseHlc(stored);
    } catch {
      // A corrupted clock must not block writes: start a fresh node, which is always safe.
    }
  }
  return initialHlc(newNodeId());
}

/** Sets `field` of `record` to `value` if `hlc` is newer than the field's clock; returns whether it did. */
export function mergeField(record: StoredRecord, field: string, value: unknown, hlc: string): boolean {
  const current = record.clocks[field];
  if (current !== undefined && current >= hlc) return false;
  record.data[field] = value;
  record.clocks[field] = hlc;
  return true;
}

function emptyRecord(id: string): StoredRecord {
  return { id, data: { id }, clocks: {} };
}

/**
 * Applies local edits: ticks the clock once per field and writes fields, field clocks and
 * outbox entries in a single readwrite transaction, so a killed worker or closed popup loses nothing.
 */
export async function applyLocalChange(
  db: Db,
  changes: FieldChange[],
  options: { deleteDraft?: string; now?: () => number } = {},
): Promise<StampedChange[]> {
  if (changes.length === 0) return [];
  const now = options.now ?? Date.now;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...entities, 'outbox', 'meta', 'drafts'], 'readwrite');
  // Delegating a draft turns it into a task atomically: never both, never neither.
  if (options.deleteDraft !== undefined) await tx.objectStore('drafts').delete(options.deleteDraft);
  const meta = tx.objectStore('meta');
  let clock = await readClock(meta);
  const records = new Map<string, StoredRecord>();
  const stamped: StampedChange[] = [];
  for (const change of changes) {
    clock = tick(clock, now());
    const hlc = formatHlc(clock);
    const key = `${change.entity}\u0000${change.id}`;
    let record = records.get(key);
    if (!record) {
      record = (await tx.objectStore(change.entity).get(change.id)) ?? emptyRecord(change.id);
      records.set(key, record);
    }
    mergeField(record, change.field, change.value, hlc);
    const entry: OutboxEntry = { hlc, entity: change.entity, id: change.id, field: change.field, value: change.value };
    await tx.objectStore('outbox').add(entry);
    stamped.push({ ...change, hlc });
  }
  for (const [key, record] of records) {
    const entity = key.slice(0, key.indexOf('\u0000')) as Entity;
    await tx.objectStore(entity).put(record);
  }
  await meta.put(formatHlc(clock), META_CLOCK);
  await tx.done;
  for (const entity of entities) {
    announceChange({ kind: entity, ids: [...new Set(changes.filter((c) => c.entity === entity).map((c) => c.id))] });
  }
  if (options.deleteDraft !== undefined) announceChange({ kind: 'drafts', ids: [options.deleteDraft] });
  announceChange({ kind: 'outbox' });
  return stamped;
}

/**
 * Applies messages from other devices, last writer wins per field. Idempotent and
 * order-independent; advances the local clock by the batch maximum in the same transaction.
 * Returns how many fields changed.
 */
export async function applyRemoteChanges(db: Db, changes: StampedChange[], options: { now?: () => number } = {}): Promise<number> {
  if (changes.length === 0) return 0;
  const now = options.now ?? Date.now;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...entities, 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  let maxHlc = changes[0].hlc;
  for (const change of changes) if (change.hlc > maxHlc) maxHlc = change.hlc;
  let nextClock: Hlc;
  try {
    // Throws for a clock too far ahead: decide before writing anything, then abort.
    nextClock = receive(await readClock(meta), parseHlc(maxHlc), now());
  } catch (error) {
    tx.abort();
    await tx.done.catch(() => undefined);
    throw error;
  }
  const records = new Map<string, StoredRecord>();
  let applied = 0;
  for (const change of changes) {
    const key = `${change.entity}\u0000${change.id}`;
    let record = records.get(key);
    if (!record) {
      record = (await tx.objectStore(change.entity).get(change.id)) ?? emptyRecord(change.id);
      records.set(key, record);
    }
    if (mergeField(record, change.field, change.value, change.hlc)) applied++;
  }
  const writes: Promise<unknown>[] = [];
  for (const [key, record] of records) {
    const entity = key.slice(0, key.indexOf('\u0000')) as Entity;
    writes.push(tx.objectStore(entity).put(record));
  }
  writes.push(meta.put(formatHlc(nextClock), META_CLOCK));
  await Promise.all(writes);
  await tx.done;
  for (const entity of entities) announceChange({ kind: entity });
  return applied;
}

/** Reads the device's current clock (for display and tests). */
export async function readDeviceClock(db: Db): Promise<Hlc> {
  const tx = db.transaction('meta', 'readonly');
  const clock = await readClock(tx.objectStore('meta'));
  await tx.done;
  return clock;
}
