/**
 * The records Zuarbeit keeps and syncs (DESIGN.md, "Data model").
 * Schemas use zod/mini so the popup, which validates what it reads, stays small.
 */
import * as z from 'zod/mini';

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
export const ENTITIES = ['task', 'comment', 'instruction', 'timeEntry'] as const;

export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Autonomy = (typeof AUTONOMY)[number];
export type Entity = (typeof ENTITIES)[number];
// Roles are part of the wire protocol; the server imports only lib/protocol, so they live there.
export { ROLES, type Role } from '../protocol/wire';

/** Maximum stored length of a clipped quote (characters); longer selections are cut with an ellipsis. */
export const MAX_QUOTE_CHARS = 20_000;

const id = z.string().check(z.minLength(1), z.maxLength(64));
const isoDateTime = z.string().check(z.minLength(10), z.maxLength(40));
/** A calendar day, `YYYY-MM-DD`. */
const isoDay = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/));

export const taskSourceSchema = z.object({
  type: z.enum(SOURCE_TYPES),
  url: z.nullable(z.string().check(z.maxLength(8192))),
  title: z.string().check(z.maxLength(1000)),
  quote: z.optional(z.string().check(z.maxLength(MAX_QUOTE_CHARS + 10))),
  documentType: z.optional(z.enum(DOCUMENT_TYPES)),
  description: z.optional(z.string().check(z.maxLength(2000))),
  siteName: z.optional(z.string().check(z.maxLength(300))),
  lang: z.optional(z.string().check(z.maxLength(35))),
  favicon: z.optional(z.string().check(z.maxLength(8192))),
  /** The page's author(s) and publication date as it declares them: the assistant cites them. */
  byline: z.optional(z.string().check(z.maxLength(300))),
  publishedTime: z.optional(z.string().check(z.maxLength(64))),
  capturedAt: isoDateTime,
});
export type TaskSource = z.infer<typeof taskSourceSchema>;

export const recurrenceSchema = z.nullable(
  z.object({
    every: z.enum(['day', 'week', 'month']),
    interval: z.int().check(z.minimum(1), z.maximum(365)),
  }),
);
export type Recurrence = z.infer<typeof recurrenceSchema>;

export const taskResultSchema = z.object({
  text: z.string().check(z.maxLength(100_000)),
  links: z.array(z.string().check(z.maxLength(8192))),
});
export type TaskResult = z.infer<typeof taskResultSchema>;

export const taskSchema = z.object({
  id,
  title: z.string().check(z.maxLength(500)),
  kind: z.enum(TASK_KINDS),
  status: z.enum(TASK_STATUSES),
  instructions: z.string().check(z.maxLength(100_000)),
  source: taskSourceSchema,
  due: z.nullable(isoDay),
  priority: z.enum(PRIORITIES),
  autonomy: z.enum(AUTONOMY),
  recurrence: recurrenceSchema,
  result: z.nullable(taskResultSchema),
  createdAt: isoDateTime,
  deleted: z.optional(z.boolean()),
});
export type Task = z.infer<typeof taskSchema>;

export const commentSchema = z.object({
  id,
  taskId: id,
  body: z.string().check(z.minLength(1), z.maxLength(20_000)),
  authorDevice: z.string().check(z.maxLength(64)),
  createdAt: isoDateTime,
  deleted: z.optional(z.boolean()),
});
export type Comment = z.infer<typeof commentSchema>;

export const instructionSchema = z.object({
  id,
  title: z.string().check(z.maxLength(300)),
  body: z.string().check(z.maxLength(20_000)),
  order: z.number(),
  deleted: z.optional(z.boolean()),
});
export type Instruction = z.infer<typeof instructionSchema>;

export const timeEntrySchema = z.object({
  id,
  taskId: id,
  minutes: z.int().check(z.minimum(1), z.maximum(24 * 60)),
  date: isoDay,
  note: z.string().check(z.maxLength(2000)),
  authorDevice: z.string().check(z.maxLength(64)),
  deleted: z.optional(z.boolean()),
});
export type TimeEntry = z.infer<typeof timeEntrySchema>;

export interface EntityRecords {
  task: Task;
  comment: Comment;
  instruction: Instruction;
  timeEntry: TimeEntry;
}

export const entitySchemas = {
  task: taskSchema,
  comment: commentSchema,
  instruction: instructionSchema,
  timeEntry: timeEntrySchema,
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
export const taskDraftSchema = z.object({
  id,
  title: z.string().check(z.maxLength(500)),
  kind: z.enum(TASK_KINDS),
  instructions: z.string().check(z.maxLength(100_000)),
  source: taskSourceSchema,
  due: z.nullable(isoDay),
  priority: z.enum(PRIORITIES),
  autonomy: z.enum(AUTONOMY),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
});
export type TaskDraft = z.infer<typeof taskDraftSchema>;
