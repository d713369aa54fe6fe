/**
 * The background's half of the pending-edit hand-off (issue 16, defect 8): each open form sends
 * its latest unsaved edit over a runtime port; when the page goes away with an edit it has not
 * saved, the background writes it. The page's own save still runs; writing the same fields twice
 * changes nothing (unchanged fields are skipped).
 *
 * Several workspaces (issue 13): each edit names its database; it is written only when that is
 * the database of a registered workspace, and refused otherwise (a page cannot make the
 * background open, or create, a database of its choosing).
 */
import * as z from 'zod/mini';
import { taskDraftSchema, taskSchema } from '../model';
import type { PendingEditPortMessage } from '../browser/pending-edits';
import { PENDING_EDITS_PORT, writePendingEdit, type Db, type PendingEdit, type PendingTaskField } from '../store';

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
const dbName = z.string().check(z.minLength(1), z.maxLength(100));

const pendingEditSchema = z.discriminatedUnion('entity', [
  z.object({ entity: z.literal('task'), id, patch: z.partial(z.pick(taskSchema, TASK_FIELDS)) }),
  z.object({ entity: z.literal('draft'), id, patch: z.partial(z.omit(taskDraftSchema, { id: true, updatedAt: true })) }),
]);

/** A page's message, parsed on receipt like every boundary between contexts: every field value checked against the model. */
export const pendingEditMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('pending'), key, db: dbName, edit: pendingEditSchema }),
  z.object({ type: z.literal('settled'), key }),
]);

// The schema and the store's types describe the same messages.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agrees: Same<z.infer<typeof pendingEditMessageSchema>, PendingEditPortMessage> = true;
void agrees;

/** The part of a runtime port this needs (Chrome's and Firefox's Port). */
export interface PendingEditsPort {
  name: string;
  onMessage: { addListener(listener: (message: unknown) => void): void };
  onDisconnect: { addListener(listener: () => void): void };
}

/** Opens the registered workspace whose database is `name`; null when none is (the edit is refused). */
export type OpenNamedDb = (name: string) => Promise<Db | null>;

/** A pending edit naming a database that is no registered workspace's: refused, never written. */
export class UnknownDatabaseError extends Error {
  constructor(readonly dbName: string) {
    super(`No workspace on this device has the database ${JSON.stringify(dbName)}; its pending edit was not written.`);
    this.name = 'UnknownDatabaseError';
  }
}

/**
 * Follows one page's port: keeps its latest pending edits, writes what is left when it disconnects,
 * each into the workspace it names (`openNamed`); an edit naming no registered workspace is
 * reported to `onError` and dropped.
 */
export function acceptPendingEdits(port: PendingEditsPort, openNamed: OpenNamedDb, onError: (error: unknown) => void = () => {}): void {
  if (port.name !== PENDING_EDITS_PORT) return;
  const pending = new Map<string, { db: string; edit: PendingEdit }>();
  port.onMessage.addListener((raw) => {
    const parsed = pendingEditMessageSchema.safeParse(raw);
    if (!parsed.success) return; // not ours, or from a page of another version: never written
    const message = parsed.data;
    if (message.type === 'pending') pending.set(message.key, { db: message.db, edit: message.edit });
    else pending.delete(message.key);
  });
  port.onDisconnect.addListener(() => {
    const left = [...pending.values()];
    pending.clear();
    if (left.length === 0) return;
    const byDb = new Map<string, { db: string; edit: PendingEdit }[]>();
    for (const entry of left) byDb.set(entry.db, [...(byDb.get(entry.db) ?? []), entry]);
    for (const [name, edits] of byDb) {
      void openNamed(name)
        .then(async (db) => {
          if (!db) throw new UnknownDatabaseError(name);
          for (const { edit } of edits) await writePendingEdit(db, edit);
        })
        .catch(onError);
    }
  });
}
