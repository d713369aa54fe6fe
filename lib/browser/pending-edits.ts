/**
 * The page's half of the pending-edit hand-off (issue 16, defect 8): a form's latest unsaved edit
 * goes to the background at once, over a runtime port, so it is written even if the page closes
 * before its own save could (lib/background/pending-edits.ts). A port the background dropped (its
 * service worker stopped) is opened again on the next message, with every edit still pending.
 * Each edit names the database (workspace, issue 13) it belongs to; the background writes it only
 * into a registered workspace of that name.
 */
import { PENDING_EDITS_PORT, type PendingEdit, type PendingEditMessage } from '../store';

/** What goes over the port: the store's message, a pending edit naming its database. */
export type PendingEditPortMessage =
  (Extract<PendingEditMessage, { type: 'pending' }> & { db: string }) | Extract<PendingEditMessage, { type: 'settled' }>;

/** The part of `runtime` this needs. */
export interface PendingEditsRuntime {
  connect(info: { name: string }): {
    postMessage(message: PendingEditPortMessage): void;
    onDisconnect: { addListener(listener: () => void): void };
  };
}

export interface PendingEditsSender {
  /** The latest unsaved edit of the form `key`, in database `db` (replaces the one before). */
  pending(key: string, edit: PendingEdit, db: string): void;
  /** The form `key` saved or dropped its edit. */
  settled(key: string): void;
}

/** A sender over one lazily opened port; a runtime that cannot connect (tests, a page being torn down) makes it a no-op. */
export function pendingEditsSender(runtime: PendingEditsRuntime | undefined): PendingEditsSender {
  const edits = new Map<string, { edit: PendingEdit; db: string }>();
  let port: ReturnType<PendingEditsRuntime['connect']> | null = null;
  const post = (message: PendingEditPortMessage) => {
    try {
      if (!port) {
        if (!runtime) return;
        const opened = runtime.connect({ name: PENDING_EDITS_PORT });
        port = opened;
        opened.onDisconnect.addListener(() => {
          if (port === opened) port = null;
        });
        // A new port (the background restarted): everything still pending goes again.
        for (const [key, { edit, db }] of edits) if (message.key !== key) opened.postMessage({ type: 'pending', key, db, edit });
      }
      port.postMessage(message);
    } catch {
      port = null; // the context is going away; the page's own save is all that is left
    }
  };
  return {
    pending(key, edit, db) {
      edits.set(key, { edit, db });
      post({ type: 'pending', key, db, edit });
    },
    settled(key) {
      if (!edits.delete(key)) return;
      post({ type: 'settled', key });
    },
  };
}
