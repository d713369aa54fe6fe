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

/** The clock of `field` in `record`, read as an own property only (never one of Object.prototype's). */
export function fieldClock(record: StoredRecord, field: string): string | undefined {
  return Object.hasOwn(record.clocks, field) ? record.clocks[field] : undefined;
}

/** The value of `field` in `record`, read as an own property only. */
export function fieldValue(record: StoredRecord, field: string): unknown {
  return Object.hasOwn(record.data, field) ? record.data[field] : undefined;
}

/** Sets `field` of `record` to `value` if `hlc` is newer than the field's clock; returns whether it did. */
export function mergeField(record: StoredRecord, field: string, value: unknown, hlc: string): boolean {
  const current = fieldClock(record, field);
  if (current !== undefined && current >= hlc) return false;
  // defineProperty, not assignment: even a name like `__proto__` stays an own data property.
  Object.defineProperty(record.data, field, { value, writable: true, enumerable: true, configurable: true });
  Object.defineProperty(record.clocks, field, { value: hlc, writable: true, enumerable: true, configurable: true });
  return true;
}

/** The key under which `readRecords` files a record. */
export const recordKey = (change: { entity: Entity; id: string }) => `${change.entity}\u0000${change.id}`;

/** The entity of a `recordKey`. */
export const entityOfKey = (key: string) => key.slice(0, key.indexOf('\u0000')) as Entity;

/**
 * Reads every record the changes touch (an empty one where none is stored yet), all requests
 * issued at once: IndexedDB runs them in order within the transaction, and awaiting each in turn
 * would cost a task per record.
 */
export async function readRecords(
  tx: { objectStore(name: Entity): { get(id: string): Promise<StoredRecord | undefined> } },
  changes: readonly { entity: Entity; id: string }[],
  /** Given: the keys of the records not stored (the empty ones) are added to it. */
  absent?: Set<string>,
): Promise<Map<string, StoredRecord>> {
  const unique = new Map<string, { entity: Entity; id: string }>();
  for (const change of changes) unique.set(recordKey(change), change);
  const entries = await Promise.all(
    [...unique].map(async ([key, { entity, id }]) => {
      const stored = await tx.objectStore(entity).get(id);
      if (stored) return [key, stored] as const;
      absent?.add(key);
      return [key, { id, data: { id }, clocks: {} }] as const;
    }),
  );
  return new Map(entries);
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
