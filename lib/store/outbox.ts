/**
 * Sending: plaintext groups wait in the outbox, oldest first, until the server acknowledges
 * them (DESIGN.md, "Client store").
 */
import type { FieldChange } from './changes';
import { readClock, writeClock } from './clock';
import type { Db, OutboxEntry } from './db';
import { announceChange } from './events';
import { putChanged, fieldClock, readRecords, recordKey, stampGroups } from './field-clocks';
import { refreshTaskRows, rowTaskIds, taskRowStores } from './task-rows';
import { writeAtomically } from './transaction';

/** The oldest `max` outbox entries, in the order they were written. */
export function takeOutboxBatch(db: Db, max: number): Promise<OutboxEntry[]> {
  return db.getAll('outbox', undefined, max);
}

/**
 * Settles a pushed batch in one readwrite transaction: deletes every entry the server now holds
 * (those not in `rejected`) and every entry rejected as `hlc-taken`, re-stamping the latter's
 * fields with a fresh hlc (one group again), except fields a newer write has superseded. Either the acknowledgement
 * and the re-stamps are stored together or neither is, so a crash between them loses no change.
 * Entries rejected for another reason (`clock-skew`) stay.
 */
export async function acknowledgePush(
  db: Db,
  batch: readonly OutboxEntry[],
  rejected: readonly { hlc: string; reason: string }[],
  options: { now?: () => number } = {},
): Promise<void> {
  if (batch.length === 0) return;
  const now = options.now ?? Date.now;
  const reasons = new Map(rejected.map((r) => [r.hlc, r.reason]));
  const taken = batch.filter((e) => reasons.get(e.hlc) === 'hlc-taken');
  const takenEntities = new Set(taken.map((e) => e.entity));
  const tx = db.transaction([...new Set(['outbox', 'meta', ...takenEntities, ...taskRowStores(takenEntities)] as const)], 'readwrite');
  const restamped = await writeAtomically(tx, async (write) => {
    const outbox = tx.objectStore('outbox');
    const meta = tx.objectStore('meta');
    const records = await readRecords(tx, taken);
    const clock = taken.length > 0 ? await readClock(meta) : undefined;
    if (reasons.size === 0) {
      // The batch is the outbox's first entries in key order, so one range deletes exactly them.
      write(outbox.delete(IDBKeyRange.bound(batch[0].seq!, batch[batch.length - 1].seq!)));
    } else {
      for (const entry of batch) {
        const reason = reasons.get(entry.hlc);
        if (reason === undefined || reason === 'hlc-taken') write(outbox.delete(entry.seq!));
      }
    }
    const current: FieldChange[] = [];
    for (const entry of taken) {
      const record = records.get(recordKey(entry))!;
      for (const [field, value] of Object.entries(entry.fields)) {
        if (fieldClock(record, field) === entry.hlc) current.push({ entity: entry.entity, id: entry.id, field, value });
      }
    }
    if (!clock || current.length === 0) return [];
    const result = stampGroups(current, records, clock, now);
    for (const entry of result.stamped) write(outbox.add(entry));
    const changed = putChanged(tx, records, result.touched);
    // A re-stamp changes only clocks, but the row is refreshed like after any task or comment write.
    await refreshTaskRows(tx, rowTaskIds(records, result.touched), write, changed);
    write(writeClock(meta, result.clock));
    return current;
  });
  for (const entity of new Set(restamped.map((e) => e.entity)))
    announceChange({ db: db.name, kind: entity, ids: [...new Set(restamped.filter((e) => e.entity === entity).map((e) => e.id))] });
  announceChange({ db: db.name, kind: 'outbox' });
}

/**
 * How many records (a task, a comment, ...) have changes waiting in the outbox. A record edited
 * several times has several entries, and counts once.
 */
export async function countPendingRecords(db: Db): Promise<number> {
  // One request, not a cursor step per entry: this runs whenever the popup opens or the outbox changes.
  const entries = await db.getAll('outbox');
  return new Set(entries.map((entry) => `${entry.entity}/${entry.id}`)).size;
}
