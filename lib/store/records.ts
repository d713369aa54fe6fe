/**
 * Reading Zuarbeit's records in the words of the product: tasks, comments, standing
 * instructions, time entries, drafts (drafts are this device's own, written here too).
 * Writing synced records is lib/store/record-writes.ts: it brings the merge and the task list
 * index's upkeep along, which a view that only reads (the popup's first screen) does without.
 */
import {
  entitySchemas,
  type Comment,
  type Entity,
  type EntityRecords,
  type Instruction,
  type Task,
  type TaskDraft,
  type TimeEntry,
  taskDraftSchema,
} from '../model';
import { ensureDeviceClock } from './clock';
import { getConnection } from './connection';
import type { Db } from './db';
import { announceChange } from './events';
import { readSession, sessionSide } from './session';
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
  return oneRecord(entity, await db.get(entity, id));
}

function oneRecord<E extends Entity>(entity: E, stored: { data: Record<string, unknown> } | undefined): EntityRecords[E] | undefined {
  if (!stored) return undefined;
  const [record] = validRecords(entity, [stored]).records;
  return record && !record.deleted ? record : undefined;
}

/** The id this device signs its comments and time entries with. */
export async function authorDeviceId(db: Db): Promise<string> {
  const connection = await getConnection(db);
  if (connection) return connection.deviceId;
  return (await ensureDeviceClock(db)).node;
}

/** The comments of one task, oldest first. */
export async function listComments(db: Db, taskId: string): Promise<Listing<Comment>> {
  return threadOf(await db.getAllFromIndex('comment', 'by-task', taskId));
}

function threadOf(stored: { data: Record<string, unknown> }[]): Listing<Comment> {
  const listing = validRecords('comment', stored);
  const records = listing.records.filter((c) => !c.deleted).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return { records, skipped: listing.skipped };
}

/** The standing instructions in their order. */
export async function listInstructions(db: Db): Promise<Listing<Instruction>> {
  const listing = await listRecords(db, 'instruction');
  return { records: listing.records.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id)), skipped: listing.skipped };
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

/**
 * Who wrote last in each task's thread, seen from this device's side: this device and the
 * workspace's other devices of the same role, as last learned from sync.
 */
export async function threadLastWords(db: Db): Promise<Map<string, LastWord>> {
  const [{ records }, session] = await Promise.all([listRecords(db, 'comment'), readSession(db)]);
  return lastWords(records, sessionSide(session));
}

/** Who wrote last in one task's thread, as threadLastWords has it, reading only that thread (the task view, issue 14). */
export async function taskLastWord(db: Db, taskId: string): Promise<LastWord | undefined> {
  const [{ records }, session] = await Promise.all([listComments(db, taskId), readSession(db)]);
  return lastWords(records, sessionSide(session)).get(taskId);
}

/** The time logged on one task, oldest day first. */
export async function listTimeEntries(db: Db, taskId: string): Promise<Listing<TimeEntry>> {
  return timeLogOf(await db.getAllFromIndex('timeEntry', 'by-task', taskId));
}

function timeLogOf(stored: { data: Record<string, unknown> }[]): Listing<TimeEntry> {
  const listing = validRecords('timeEntry', stored);
  const records = listing.records.filter((e) => !e.deleted).sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
  return { records, skipped: listing.skipped };
}

/**
 * A task with its thread and its time log (as getRecord, listComments and listTimeEntries give
 * them), read in one read-only transaction: the side panel's task view before its first render.
 */
export async function readTaskWithThread(
  db: Db,
  taskId: string,
): Promise<{ task: Task | undefined; comments: Listing<Comment>; entries: Listing<TimeEntry> }> {
  const tx = db.transaction(['task', 'comment', 'timeEntry'], 'readonly');
  const [task, comments, entries] = await Promise.all([
    tx.objectStore('task').get(taskId),
    tx.objectStore('comment').index('by-task').getAll(taskId),
    tx.objectStore('timeEntry').index('by-task').getAll(taskId),
    tx.done,
  ]);
  return { task: oneRecord('task', task), comments: threadOf(comments), entries: timeLogOf(entries) };
}
