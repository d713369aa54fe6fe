/**
 * Field clocks inside a transaction: reading the records a batch touches, last-writer-wins per
 * field, and stamping local changes. Shared by the store's writing operations; not exported
 * from lib/store.
 */
import type { Entity } from '../model';
import { formatHlc, tick, type Hlc } from '../protocol/hlc';
import type { FieldChange, StampedChange } from './changes';
import type { StoredRecord } from './db';

/** Sets `field` of `record` to `value` if `hlc` is newer than the field's clock; returns whether it did. */
export function mergeField(record: StoredRecord, field: string, value: unknown, hlc: string): boolean {
  const current = record.clocks[field];
  if (current !== undefined && current >= hlc) return false;
  record.data[field] = value;
  record.clocks[field] = hlc;
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
): Promise<Map<string, StoredRecord>> {
  const unique = new Map<string, { entity: Entity; id: string }>();
  for (const change of changes) unique.set(recordKey(change), change);
  const entries = await Promise.all(
    [...unique].map(async ([key, { entity, id }]) => [key, (await tx.objectStore(entity).get(id)) ?? { id, data: { id }, clocks: {} }] as const),
  );
  return new Map(entries);
}

/**
 * Stamps local changes: one tick per change, merged into `records` (in memory). Returns the
 * stamped changes (the outbox entries to add), the keys of the records to put and the new clock.
 */
export function stampChanges(
  changes: readonly FieldChange[],
  records: Map<string, StoredRecord>,
  clock: Hlc,
  now: () => number,
): { stamped: StampedChange[]; touched: Set<string>; clock: Hlc } {
  const stamped: StampedChange[] = [];
  const touched = new Set<string>();
  for (const change of changes) {
    clock = tick(clock, now());
    const hlc = formatHlc(clock);
    mergeField(records.get(recordKey(change))!, change.field, change.value, hlc);
    touched.add(recordKey(change));
    stamped.push({ entity: change.entity, id: change.id, field: change.field, value: change.value, hlc });
  }
  return { stamped, touched, clock };
}
