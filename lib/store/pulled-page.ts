/**
 * Receiving: the sync cursor with the log epoch it belongs to, and one pulled page of other
 * devices' messages applied (last writer wins per field by HLC) together with its quarantine,
 * the cursor and the clock.
 */
import { parseHlc, receive } from '../protocol/hlc';
import type { StampedChange } from './changes';
import { readClock, writeClock } from './clock';
import type { Db, QuarantineEntry } from './db';
import { announceChange } from './events';
import { entityOfKey, fieldClock, fieldValue, mergeField, putChanged, readRecords, recordKey } from './field-clocks';
import { META } from './meta-keys';
import { refreshTaskRows, rowTaskIds, taskRowStores } from './task-rows';
import { writeAtomically } from './transaction';

/** A remote change together with the device that the server says wrote it. */
export interface RemoteChange extends StampedChange {
  device: string;
}

/** One page of the log, decrypted and ready to apply. */
export interface PulledPage {
  /** Other devices' messages, decrypted. */
  changes: RemoteChange[];
  /** Messages that could not be read (undecryptable, malformed, unknown key generation). */
  quarantine?: QuarantineEntry[];
  /**
   * Why `change` may not be applied (its quarantine reason), or null to apply it. Called inside
   * the transaction, so it must decide from what it already knows: roles are looked up before.
   * `owner` is the record's authorDevice (stored, else set earlier in this page).
   */
  refuse?: (change: RemoteChange, owner: string | undefined) => string | null;
  /** The log position after this page. */
  cursor: number;
  /** The log epoch the cursor belongs to (null: a v1 server, which names none). */
  epoch?: string | null;
  /** The hlc of the message at the cursor, as the server named it (protocol v2 "Cursor check"). */
  cursorHlc?: string | null;
  /** The wall clock (for the clock's receive rule and the quarantine's receivedAt). */
  now?: () => number;
}

/** What applying a page did. */
export interface PulledPageResult {
  /** Fields that took a value (a change older than the stored field's clock takes none). */
  applied: number;
  /** Quarantine entries written: the page's unreadable messages and its refused changes. */
  quarantined: number;
  /** The changes that took their value, in page order (what the other side changed here, e.g. for notifications). */
  appliedChanges: RemoteChange[];
}

/** Where this device stands in the workspace's log: the last seq applied, in which epoch. */
export interface LogPosition {
  cursor: number;
  /** The epoch the server named with that cursor; null before the first v2 answer. */
  epoch: string | null;
  /** The hlc of the message at the cursor, as the server named it; absent or null when it named none. */
  at?: string | null;
}

const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** Reads the stored position: `{ cursor, epoch }`, or a bare number as version 1 stored it (no epoch). */
export function toLogPosition(value: unknown): LogPosition {
  if (isSeq(value)) return { cursor: value, epoch: null };
  if (typeof value === 'object' && value !== null && 'cursor' in value && 'epoch' in value) {
    const { cursor, epoch } = value;
    const at = 'at' in value && typeof value.at === 'string' ? value.at : null;
    if (isSeq(cursor) && (epoch === null || typeof epoch === 'string')) return at === null ? { cursor, epoch } : { cursor, epoch, at };
  }
  return { cursor: 0, epoch: null };
}

/** The stored log position (cursor 0 and no epoch before the first sync). */
export async function readLogPosition(db: Db): Promise<LogPosition> {
  return toLogPosition(await db.get('meta', META.cursor));
}

/** The last log seq applied (0 before the first sync). */
export async function readCursor(db: Db): Promise<number> {
  return (await readLogPosition(db)).cursor;
}

/**
 * Applies a pulled page in one readwrite transaction: the changes that are not refused (last
 * writer wins per field; idempotent and order-independent), every quarantine entry, the cursor,
 * with its epoch, and the clock advanced by the page's largest hlc. Either all of it is stored or nothing, so
 * the cursor never passes a message that was neither applied nor quarantined. Throws HlcError
 * (storing nothing) when an hlc is more than 24 hours ahead of the wall clock.
 */
export async function applyPulledPage(db: Db, page: PulledPage): Promise<PulledPageResult> {
  const now = page.now ?? Date.now;
  const { changes } = page;
  const entities = [...new Set(changes.map((c) => c.entity))];
  const tx = db.transaction([...new Set([...entities, 'meta', 'quarantine', ...taskRowStores(entities)] as const)], 'readwrite');
  const result = await writeAtomically(tx, async (write) => {
    const meta = tx.objectStore('meta');
    let maxHlc: string | undefined;
    for (const change of changes) if (maxHlc === undefined || change.hlc > maxHlc) maxHlc = change.hlc;
    // Throws for a clock too far ahead: decided before anything is written.
    const clock = maxHlc === undefined ? undefined : receive(await readClock(meta), parseHlc(maxHlc), now());
    const pageOwners = new Map<string, string>();
    for (const change of changes) {
      if (change.field === 'authorDevice' && typeof change.value === 'string') pageOwners.set(recordKey(change), change.value);
    }
    const rowStores = taskRowStores(entities);
    // Whether the comment store holds any comment yet (issued before the puts below): when it does
    // not, every thread is in this page, and the index's upkeep reads none (the first sync).
    const [records, commentsBefore] = await Promise.all([
      readRecords(tx, changes),
      rowStores.length > 0 ? tx.objectStore('comment').getAllKeys(null, 1) : [],
    ]);
    const rowsBefore = rowTaskIds(records);
    const receivedAt = new Date(now()).toISOString();
    const quarantine = [...(page.quarantine ?? [])];
    const dirty = new Set<string>();
    const appliedChanges: RemoteChange[] = [];
    for (const change of changes) {
      const key = recordKey(change);
      const record = records.get(key)!;
      if (page.refuse) {
        const stored = fieldClock(record, 'authorDevice') !== undefined ? fieldValue(record, 'authorDevice') : undefined;
        const reason = page.refuse(change, typeof stored === 'string' ? stored : pageOwners.get(key));
        if (reason !== null) {
          quarantine.push({ hlc: change.hlc, device: change.device, reason, receivedAt, field: change.field });
          continue;
        }
      }
      if (mergeField(record, change.field, change.value, change.hlc)) {
        appliedChanges.push(change);
        dirty.add(key);
      }
    }
    const changed = putChanged(tx, records, dirty);
    // The task list's index, in the same transaction (issue 14).
    if (dirty.size > 0) {
      const allComments =
        rowStores.length > 0 && commentsBefore.length === 0
          ? [...dirty].filter((key) => entityOfKey(key) === 'comment').map((key) => records.get(key)!)
          : undefined;
      await refreshTaskRows(tx, [...rowsBefore, ...rowTaskIds(records, dirty)], write, changed, { allComments });
    }
    if (clock) write(writeClock(meta, clock));
    write(meta.put({ cursor: page.cursor, epoch: page.epoch ?? null, at: page.cursorHlc ?? null } satisfies LogPosition, META.cursor));
    for (const entry of quarantine) write(tx.objectStore('quarantine').add(entry));
    return { applied: appliedChanges.length, quarantined: quarantine.length, appliedChanges };
  });
  for (const entity of entities) announceChange({ db: db.name, kind: entity });
  return result;
}
