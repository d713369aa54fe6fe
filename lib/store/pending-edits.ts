/**
 * The last edit of a form, handed from the page that shows it to the background (issue 16,
 * defect 8). A side panel closed while its save waits behind another context's write
 * transaction takes that save with it; the background, which outlives the page, writes the
 * edit instead. The messages are parsed on receipt like every boundary between contexts.
 */
import * as z from 'zod/mini';
import { taskDraftSchema, taskSchema } from '../model';
import type { Db } from './db';
import { getDraft, getRecord, saveDraft, updateRecord } from './records';

/** The name of the runtime port the pages hand their pending edits over. */
export const PENDING_EDITS_PORT = 'zuarbeit-pending-edits';

const EDITABLE_TASK = {
  title: true,
  kind: true,
  status: true,
  instructions: true,
  due: true,
  priority: true,
  autonomy: true,
  result: true,
} as const;

export const pendingEditSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('task'), id: z.string().check(z.minLength(1)), patch: z.partial(z.pick(taskSchema, EDITABLE_TASK)) }),
  z.object({
    entity: z.literal('draft'),
    id: z.string().check(z.minLength(1)),
    patch: z.partial(z.omit(taskDraftSchema, { id: true, updatedAt: true })),
  }),
]);
/** The fields a form changed since it last saved, for one record. */
export type PendingEdit = z.infer<typeof pendingEditSchema>;

export const pendingEditMessageSchema = z.discriminatedUnion('type', [
  /** The form's latest unsaved edit (replaces the one before under the same key). */
  z.object({ type: z.literal('pending'), key: z.string().check(z.minLength(1), z.maxLength(100)), edit: pendingEditSchema }),
  /** The form saved it, or dropped it (delegated, discarded): nothing left to write. */
  z.object({ type: z.literal('settled'), key: z.string().check(z.minLength(1), z.maxLength(100)) }),
]);
export type PendingEditMessage = z.infer<typeof pendingEditMessageSchema>;

/**
 * Writes a pending edit the way the form would have: a task's changed fields (each with its
 * clock; unchanged ones are skipped), or a draft's fields merged into the stored draft. A record
 * that is gone by now (deleted, delegated, discarded) is left gone.
 */
export async function writePendingEdit(db: Db, edit: PendingEdit, now = new Date()): Promise<void> {
  if (edit.entity === 'task') {
    if (await getRecord(db, 'task', edit.id)) await updateRecord(db, 'task', edit.id, edit.patch);
    return;
  }
  const draft = await getDraft(db, edit.id);
  if (draft) await saveDraft(db, { ...draft, ...edit.patch, updatedAt: now.toISOString() });
}
