/**
 * The records Zuarbeit keeps and syncs (DESIGN.md, "Data model").
 * Schemas use zod/mini so the popup, which validates what it reads, stays small.
 */
import * as z from 'zod/mini';
import { FIELD_LIMITS } from './limits';
import { hasRuleShape } from './rule-shape';

// No generated code: extension pages forbid eval (CSP), and zod's JIT would try `new Function`
// first and log a CSP violation; the interpreter is also faster for the popup's first render.
z.config({ jitless: true });

export const TASK_KINDS = ['research', 'revise-text', 'presentation', 'other'] as const;
export const TASK_STATUSES = ['new', 'accepted', 'in-progress', 'question', 'review', 'done', 'archived'] as const;
export const SOURCE_TYPES = ['page', 'selection', 'link', 'document', 'manual'] as const;
export const DOCUMENT_TYPES = [
  'pdf',
  'doc',
  'docx',
  'xls',
  'xlsx',
  'ppt',
  'pptx',
  'odt',
  'ods',
  'odp',
  'rtf',
  'csv',
  'txt',
  'gdoc',
  'gsheet',
  'gslide',
  'gdrive',
  'onedrive',
  'sharepoint',
  'dropbox',
] as const;
export const PRIORITIES = ['low', 'normal', 'high'] as const;
export const AUTONOMY = ['ask-first', 'decide-yourself'] as const;
/** Delegation levels (issue 9): 1 as instructed, 2 recommend, 3 do it and report, 4 on your own. */
export const LEVELS = [1, 2, 3, 4] as const;
export const ENTITIES = [
  'task',
  'comment',
  'instruction',
  'timeEntry',
  'timer',
  'setting',
  'occurrence',
  'snapshot',
  'snapshotPart',
  'handover',
] as const;

export type TaskKind = (typeof TASK_KINDS)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type SourceType = (typeof SOURCE_TYPES)[number];
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type Autonomy = (typeof AUTONOMY)[number];
export type Level = (typeof LEVELS)[number];
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
/** A delegation level: anything else (a 5 from a future version) is refused, so it never replaces a valid one. */
export const levelSchema = z.literal(LEVELS);

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

/** Where the next occurrence is counted from: the rule's own dates, or the day the last one was done. */
export const RECURRENCE_ANCHORS = ['schedule', 'completion'] as const;
export type RecurrenceAnchor = (typeof RECURRENCE_ANCHORS)[number];

/**
 * A standing task's rule (issue 9): `DTSTART;VALUE=DATE:…` and `RRULE:…` lines in the subset lib/recurrence
 * supports. The schema checks the shape only (see rule-shape.ts); the parser judges the rest where rules are edited and evaluated.
 */
export const standingRuleSchema = z.object({
  rule: z.string().check(z.refine(hasRuleShape)),
  anchor: z.enum(RECURRENCE_ANCHORS),
});
export type StandingRule = z.infer<typeof standingRuleSchema>;

/** The rule form before issue 9, still accepted so a record written by an older device reads (lib/standing migrates it). */
export const legacyRecurrenceSchema = z.object({
  every: z.enum(['day', 'week', 'month']),
  interval: z.int().check(z.minimum(1), z.maximum(L.recurrenceInterval)),
});
export type LegacyRecurrence = z.infer<typeof legacyRecurrenceSchema>;

export const recurrenceSchema = z.nullable(z.union([standingRuleSchema, legacyRecurrenceSchema]));
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
  /** Still written (from the level) for devices from before levels, which require it; read only where `level` is absent. */
  autonomy: z.enum(AUTONOMY),
  /** The delegation level of this task; null: its kind's default; absent: a record from before levels. */
  level: z.optional(z.nullable(levelSchema)),
  /** When the client accepted the delivered result (review → done): the trust count reads it. */
  acceptedAt: z.optional(z.nullable(isoDateTime)),
  /** The client sent a delivered result back at least once: the task was not accepted as delivered. */
  sentBack: z.optional(z.boolean()),
  recurrence: recurrenceSchema,
  result: z.nullable(taskResultSchema),
  createdAt: isoDateTime,
  /** The time budget the client set (per occurrence for a standing task); absent or null: none. */
  budgetMinutes: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(L.budgetMinutes)))),
  deleted: z.optional(z.boolean()),
});
export type Task = z.infer<typeof taskSchema>;

/** What an occurrence of a standing task can be: a task's statuses, or skipped (not owed this time). */
export const OCCURRENCE_STATUSES = [...TASK_STATUSES, 'skipped'] as const;
export type OccurrenceStatus = (typeof OCCURRENCE_STATUSES)[number];

/**
 * One occurrence of a standing task (issue 9; docs/protocol.md, "Standing tasks and occurrences"):
 * its id is `<taskId>:<day>`, so two devices changing the same occurrence write the same record.
 * A record exists only once someone changed the occurrence; the others are derived from the rule.
 */
export const occurrenceSchema = z.object({
  // The wire carries ids of at most 64 characters: a UUID task id leaves room for the day.
  id,
  taskId: id,
  day: isoDay,
  status: z.enum(OCCURRENCE_STATUSES),
  result: z.optional(z.nullable(taskResultSchema)),
  /** The day it was done (the completion anchor counts from it). */
  doneOn: z.optional(z.nullable(isoDay)),
  deleted: z.optional(z.boolean()),
});
export type Occurrence = z.infer<typeof occurrenceSchema>;

export const commentSchema = z.object({
  id,
  taskId: id,
  body: z.string().check(z.minLength(1), z.maxLength(L.commentBody)),
  authorDevice: text(L.authorDevice),
  createdAt: isoDateTime,
  /** The occurrence of a standing task the comment is about (its id, `<taskId>:<YYYY-MM-DD>`). */
  occurrence: z.optional(z.nullable(text(L.id))),
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

/** One change of a kind's default delegation level: who (device id), when, from → to. */
export const levelChangeSchema = z.object({ from: levelSchema, to: levelSchema, at: isoDateTime, by: text(L.authorDevice) });
export type LevelChange = z.infer<typeof levelChangeSchema>;

/**
 * The settings field holding one kind's level history, oldest first; its last `to` is the kind's
 * default. One field per kind: concurrent changes of two kinds both survive the merge, and a
 * kind's level and its history can never disagree (they are one value).
 */
export const LEVEL_FIELDS = {
  research: 'levelsResearch',
  'revise-text': 'levelsReviseText',
  presentation: 'levelsPresentation',
  other: 'levelsOther',
} as const satisfies Record<TaskKind, string>;

const levelHistory = z.optional(z.array(levelChangeSchema).check(z.maxLength(L.levelHistory)));

/** The id of the one workspace settings record. */
export const WORKSPACE_SETTINGS_ID = 'workspace';

/** The workspace's settings, written by the client: the hourly rate with its history, the monthly budget, the delegation levels per kind. */
export const settingSchema = z.object({
  id,
  /** Every rate change, oldest first: both sides see when it changed. */
  rateHistory: z.optional(z.array(rateChangeSchema).check(z.maxLength(L.rateHistory))),
  monthlyBudgetMinutes: z.optional(z.nullable(z.int().check(z.minimum(1), z.maximum(L.budgetMinutes)))),
  levelsResearch: levelHistory,
  levelsReviseText: levelHistory,
  levelsPresentation: levelHistory,
  levelsOther: levelHistory,
  /** After how many results accepted as delivered the side panel suggests raising a kind's level. */
  levelSuggestAfter: z.optional(z.int().check(z.minimum(1), z.maximum(L.levelSuggestAfter))),
  deleted: z.optional(z.boolean()),
});
export type Setting = z.infer<typeof settingSchema>;

/** Limits of a page snapshot (issue 12; docs/clipping.md, "Page snapshot"). */
export const SNAPSHOT_LIMITS = {
  /** Longest captured text in UTF-16 code units, the "shortened" marker included (about 500 KB of Latin text). */
  text: 500_000,
  /** Longest text a draft keeps: room for placeholders longer than what they replace (issue 12, part 1). */
  draftText: 550_000,
  /** UTF-8 size of a stored snapshot's text: at most three bytes per code unit, with slack. */
  bytes: 2_000_000,
  /** base64url characters per part: one part and its record fit one 64 KiB message body after encryption. */
  partChars: 48 * 1024,
  /** Parts of one snapshot: 2 MB that gzip cannot shrink, in base64, needs 55. */
  parts: 64,
} as const;

/** Why a page clip carries no snapshot: the page had no readable text, or could not be read at all (scripting refused). */
export const SNAPSHOT_MISSING = ['no-readable-content', 'not-captured'] as const;
export type SnapshotMissing = (typeof SNAPSHOT_MISSING)[number];

/** What the page says about the snapshot's text; kept next to it. */
const snapshotMetaShape = {
  title: z.optional(text(L.sourceTitle)),
  byline: z.optional(text(300)),
  siteName: z.optional(text(L.siteName)),
  publishedTime: z.optional(text(64)),
  /** The page held more text than the limit; the text ends with the cut marker. */
  shortened: z.boolean(),
};

/**
 * The page as the client saw it (issue 12): one immutable record per task (its id is the
 * task's), whose text travels gzip-compressed and base64url-encoded in `parts` snapshotPart
 * records. `bytes` and `sha256` are of the UTF-8 text: reassembly checks both.
 */
export const snapshotSchema = z.object({
  id,
  taskId: id,
  url: z.nullable(text(L.url)),
  capturedAt: isoDateTime,
  ...snapshotMetaShape,
  bytes: z.int().check(z.minimum(1), z.maximum(SNAPSHOT_LIMITS.bytes)),
  sha256: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  parts: z.int().check(z.minimum(1), z.maximum(SNAPSHOT_LIMITS.parts)),
  deleted: z.optional(z.boolean()),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

/** Part `n` (from 0) of a snapshot's compressed text; its id is `<snapshotId>:<n>`. */
export const snapshotPartSchema = z.object({
  id,
  snapshotId: id,
  n: z.int().check(z.minimum(0), z.maximum(SNAPSHOT_LIMITS.parts - 1)),
  data: z.string().check(z.minLength(1), z.maxLength(SNAPSHOT_LIMITS.partChars), z.regex(/^[A-Za-z0-9_-]+$/)),
  deleted: z.optional(z.boolean()),
});
export type SnapshotPart = z.infer<typeof snapshotPartSchema>;

/** A draft's snapshot details; `include` is off for a selection until the client asks for the whole page. */
export const draftSnapshotSchema = z.object({ ...snapshotMetaShape, include: z.boolean() });
export type DraftSnapshot = z.infer<typeof draftSnapshotSchema>;

/** Limits of a handover package (issue 11): the whole package is one field of one message (64 KiB). */
export const HANDOVER_LIMITS = { note: 4000, excerpt: 280, instructionBody: 1000, items: 60, entries: 30, bytes: 60_000 } as const;

const H = HANDOVER_LIMITS;
const note = text(H.note);

/**
 * The handover package (issue 11; lib/handover generates it): what the data says, frozen when it
 * was generated (the successor may hold no older key, so she cannot derive averages or threads
 * herself), and what the outgoing assistant wrote. Where access lives, never a credential.
 */
export const handoverContentSchema = z
  .object({
    generatedAt: isoDateTime,
    instructions: z.array(z.object({ title: text(L.instructionTitle), body: text(H.instructionBody) })).check(z.maxLength(H.items)),
    standingTasks: z
      .array(
        z.object({
          taskId: id,
          title: text(L.taskTitle),
          kind: z.enum(TASK_KINDS),
          /** The rule (`DTSTART`/`RRULE` lines); the views describe it in their language. */
          rule: z.nullable(text(1000)),
          nextDate: z.nullable(isoDay),
          averageMinutes: z.nullable(z.int().check(z.minimum(0), z.maximum(L.entryMinutes * 100))),
          budgetMinutes: z.nullable(z.int().check(z.minimum(1), z.maximum(L.budgetMinutes))),
          level: z.nullable(levelSchema),
        }),
      )
      .check(z.maxLength(H.items)),
    openTasks: z
      .array(
        z.object({
          taskId: id,
          title: text(L.taskTitle),
          status: z.enum(TASK_STATUSES),
          due: z.nullable(isoDay),
          lastWord: z.nullable(z.object({ side: z.enum(['client', 'assistant']), excerpt: text(H.excerpt), at: isoDateTime })),
        }),
      )
      .check(z.maxLength(H.items)),
    contacts: z.array(z.object({ name: text(200), reach: text(500), note })).check(z.maxLength(H.entries)),
    /** Where a credential is kept ("password manager, folder Kanzlei"), and whether it is shared (then: change it). */
    access: z.array(z.object({ what: text(200), where: text(500), shared: z.boolean() })).check(z.maxLength(H.entries)),
    taskNotes: z.array(z.object({ taskId: id, note })).check(z.maxLength(H.items * 2)),
    /** The unwritten rules. */
    generalNote: note,
    openQuestions: note,
  })
  .check(z.refine((content) => new TextEncoder().encode(JSON.stringify(content)).length <= H.bytes));
export type HandoverContent = z.infer<typeof handoverContentSchema>;

export const SUCCESSOR_MODES = ['current-state', 'with-history'] as const;
export type SuccessorMode = (typeof SUCCESSOR_MODES)[number];

/**
 * One handover (issue 11). The client starts it naming the outgoing assistant as `authorDevice`:
 * she may then write `content` and `ready` of this record (lib/sync/merge.ts), the rest is the client's.
 */
export const handoverSchema = z.object({
  id,
  authorDevice: text(L.authorDevice),
  createdAt: isoDateTime,
  mode: z.enum(SUCCESSOR_MODES),
  /** The last day both assistants work side by side. */
  overlapUntil: z.nullable(isoDay),
  /** The client keeps the delegation levels for the successor instead of one lower per kind. */
  keepLevels: z.boolean(),
  /** The devices of the workspace when the successor was invited: the successor is the assistant who came after. */
  devicesBefore: z.array(text(L.authorDevice)).check(z.maxLength(200)),
  content: z.nullable(handoverContentSchema),
  ready: z.boolean(),
  finishedAt: z.optional(z.nullable(isoDateTime)),
  deleted: z.optional(z.boolean()),
});
export type Handover = z.infer<typeof handoverSchema>;

export interface EntityRecords {
  task: Task;
  comment: Comment;
  instruction: Instruction;
  timeEntry: TimeEntry;
  timer: Timer;
  setting: Setting;
  occurrence: Occurrence;
  snapshot: Snapshot;
  snapshotPart: SnapshotPart;
  handover: Handover;
}

export const entitySchemas = {
  task: taskSchema,
  comment: commentSchema,
  instruction: instructionSchema,
  timeEntry: timeEntrySchema,
  timer: timerSchema,
  setting: settingSchema,
  occurrence: occurrenceSchema,
  snapshot: snapshotSchema,
  snapshotPart: snapshotPartSchema,
  handover: handoverSchema,
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
  /** The "Repeats" choice of the draft; absent on drafts written before issue 9. */
  recurrence: z.optional(recurrenceSchema),
  /**
   * The page as the client saw it (issue 12), as plain text while the draft is written: the
   * confidentiality check scans and edits it like the title or the quote. It is compressed and
   * split into synced parts only when the draft is delegated.
   */
  snapshotText: z.optional(z.string().check(z.maxLength(SNAPSHOT_LIMITS.draftText))),
  snapshot: z.optional(draftSnapshotSchema),
  /** Why a page clip has no snapshot, for the draft to say so. */
  snapshotMissing: z.optional(z.enum(SNAPSHOT_MISSING)),
});
export type TaskDraft = z.infer<typeof taskDraftSchema>;
