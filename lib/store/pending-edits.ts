/**
 * The last edit of a form, handed from the page that shows it to the background (issue 16,
 * defect 8). A side panel closed while its save waits behind another context's write
 * transaction takes that save with it; the background, which outlives the page, writes the
 * edit instead.
 */
import type { Task, TaskDraft } from '../model';
import type { Db } from './db';
import { getDraft, getRecord, saveDraft } from './records';
import { updateRecord } from './record-writes';

/** The name of the runtime port the pages hand their pending edits over. */
export const PENDING_EDITS_PORT = 'zuarbeit-pending-edits';

/** The task fields a form edits (lib/ui/task-edit.ts), the only ones a hand-off may carry. */
export type PendingTaskField = 'title' | 'kind' | 'status' | 'instructions' | 'due' | 'priority' | 'autonomy' | 'result';

/**
 * The fields a form changed since it last saved, for one record. Only types here: the schema
 * that parses them lives with the background (lib/background/pending-edits.ts), so the popup,
 * which shares this module, carries none of it.
 */
export type PendingEdit =
  | { entity: 'task'; id: string; patch: Partial<Pick<Task, PendingTaskField>> }
  | { entity: 'draft'; id: string; patch: Partial<Omit<TaskDraft, 'id' | 'updatedAt'>> };

/** What a page sends: its form's latest unsaved edit (replacing the one before under `key`), or that nothing is left. */
export type PendingEditMessage = { type: 'pending'; key: string; edit: PendingEdit } | { type: 'settled'; key: string };

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
