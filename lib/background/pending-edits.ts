/**
 * The background's half of the pending-edit hand-off (issue 16, defect 8): each open form sends
 * its latest unsaved edit over a runtime port; when the page goes away with an edit it has not
 * saved, the background writes it. The page's own save still runs; writing the same fields twice
 * changes nothing (unchanged fields are skipped).
 */
import { PENDING_EDITS_PORT, pendingEditMessageSchema, writePendingEdit, type Db, type PendingEdit } from '../store';

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
