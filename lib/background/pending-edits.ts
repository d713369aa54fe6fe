/**
 * The background's half of the pending-edit hand-off (issue 16, defect 8): each open form sends
 * its latest unsaved edit over a runtime port; when the page goes away with an edit it has not
 * saved, the background writes it. The page's own save still runs; writing the same fields twice
 * changes nothing (unchanged fields are skipped).
 */
import * as z from 'zod/mini';
import { taskDraftSchema, taskSchema } from '../model';
import { PENDING_EDITS_PORT, writePendingEdit, type Db, type PendingEdit, type PendingEditMessage, type PendingTaskField } from '../store';

const TASK_FIELDS = {
  title: true,
  kind: true,
  status: true,
  instructions: true,
  due: true,
  priority: true,
  autonomy: true,
  result: true,
} as const satisfies Record<PendingTaskField, true>;
const key = z.string().check(z.minLength(1), z.maxLength(100));
const id = z.string().check(z.minLength(1));

const pendingEditSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('task'), id, patch: z.partial(z.pick(taskSchema, TASK_FIELDS)) }),
  z.object({ entity: z.literal('draft'), id, patch: z.partial(z.omit(taskDraftSchema, { id: true, updatedAt: true })) }),
]);

/** A page's message, parsed on receipt like every boundary between contexts: every field value checked against the model. */
export const pendingEditMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pending'), key, edit: pendingEditSchema }),
  z.object({ type: z.literal('settled'), key }),
]);

// The schema and the store's types describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.infer<typeof pendingEditMessageSchema>, PendingEditMessage> = true;
void agrees;

/** The part of a runtime port this needs (Chrome's and Firefox's Port). */
export interface PendingEditsPort {
  name: string;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Follows one page's port: keeps its latest pending edits, writes what is left when it disconnects. */
export function acceptPendingEdits(port: PendingEditsPort, getDb: () => Promise<Db>, onError: (error: unknown) => void = () => {}): void {
  if (port.name !== PENDING_EDITS_PORT) return;
  const pending = new Map<string, PendingEdit>();
  port.onMessage.addListener((raw) => {
    const parsed = pendingEditMessageSchema.safeParse(raw);
    if (!parsed.success) return; // not ours, or from a page of another version: never written
    const message = parsed.data;
    if (message.type === 'pending') pending.set(message.key, message.edit);
    else pending.delete(message.key);
  });
  port.onDisconnect.addListener(() => {
    const left = [...pending.values()];
    pending.clear();
    if (left.length === 0) return;
    void getDb()
      .then(async (db) => {
        for (const edit of left) await writePendingEdit(db, edit);
      })
      .catch(onError);
  });
}
