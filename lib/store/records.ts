/**
 * Reading and editing Zuarbeit's records in the words of the product: tasks, comments,
 * standing instructions, time entries, drafts.
 */
import {
  entitySchemas,
  newId,
  type Comment,
  type Entity,
  type EntityRecords,
  type Instruction,
  type Task,
  type TaskDraft,
  type TimeEntry,
  taskDraftSchema,
  taskFromDraft,
  timeEntrySchema,
} from '../model';
import { applyLocalChange, type FieldChange } from './changes';
import { ensureDeviceClock } from './clock';
import { getConnection } from './connection';
import type { Db } from './db';
import { announceChange } from './events';
import { getKnownDevices } from './devices';
import { getRole } from './meta';
import { lastWords, type LastWord } from '../model/sections';

/** Records that passed validation, and how many did not (written by a future version, or still incomplete). */
export interface Listing<T> {
  records: T[];
  skipped: number;
}

/** Validates materialised records; invalid ones are counted, never thrown. */
function validRecords<E extends Entity>(entity: E, raw: { data: Record<string, unknown> }[]): Listing<EntityRecords[E]> {
  const schema = entitySchemas[entity];
  const records: EntityRecords[E][] = [];
  let skipped = 0;
  for (const { data } of raw) {
    const parsed = schema.safeParse(data);
    if (parsed.success) records.push(parsed.data as EntityRecords[E]);
    else skipped++;
  }
  return { records, skipped };
}

/** All records of one entity that are not deleted. */
export async function listRecords<E extends Entity>(db: Db, entity: E): Promise<Listing<EntityRecords[E]>> {
  const listing = validRecords(entity, await db.getAll(entity));
  return { records: listing.records.filter((r) => !r.deleted), skipped: listing.skipped };
}

/** One record, or undefined when missing, deleted or invalid. */
export async function getRecord<E extends Entity>(db: Db, entity: E, id: string): Promise<EntityRecords[E] | undefined> {
  const stored = await db.get(entity, id);
  if (!stored) return undefined;
  const [record] = validRecords(entity, [stored]).records;
  return record && !record.deleted ? record : undefined;
}

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

/** The id this device signs its comments and time entries with. */
export async function authorDeviceId(db: Db): Promise<string> {
  const connection = await getConnection(db);
  if (connection) return connection.deviceId;
  return (await ensureDeviceClock(db)).node;
}

/** Adds a comment (a question or an answer) to a task's thread. */
export async function addComment(db: Db, taskId: string, body: string, now = new Date()): Promise<Comment> {
  const comment: Comment = { id: newId(), taskId, body, authorDevice: await authorDeviceId(db), createdAt: now.toISOString() };
  await applyLocalChange(db, fieldsOf('comment', comment));
  return comment;
}

/** The comments of one task, oldest first. */
export async function listComments(db: Db, taskId: string): Promise<Listing<Comment>> {
  const listing = validRecords('comment', await db.getAllFromIndex('comment', 'by-task', taskId));
  const records = listing.records.filter((c) => !c.deleted).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { records, skipped: listing.skipped };
}

/** The standing instructions in their order. */
export async function listInstructions(db: Db): Promise<Listing<Instruction>> {
  const listing = await listRecords(db, 'instruction');
  return { records: listing.records.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)), skipped: listing.skipped };
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

/** Saves a draft on this device only (drafts are never synced). */
export async function saveDraft(db: Db, draft: TaskDraft): Promise<void> {
  await db.put('drafts', taskDraftSchema.parse(draft));
  announceChange({ db: db.name, kind: 'drafts', ids: [draft.id] });
}

/** Drafts, newest first; invalid ones are skipped and counted. */
export async function listDrafts(db: Db): Promise<Listing<TaskDraft>> {
  const raw = await db.getAll('drafts');
  const records: TaskDraft[] = [];
  let skipped = 0;
  for (const item of raw) {
    const parsed = taskDraftSchema.safeParse(item);
    if (parsed.success) records.push(parsed.data);
    else skipped++;
  }
  return { records: records.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)), skipped };
}

/** One draft, or undefined. */
export async function getDraft(db: Db, id: string): Promise<TaskDraft | undefined> {
  const parsed = taskDraftSchema.safeParse(await db.get('drafts', id));
  return parsed.success ? parsed.data : undefined;
}

/** Discards a draft. */
export async function discardDraft(db: Db, id: string): Promise<void> {
  await db.delete('drafts', id);
  announceChange({ db: db.name, kind: 'drafts', ids: [id] });
}

/** Turns a draft into a delegated task (status "new") in one transaction; the draft is gone after. */
export async function delegateDraft(db: Db, draft: TaskDraft): Promise<Task> {
  const task = taskFromDraft(draft);
  await applyLocalChange(db, fieldsOf('task', task), { deleteDraft: draft.id });
  return task;
}

/**
 * Who wrote last in each task's thread, seen from this device's side: this device and the
 * workspace's other devices of the same role, as last learned from sync.
 */
export async function threadLastWords(db: Db): Promise<Map<string, LastWord>> {
  const [{ records }, me, role, devices] = await Promise.all([
    listRecords(db, 'comment'),
    authorDeviceId(db),
    getRole(db),
    getKnownDevices(db),
  ]);
  const mySide = new Set([me, ...devices.filter((d) => d.role === role).map((d) => d.id)]);
  return lastWords(records, mySide);
}

/** Logs time spent on a task by this device. */
export async function addTimeEntry(db: Db, entry: Omit<TimeEntry, 'id' | 'authorDevice'>): Promise<TimeEntry> {
  const timeEntry: TimeEntry = { id: newId(), ...entry, authorDevice: await authorDeviceId(db) };
  timeEntrySchema.parse(timeEntry);
  await applyLocalChange(db, fieldsOf('timeEntry', timeEntry));
  return timeEntry;
}

/** The time logged on one task, oldest day first. */
export async function listTimeEntries(db: Db, taskId: string): Promise<Listing<TimeEntry>> {
  const listing = validRecords('timeEntry', await db.getAllFromIndex('timeEntry', 'by-task', taskId));
  const records = listing.records.filter((e) => !e.deleted).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { records, skipped: listing.skipped };
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
