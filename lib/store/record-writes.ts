/**
 * Editing Zuarbeit's synced records in the words of the product: every write is one local
 * change (lib/store/changes.ts), stamped per field, queued for sync and kept in the task list index.
 */
import {
  newId,
  type Comment,
  type Entity,
  type EntityRecords,
  type Instruction,
  type Task,
  type TaskDraft,
  type TimeEntry,
  taskFromDraft,
  timeEntrySchema,
} from '../model';
import { applyLocalChange, type FieldChange } from './changes';
import type { Db } from './db';
import { authorDeviceId, listInstructions } from './records';

/** Writes the fields of `patch` that differ from the stored record (each field with its own clock). */
export async function updateRecord<E extends Entity>(
  db: Db,
  entity: E,
  id: string,
  patch: Partial<Omit<EntityRecords[E], 'id'>>,
): Promise<void> {
  const changes: FieldChange[] = Object.entries(patch)
    .filter(([, value]) => value !== undefined)
    .map(([field, value]) => ({ entity, id, field, value }));
  // Compared in the writing transaction: one read, and no race with another context's write.
  await applyLocalChange(db, changes, { skipUnchanged: true });
}

/** The field changes that create `record`, authorDevice first. */
export function fieldsOf(entity: Entity, record: { id: string } & object): FieldChange[] {
  return (
    Object.entries(record)
      .filter(([field, value]) => field !== 'id' && value !== undefined)
      // authorDevice is stamped first: receivers judge a comment's other fields by its author,
      // and a page boundary of the sync log may fall between the fields of one record.
      .sort(([a], [b]) => Number(b === 'authorDevice') - Number(a === 'authorDevice'))
      .map(([field, value]) => ({ entity, id: record.id, field, value }))
  );
}

/** Stores a new task (all its fields) and returns it. */
export async function createTask(db: Db, task: Task): Promise<Task> {
  await applyLocalChange(db, fieldsOf('task', task));
  return task;
}

/** Deletion is a field, never a hole in history. */
export async function deleteRecord(db: Db, entity: Entity, id: string): Promise<void> {
  await applyLocalChange(db, [{ entity, id, field: 'deleted', value: true }]);
}

/** Adds a comment (a question or an answer) to a task's thread. */
export async function addComment(db: Db, taskId: string, body: string, now = new Date()): Promise<Comment> {
  const comment: Comment = { id: newId(), taskId, body, authorDevice: await authorDeviceId(db), createdAt: now.toISOString() };
  await applyLocalChange(db, fieldsOf('comment', comment));
  return comment;
}

/** Appends a standing instruction at the end of the list. */
export async function addInstruction(db: Db, title: string, body: string): Promise<Instruction> {
  const { records } = await listInstructions(db);
  const order = records.length === 0 ? 1 : records[records.length - 1].order + 1;
  const instruction: Instruction = { id: newId(), title, body, order };
  await applyLocalChange(db, fieldsOf('instruction', instruction));
  return instruction;
}

/**
 * Moves an instruction one place up or down. Only the moved record's `order` changes
 * (a value between its new neighbours), so concurrent moves on two devices merge cleanly.
 */
export async function moveInstruction(db: Db, id: string, direction: -1 | 1): Promise<void> {
  const { records } = await listInstructions(db);
  const index = records.findIndex((r) => r.id === id);
  const target = index + direction;
  if (index < 0 || target < 0 || target >= records.length) return;
  const beyond = records[target + direction];
  const neighbour = records[target].order;
  const order = beyond === undefined ? neighbour + direction : (neighbour + beyond.order) / 2;
  await updateRecord(db, 'instruction', id, { order });
}

/** Turns a draft into a delegated task (status "new") in one transaction; the draft is gone after. */
export async function delegateDraft(db: Db, draft: TaskDraft): Promise<Task> {
  const task = taskFromDraft(draft);
  await applyLocalChange(db, fieldsOf('task', task), { deleteDraft: draft.id });
  return task;
}

/** Logs time spent on a task by this device. */
export async function addTimeEntry(db: Db, entry: Omit<TimeEntry, 'id' | 'authorDevice'>): Promise<TimeEntry> {
  const timeEntry: TimeEntry = { id: newId(), ...entry, authorDevice: await authorDeviceId(db) };
  timeEntrySchema.parse(timeEntry);
  await applyLocalChange(db, fieldsOf('timeEntry', timeEntry));
  return timeEntry;
}

/** Accepts several tasks at once (the assistant's "Accept all new"): one local change, one announcement. */
export async function acceptTasks(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await applyLocalChange(
    db,
    ids.map((id) => ({ entity: 'task' as const, id, field: 'status', value: 'accepted' })),
    { skipUnchanged: true },
  );
}
