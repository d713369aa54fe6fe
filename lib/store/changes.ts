/**
 * Writing records: local edits (clock tick + fields + field clocks + outbox, one transaction)
 * and remote messages (last-writer-wins per field by HLC).
 */
import { ENTITIES, type Entity, type Role } from '../model';
import { formatHlc, initialHlc, newNodeId, parseHlc, receive, tick, type Hlc } from '../protocol/hlc';
import type { Db, OutboxEntry, QuarantineEntry, StoredRecord } from './db';
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

const recordKey = (change: { entity: Entity; id: string }) => `${change.entity}\u0000${change.id}`;

/**
 * Reads every record the changes touch, all requests issued at once (IndexedDB runs them in
 * order within the transaction; awaiting each in turn would cost a task per record).
 */
async function readRecords(
  tx: { objectStore(name: Entity): { get(id: string): Promise<StoredRecord | undefined> } },
  changes: { entity: Entity; id: string }[],
): Promise<Map<string, StoredRecord>> {
  const unique = new Map<string, { entity: Entity; id: string }>();
  for (const change of changes) unique.set(recordKey(change), change);
  const entries = await Promise.all(
    [...unique].map(async ([key, { entity, id }]) => [key, (await tx.objectStore(entity).get(id)) ?? emptyRecord(id)] as const),
  );
  return new Map(entries);
}

/**
 * Applies local edits: ticks the clock once per field and writes fields, field clocks and
 * outbox entries in a single readwrite transaction, so a killed worker or closed popup loses nothing.
 */
export async function applyLocalChange(
  db: Db,
  changes: FieldChange[],
  options: {
    deleteDraft?: string;
    now?: () => number;
    replaceOutbox?: boolean;
    /** Drop changes that set a field to the value it already has (an autosave of unchanged fields). */
    skipUnchanged?: boolean;
  } = {},
): Promise<StampedChange[]> {
  if (changes.length === 0 && !options.replaceOutbox) return [];
  const now = options.now ?? Date.now;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...entities, 'outbox', 'meta', 'drafts'], 'readwrite');
  // Delegating a draft turns it into a task atomically: never both, never neither.
  if (options.deleteDraft !== undefined) await tx.objectStore('drafts').delete(options.deleteDraft);
  // Publishing to a new workspace: what waited for the old one is replaced by these changes.
  if (options.replaceOutbox) await tx.objectStore('outbox').clear();
  const meta = tx.objectStore('meta');
  let clock = await readClock(meta);
  const records = await readRecords(tx, changes);
  const effective = options.skipUnchanged
    ? changes.filter((c) => JSON.stringify(records.get(recordKey(c))!.data[c.field]) !== JSON.stringify(c.value))
    : changes;
  const stamped: StampedChange[] = [];
  const writes: Promise<unknown>[] = [];
  const touched = new Set<string>();
  for (const change of effective) {
    clock = tick(clock, now());
    const hlc = formatHlc(clock);
    mergeField(records.get(recordKey(change))!, change.field, change.value, hlc);
    touched.add(recordKey(change));
    const entry: OutboxEntry = { hlc, entity: change.entity, id: change.id, field: change.field, value: change.value };
    writes.push(tx.objectStore('outbox').add(entry));
    stamped.push({ ...change, hlc });
  }
  for (const key of touched) {
    const entity = key.slice(0, key.indexOf('\u0000')) as Entity;
    writes.push(tx.objectStore(entity).put(records.get(key)!));
  }
  if (effective.length > 0) writes.push(meta.put(formatHlc(clock), META_CLOCK));
  await Promise.all(writes);
  await tx.done;
  if (effective.length === 0 && !options.replaceOutbox && options.deleteDraft === undefined) return [];
  for (const entity of entities) {
    const ids = [...new Set(effective.filter((c) => c.entity === entity).map((c) => c.id))];
    if (ids.length > 0) announceChange({ kind: entity, ids });
  }
  if (options.deleteDraft !== undefined) announceChange({ kind: 'drafts', ids: [options.deleteDraft] });
  announceChange({ kind: 'outbox' });
  return stamped;
}

/** A remote change together with the device that the server says wrote it. */
export interface RemoteChange extends StampedChange {
  device?: string;
}

export interface RemoteApplyOptions {
  now?: () => number;
  /**
   * Decides whether the author may write this change; `owner` is the authorDevice of the record
   * (stored, else set in this batch). Refused changes are returned, not applied.
   */
  allow?: (change: RemoteChange, owner: string | undefined) => boolean;
  /** Written in the same transaction, so the cursor never runs ahead of what was applied. */
  cursor?: number;
  quarantine?: QuarantineEntry[];
}

export interface RemoteApplyResult {
  applied: number;
  refused: RemoteChange[];
}

export const META_CURSOR = 'cursor';

/**
 * Applies messages from other devices, last writer wins per field. Idempotent and
 * order-independent; advances the local clock by the batch maximum, the cursor and the
 * quarantine in the same transaction.
 */
export async function applyRemoteChanges(db: Db, changes: RemoteChange[], options: RemoteApplyOptions = {}): Promise<RemoteApplyResult> {
  const now = options.now ?? Date.now;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...entities, 'meta', 'quarantine'], 'readwrite');
  const meta = tx.objectStore('meta');
  let nextClock: Hlc | undefined;
  if (changes.length > 0) {
    let maxHlc = changes[0].hlc;
    for (const change of changes) if (change.hlc > maxHlc) maxHlc = change.hlc;
    try {
      // Throws for a clock too far ahead: decide before writing anything, then abort.
      nextClock = receive(await readClock(meta), parseHlc(maxHlc), now());
    } catch (error) {
      tx.abort();
      await tx.done.catch(() => undefined);
      throw error;
    }
  }
  const batchOwners = new Map<string, string>();
  for (const change of changes) {
    if (change.field === 'authorDevice' && typeof change.value === 'string') batchOwners.set(recordKey(change), change.value);
  }
  const records = await readRecords(tx, changes);
  const refused: RemoteChange[] = [];
  const dirty = new Set<string>();
  let applied = 0;
  for (const change of changes) {
    const key = recordKey(change);
    const record = records.get(key)!;
    if (options.allow) {
      const stored = record.clocks.authorDevice !== undefined ? record.data.authorDevice : undefined;
      const owner = typeof stored === 'string' ? stored : batchOwners.get(key);
      if (!options.allow(change, owner)) {
        refused.push(change);
        continue;
      }
    }
    if (mergeField(record, change.field, change.value, change.hlc)) {
      applied++;
      dirty.add(key);
    }
  }
  const writes: Promise<unknown>[] = [];
  for (const key of dirty) {
    const entity = key.slice(0, key.indexOf('\u0000')) as Entity;
    writes.push(tx.objectStore(entity).put(records.get(key)!));
  }
  if (nextClock) writes.push(meta.put(formatHlc(nextClock), META_CLOCK));
  if (options.cursor !== undefined) writes.push(meta.put(options.cursor, META_CURSOR));
  for (const entry of options.quarantine ?? []) writes.push(tx.objectStore('quarantine').add(entry));
  await Promise.all(writes);
  await tx.done;
  for (const entity of entities) announceChange({ kind: entity });
  return { applied, refused };
}

/** Reads the device's current clock (for display and tests). */
export async function readDeviceClock(db: Db): Promise<Hlc> {
  const tx = db.transaction('meta', 'readonly');
  const clock = await readClock(tx.objectStore('meta'));
  await tx.done;
  return clock;
}

/**
 * The device's clock, stored if it was not yet: the node id must stay the same from its first
 * use (it signs comments before any other write), not be invented anew on every read.
 */
export async function ensureDeviceClock(db: Db): Promise<Hlc> {
  const tx = db.transaction('meta', 'readwrite');
  const meta = tx.objectStore('meta');
  const clock = await readClock(meta);
  if ((await meta.get(META_CLOCK)) === undefined) await meta.put(formatHlc(clock), META_CLOCK);
  await tx.done;
  return clock;
}

/**
 * Prepares the outbox for a workspace this device just created or joined. A client publishes
 * everything it holds (a snapshot of every field, freshly stamped), so tasks made before pairing
 * or under an earlier workspace reach the new one; an assistant publishes nothing (it may not
 * write what it holds, and leftovers belong to another workspace).
 */
export async function publishLocalState(db: Db, role: Role): Promise<number> {
  const changes: FieldChange[] = [];
  if (role === 'client') {
    for (const entity of ENTITIES) {
      for (const record of await db.getAll(entity)) {
        for (const [field, value] of Object.entries(record.data)) {
          if (field !== 'id' && value !== undefined) changes.push({ entity, id: record.id, field, value });
        }
      }
    }
  }
  // Comments and time entries are judged by their author: stamp authorDevice first.
  changes.sort((a, b) => Number(b.field === 'authorDevice') - Number(a.field === 'authorDevice'));
  await applyLocalChange(db, changes, { replaceOutbox: true });
  return changes.length;
}
