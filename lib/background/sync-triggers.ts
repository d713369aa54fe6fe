/**
 * When the background syncs: a local change (debounced), every minute (alarm), at browser
 * start and when the network comes back. Timers are only a shortcut: the minute alarm and the
 * outbox in IndexedDB make sure a killed worker loses nothing.
 */
import { onStoreChange, type Db } from '../store';
import { syncQuietly } from '../sync/loop';

export const SYNC_ALARM = 'zuarbeit-sync';
export const LOCAL_CHANGE_DEBOUNCE_MS = 1_000;

/** Calls `run` once, `delayMs` after the last of a burst of calls. */
export function debounce(run: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
}

/** Syncs, never throwing: failures are recorded in the sync state that the views show. */
export function syncInBackground(getDb: () => Promise<Db>, force = false): Promise<void> {
  return getDb().then(
    (db) => syncQuietly(db, { force }),
    (error: unknown) => console.warn('[zuarbeit] cannot open the store to sync', error),
  );
}

/**
 * Calls `run` `delayMs` after the first of a burst of calls, then again for calls after that:
 * unlike a debounce, a steady stream of changes (a long sync) cannot postpone it for ever.
 */
export function throttle(run: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      run();
    }, delayMs);
  };
}

/** Watches the store for local edits (outbox changes) and syncs a second after the last one. */
export function syncOnLocalChanges(getDb: () => Promise<Db>): () => void {
  const later = debounce(() => void syncInBackground(getDb), LOCAL_CHANGE_DEBOUNCE_MS);
  return onStoreChange((change) => {
    if (change.kind === 'outbox') later();
  });
}
