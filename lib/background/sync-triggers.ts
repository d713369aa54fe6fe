/**
 * When the background syncs: a local change (debounced), every minute (alarm), at browser
 * start and when the network comes back. Timers are only a shortcut: the minute alarm and the
 * outbox in IndexedDB make sure a killed worker loses nothing.
 */
import { affectsOutbox, onStoreChange, type Db, type RemoteChange } from '../store';
import { syncQuietly } from '../sync/loop';
import { debounce } from './timers';

export const SYNC_ALARM = 'zuarbeit-sync';
export const LOCAL_CHANGE_DEBOUNCE_MS = 1_000;

/** Told the remote changes a background sync applied (the notifications, issue 15). */
export type AppliedListener = (db: Db, changes: readonly RemoteChange[]) => void;

let appliedListener: AppliedListener | undefined;

/** Sets who hears what background syncs applied (one listener: the background's notifier). */
export function onBackgroundApplied(listener: AppliedListener | undefined): void {
  appliedListener = listener;
}

/** Syncs, never throwing: failures are recorded in the sync state that the views show. */
export function syncInBackground(getDb: () => Promise<Db>, force = false): Promise<void> {
  return getDb().then(
    (db) => syncQuietly(db, { force, onApplied: (changes) => appliedListener?.(db, changes) }),
    (error: unknown) => console.warn('[zuarbeit] cannot open the store to sync', error),
  );
}

/** Watches the store for local edits (outbox changes) and syncs a second after the last one. */
export function syncOnLocalChanges(getDb: () => Promise<Db>): () => void {
  const later = debounce(() => void syncInBackground(getDb), LOCAL_CHANGE_DEBOUNCE_MS);
  return onStoreChange((change) => {
    if (affectsOutbox(change)) later();
  });
}
