/**
 * Local edits: a clock tick per changed record (protocol v2 groups), the fields, their clocks and
 * the outbox entries in one readwrite transaction, so a killed worker or a closed popup loses nothing.
 */
import { ENTITIES, type Entity, type Role } from '../model';
import { isFieldName } from '../protocol/group';
import { readClock, writeClock } from './clock';
import type { Db, OutboxEntry } from './db';
import { announceChange } from './events';
import { putChanged, fieldValue, readRecords, recordKey, stampGroups } from './field-clocks';
import { refreshTaskRows, rowTaskIds, taskRowStores } from './task-rows';
import { writeAtomically } from './transaction';

/** One field of one record set to a value (a v1 message; a v2 group carries several). */
export interface FieldChange {
  entity: Entity;
  id: string;
  field: string;
  value: unknown;
}

/** A field change stamped with the clock of its author (the hlc of the group it came in). */
export interface StampedChange extends FieldChange {
  hlc: string;
}

/** Fields of one record written at one moment under one hlc: one outbox entry, one v2 message. */
export interface StampedGroup {
  hlc: string;
  entity: Entity;
  id: string;
  fields: Record<string, unknown>;
}

/**
 * Applies local edits in one readwrite transaction (see the file comment); returns the groups
 * written to the outbox. The fields of one record share one hlc (split only at the body limit).
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
): Promise<StampedGroup[]> {
  if (changes.length === 0 && !options.replaceOutbox) return [];
  const now = options.now ?? Date.now;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...new Set([...entities, 'outbox', 'meta', 'drafts', ...taskRowStores(entities)] as const)], 'readwrite');
  const { stamped, effective } = await writeAtomically(tx, async (write) => {
    // Delegating a draft turns it into a task atomically: never both, never neither.
    if (options.deleteDraft !== undefined) write(tx.objectStore('drafts').delete(options.deleteDraft));
    // Publishing to a new workspace: what waited for the old one is replaced by these changes.
    if (options.replaceOutbox) write(tx.objectStore('outbox').clear());
    const meta = tx.objectStore('meta');
    const clock = await readClock(meta);
    const records = await readRecords(tx, changes);
    // A comment's thread before the change (its taskId may change too): both rows are refreshed.
    const rowsBefore = rowTaskIds(records);
    const effective = options.skipUnchanged
      ? changes.filter((c) => JSON.stringify(fieldValue(records.get(recordKey(c))!, c.field)) !== JSON.stringify(c.value))
      : changes;
    const result = stampGroups(effective, records, clock, now);
    for (const entry of result.stamped) write(tx.objectStore('outbox').add(entry satisfies OutboxEntry));
    const changed = putChanged(tx, records, result.touched);
    if (result.touched.size > 0) await refreshTaskRows(tx, [...rowsBefore, ...rowTaskIds(records, result.touched)], write, changed);
    if (effective.length > 0) write(writeClock(meta, result.clock));
    return { stamped: result.stamped, effective };
  });
  if (effective.length === 0 && !options.replaceOutbox && options.deleteDraft === undefined) return [];
  for (const entity of entities) {
    const ids = [...new Set(effective.filter((c) => c.entity === entity).map((c) => c.id))];
    if (ids.length > 0) announceChange({ db: db.name, kind: entity, ids });
  }
  if (options.deleteDraft !== undefined) announceChange({ db: db.name, kind: 'drafts', ids: [options.deleteDraft] });
  announceChange({ db: db.name, kind: 'outbox' });
  return stamped;
}

/**
 * Prepares the outbox for a workspace this device just created or joined. A client publishes
 * everything it holds (a snapshot of every field, freshly stamped, one group per record), so
 * tasks made before pairing or under an earlier workspace reach the new one; an assistant
 * publishes nothing (it may not write what it holds, and leftovers belong to another workspace).
 */
export async function publishLocalState(db: Db, role: Role): Promise<number> {
  const changes: FieldChange[] = [];
  if (role === 'client') {
    for (const entity of ENTITIES) {
      for (const record of await db.getAll(entity)) {
        // Only names a group may carry: a record once written with another name keeps it locally.
        const fields = Object.entries(record.data).filter(([field, value]) => field !== 'id' && value !== undefined && isFieldName(field));
        // Comments and time entries are judged by their author: authorDevice first in the group.
        fields.sort(([a], [b]) => Number(b === 'authorDevice') - Number(a === 'authorDevice'));
        for (const [field, value] of fields) changes.push({ entity, id: record.id, field, value });
      }
    }
  }
  await applyLocalChange(db, changes, { replaceOutbox: true });
  return changes.length;
}
