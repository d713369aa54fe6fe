/**
 * The page's half of the pending-edit hand-off (issue 16, defect 8): a form's latest unsaved edit
 * goes to the background at once, over a runtime port, so it is written even if the page closes
 * before its own save could (lib/background/pending-edits.ts). A port the background dropped (its
 * service worker stopped) is opened again on the next message, with every edit still pending.
 */
import { PENDING_EDITS_PORT, type PendingEdit, type PendingEditMessage } from '../store';

/** The part of `runtime` this needs. */
export interface PendingEditsRuntime {
  connect(info: { name: string }): {
    postMessage(message: PendingEditMessage): void;
    onDisconnect: { addListener(listener: () => void): void };
  };
}

export interface PendingEditsSender {
  /** The latest unsaved edit of the form `key` (replaces the one before). */
  pending(key: string, edit: PendingEdit): void;
  /** The form `key` saved or dropped its edit. */
  settled(key: string): void;
}

/** A sender over one lazily opened port; a runtime that cannot connect (tests, a page being torn down) makes it a no-op. */
export function pendingEditsSender(runtime: PendingEditsRuntime | undefined): PendingEditsSender {
  const edits = new Map<string, PendingEdit>();
  let port: ReturnType<PendingEditsRuntime['connect']> | null = null;
  const post = (message: PendingEditMessage) => {
    try {
      if (!port) {
        if (!runtime) return;
        const opened = runtime.connect({ name: PENDING_EDITS_PORT });
        port = opened;
        opened.onDisconnect.addListener(() => {
          if (port === opened) port = null;
        });
        // A new port (the background restarted): everything still pending goes again.
        for (const [key, edit] of edits) if (message.key !== key) opened.postMessage({ type: 'pending', key, edit });
      }
      port.postMessage(message);
    } catch {
      port = null; // the context is going away; the page's own save is all that is left
    }
  };
  return {
    pending(key, edit) {
      edits.set(key, edit);
      post({ type: 'pending', key, edit });
    },
    settled(key) {
      if (!edits.delete(key)) return;
      post({ type: 'settled', key });
    },
  };
}
