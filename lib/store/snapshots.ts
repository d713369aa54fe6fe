/**
 * The page as the client saw it (issue 12), in the store: delegated with its task in one
 * transaction, read back and reassembled for the task view. The snapshot's id is its task's, and
 * part n's is `<taskId>:<n>`, so reading needs no index and a task has at most one snapshot.
 */
import { taskFromDraft, type Snapshot, type Task, type TaskDraft } from '../model';
import { decodeText, type ReassemblyFailure } from '../snapshot/codec';
import { partId, snapshotRecords } from '../snapshot/draft-snapshot';
import { applyLocalChange } from './changes';
import type { Db } from './db';
import type { StoreChange } from './events';
import { getRecord } from './records';
import { fieldsOf } from './record-writes';

/** A task's snapshot as the viewer shows it: none, its text, or why the text cannot be shown (yet). */
export type TaskSnapshot =
  | { state: 'none' }
  | { state: 'complete'; snapshot: Snapshot; text: string }
  | { state: 'incomplete'; snapshot: Snapshot; reason: ReassemblyFailure };

/**
 * Turns a draft into a delegated task and, when the draft includes the page, its snapshot, all in
 * one transaction with the draft's removal: the assistant never gets a task whose snapshot was
 * left behind on the client's device, nor parts without their record.
 */
export async function delegateDraftWithSnapshot(db: Db, draft: TaskDraft): Promise<Task> {
  const task = taskFromDraft(draft);
  // Compressed and hashed before the transaction: awaiting a stream inside it would let it commit early.
  const records = await snapshotRecords(draft, task.id);
  const changes = fieldsOf('task', task);
  if (records) {
    changes.push(...fieldsOf('snapshot', records.snapshot));
    for (const part of records.parts) changes.push(...fieldsOf('snapshotPart', part));
  }
  await applyLocalChange(db, changes, { deleteDraft: draft.id });
  return task;
}

/** The snapshot of a task, reassembled and checked; parts that have not arrived (or are not this snapshot's) make it incomplete. */
export async function readTaskSnapshot(db: Db, taskId: string): Promise<TaskSnapshot> {
  const snapshot = await getRecord(db, 'snapshot', taskId);
  if (!snapshot || snapshot.taskId !== taskId) return { state: 'none' };
  const parts = await Promise.all(
    Array.from({ length: snapshot.parts }, async (_, n) => {
      const part = await getRecord(db, 'snapshotPart', partId(taskId, n));
      return part && part.snapshotId === taskId && part.n === n ? part.data : undefined;
    }),
  );
  const result = await decodeText(snapshot, parts);
  return result.ok ? { state: 'complete', snapshot, text: result.text } : { state: 'incomplete', snapshot, reason: result.reason };
}

/** Whether `change` may have touched the snapshot of `taskId` (its record or a part arriving). */
export function affectsSnapshot(taskId: string): (change: StoreChange) => boolean {
  return (change) =>
    (change.kind === 'snapshot' || change.kind === 'snapshotPart') &&
    (!change.ids || change.ids.some((id) => id === taskId || id.startsWith(`${taskId}:`)));
}
