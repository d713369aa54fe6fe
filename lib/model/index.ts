/**
 * The records Zuarbeit keeps and syncs (DESIGN.md, "Data model").
 * Schemas use zod/mini so the popup, which validates what it reads, stays small.
 */
import * as z from 'zod/mini';
import { FIELD_LIMITS } from './limits';

// No generated code: extension pages forbid eval (CSP), and zod's JIT would try `new Function`
// first and log a CSP violation; the interpreter is also faster for the popup's first render.
z.config({ jitless: true });

export const TASK_KINDS = ['research', 'revise-text', 'presentation', 'other'] as const;
export const TASK_STATUSES = ['new', 'accepted', 'in-progress', 'question', 'review', 'done', 'archived'] as const;
export const SOURCE_TYPES = ['page', 'selection', 'link', 'document', 'manual'] as const;
export const DOCUMENT_TYPES = [
  'pdf', 'doc', 'docx', 'xls', 'xlsx', 'ppt', 'pptx', 'odt', 'ods', 'odp', 'rtf', 'csv', 'txt',
  'gdoc', 'gsheet', 'gslide', 'gdrive', 'onedrive', 'sharepoint', 'dropbox',
] as const;
export const PRIORITIES = ['low', 'normal', 'high'] as const;
export const AUTONOMY = ['ask-first', 'decide-yourself'] as const;
export const ENTITIES = ['task', 'comment', 'instruction', 'timeEntry', 'timer', 'setting'] as const;

export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Autonomy = (typeof AUTONOMY)[number];
export type Entity = (typeof ENTITIES)[number];
// Roles are part of the wire protocol; the server imports only lib/protocol, so they live there.
export { ROLES, type Role } from '../protocol/wire';

export { FIELD_LIMITS, MAX_QUOTE_CHARS } from './limits';
export { newTask, taskFromDraft, type NewTask } from './new-task';

const L = FIELD_LIMITS;
const id = z.string().check(z.minLength(1), z.maxLength(L.id));
const isoDateTime = z.string().check(z.minLength(L.dateTimeMin), z.maxLength(L.dateTimeMax));
const text = (max: number) => z.string().check(z.maxLength(max));
/** A calendar day, `YYYY-MM-DD`. */
const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));
/** Money in euro cents. */
const cents = z.int().check(z.minimum(0), z.maximum(L.rateCents));

export const taskSourceSchema = z.object({
  type: z.enum(SOURCE_TYPES),
  url: z.nullable(text(L.url)),
  title: text(L.sourceTitle),
  quote: z.optional(text(L.quote)),
  documentType: z.optional(z.enum(DOCUMENT_TYPES)),
  description: z.optional(text(L.description)),
  siteName: z.optional(text(L.siteName)),
  lang: z.optional(text(L.lang)),
  favicon: z.optional(text(L.url)),
  /** The page's author(s) and publication date as it declares them: the assistant cites them. */
  byline: z.optional(z.string().check(z.maxLength(300))),
  publishedTime: z.optional(z.string().check(z.maxLength(64))),
  capturedAt: isoDateTime,
});
export type TaskSource = z.infer<typeof taskSourceSchema>;

export const recurrenceSchema = z.nullable(
  z.object({
    every: z.enum(['day', 'week', 'month']),
    interval: z.int().check(z.minimum(1), z.maximum(L.recurrenceInterval)),
  }),
);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const taskResultSchema = z.object({
  text: text(L.resultText),
  links: z.array(text(L.url)),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const taskSchema = z.object({
  id,
  title: text(L.taskTitle),
  kind: z.enum(TASK_KINDS),
  status: z.enum(TASK_STATUSES),
  instructions: text(L.instructions),
  source: taskSourceSchema,
  due: z.nullable(isoDay),
  priority: z.enum(PRIORITIES),
  autonomy: z.enum(AUTONOMY),
  recurrence: recurrenceSchema,
  result: z.nullable(taskResultSchema),
  createdAt: isoDateTime,
  /** The time budget the client set (per occurrence for a standing task); absent or null: none. */
  budgetMinutes: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(L.budgetMinutes)))),
  deleted: z.optional(z.boolean()),
});
export type Task = z.infer<typeof taskSchema>;

export const commentSchema = z.object({
  id,
  taskId: id,
  body: z.string().check(z.minLength(1), z.maxLength(L.commentBody)),
  authorDevice: text(L.authorDevice),
  createdAt: isoDateTime,
  deleted: z.optional(z.boolean()),
});
export type Comment = z.infer<typeof commentSchema>;

export const instructionSchema = z.object({
  id,
  title: text(L.instructionTitle),
  body: text(L.instructionBody),
  order: z.number(),
  deleted: z.optional(z.boolean()),
});
export type Instruction = z.infer<typeof instructionSchema>;

export const timeEntrySchema = z.object({
  id,
  taskId: id,
  minutes: z.int().check(z.minimum(1), z.maximum(L.entryMinutes)),
  date: isoDay,
  note: text(L.timeNote),
  authorDevice: text(L.authorDevice),
  /** A timer's span (ISO instants); typed-in entries have none. */
  start: z.optional(z.nullable(isoDateTime)),
  end: z.optional(z.nullable(isoDateTime)),
  source: z.optional(z.enum(['timer', 'manual'])),
  /** The workspace's hourly rate in force when the entry was recorded (cents): a later change does not rewrite it. */
  rateCents: z.optional(z.nullable(cents)),
  /** The occurrence of a standing task the time belongs to (its key as the recurrence gives it). */
  occurrence: z.optional(z.nullable(text(L.id))),
  deleted: z.optional(z.boolean()),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

/**
 * A running timer (issue 10): one record per run, deleted when stopped, synced so the other side
 * sees who works on what. `authorDevice` is the device it runs on (judged like a time entry's);
 * elapsed time is always computed from `startedAt`, never counted.
 */
export const timerSchema = z.object({
  id,
  taskId: id,
  occurrence: z.optional(z.nullable(text(L.id))),
  authorDevice: text(L.authorDevice),
  startedAt: isoDateTime,
  deleted: z.optional(z.boolean()),
});
export type Timer = z.infer<typeof timerSchema>;

/** One change of the workspace's hourly rate: `cents` from the instant `from` on. */
export const rateChangeSchema = z.object({ from: isoDateTime, cents });
export type RateChange = z.infer<typeof rateChangeSchema>;

/** The id of the one workspace settings record. */
export const WORKSPACE_SETTINGS_ID = 'workspace';

/** The workspace's settings, written by the client: the hourly rate with its history, the monthly budget. */
export const settingSchema = z.object({
  id,
  /** Every rate change, oldest first: both sides see when it changed. */
  rateHistory: z.optional(z.array(rateChangeSchema).check(z.maxLength(L.rateHistory))),
  monthlyBudgetMinutes: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(L.budgetMinutes)))),
  deleted: z.optional(z.boolean()),
});
export type Setting = z.infer<typeof settingSchema>;

export interface EntityRecords {
  task: Task;
  comment: Comment;
  instruction: Instruction;
  timeEntry: TimeEntry;
  timer: Timer;
  setting: Setting;
}

export const entitySchemas = {
  task: taskSchema,
  comment: commentSchema,
  instruction: instructionSchema,
  timeEntry: timeEntrySchema,
  timer: timerSchema,
  setting: settingSchema,
} as const;

/** The statuses of finished work. */
export const FINISHED: readonly TaskStatus[] = ['done', 'archived'];

/** A fresh random id for a record (UUID v4 without dashes is not needed: UUIDs are fine on the wire). */
export function newId(): string {
  return crypto.randomUUID();
}

/**
 * A task being written by the client that has not been delegated yet. Drafts stay on this
 * device (they are never synced), so a half-written task never reaches the assistant, and a
 * draft closed without saving is still there next time.
 */
export const taskDraftSchema = z.extend(z.omit(taskSchema, { status: true, recurrence: true, result: true, deleted: true }), {
  updatedAt: isoDateTime,
});
export type TaskDraft = z.infer<typeof taskDraftSchema>;
