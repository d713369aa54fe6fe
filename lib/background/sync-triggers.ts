/**
 * When the background syncs: a local change (debounced), every minute (alarm), at browser
 * start and when the network comes back. Timers are only a shortcut: the minute alarm and the
 * outbox in IndexedDB make sure a killed worker loses nothing.
 *
 * Several workspaces (issue 13): the alarm, the start and the network sync every workspace, each
 * under its own lock; a local change syncs only the workspace it happened in. One failing or
 * revoked workspace stores its own problem and never stops the others.
 */
import { affectsOutbox, onStoreChange, type OpenWorkspace, type RemoteChange, type WorkspaceEntry } from '../store';
import { syncWorkspaces, type WorkspaceSyncResult } from '../sync/workspaces';
import type { RunSyncOptions } from '../sync/loop';
import { debounce } from './timers';
import type { BackgroundWorkspaces } from './workspaces';

export const SYNC_ALARM = 'zuarbeit-sync';
export const LOCAL_CHANGE_DEBOUNCE_MS = 1_000;

/** Told the remote changes a background sync applied in one workspace (the notifications, issue 15). */
export type AppliedListener = (workspace: OpenWorkspace, changes: readonly RemoteChange[]) => void;

let appliedListener: AppliedListener | undefined;

/** Sets who hears what background syncs applied (one listener: the background's notifier). */
export function onBackgroundApplied(listener: AppliedListener | undefined): void {
  appliedListener = listener;
}

/** How a background sync runs: `force` skips our own backoff; the rest is for tests and benches. */
export type BackgroundSyncOptions = Pick<RunSyncOptions, 'force' | 'fetch' | 'now'>;

/** Syncs `entries`, each under its own lock and told apart in what it applied; never throws. */
export async function syncEntries(
  workspaces: BackgroundWorkspaces,
  entries: readonly WorkspaceEntry[],
  options: BackgroundSyncOptions = {},
): Promise<WorkspaceSyncResult[]> {
  const runs = entries.map((entry) =>
    syncWorkspaces([{ id: entry.id, open: () => workspaces.open(entry) }], {
      ...options,
      onApplied: (changes) => {
        const listener = appliedListener;
        if (listener) void workspaces.open(entry).then((db) => listener({ entry, db }, changes));
      },
    }),
  );
  const results = (await Promise.all(runs)).flat();
  for (const { workspace, result } of results) {
    if (result.outcome === 'failed' && result.reason === 'unavailable') console.warn('[zuarbeit] cannot sync workspace', workspace, result);
  }
  return results;
}

/** Syncs every workspace, never throwing: failures are recorded in each workspace's sync state that the views show. */
export async function syncInBackground(
  workspaces: BackgroundWorkspaces,
  options: BackgroundSyncOptions = {},
): Promise<WorkspaceSyncResult[]> {
  try {
    return await syncEntries(workspaces, await workspaces.list(), options);
  } catch (error) {
    console.warn('[zuarbeit] cannot read the workspaces to sync', error);
    return [];
  }
}

/** Syncs the workspace whose database is `dbName` alone; nothing when no registered workspace has it. */
export async function syncDatabaseInBackground(
  workspaces: BackgroundWorkspaces,
  dbName: string,
  options: BackgroundSyncOptions = {},
): Promise<WorkspaceSyncResult[]> {
  try {
    const entries = (await workspaces.list()).filter((entry) => entry.dbName === dbName);
    return await syncEntries(workspaces, entries, options);
  } catch (error) {
    console.warn('[zuarbeit] cannot read the workspaces to sync', error);
    return [];
  }
}

/**
 * Watches the store for local edits (outbox changes) and syncs their workspace a second after its
 * last one, debounced per database; a change naming no database (none should) syncs every workspace.
 */
export function syncOnLocalChanges(workspaces: BackgroundWorkspaces, options: BackgroundSyncOptions = {}): () => void {
  const later = new Map<string, () => void>();
  const everyLater = debounce(() => void syncInBackground(workspaces, options), LOCAL_CHANGE_DEBOUNCE_MS);
  return onStoreChange((change) => {
    if (!affectsOutbox(change)) return;
    const name = change.db;
    if (name === undefined) return everyLater();
    let run = later.get(name);
    if (!run) {
      run = debounce(() => void syncDatabaseInBackground(workspaces, name, options), LOCAL_CHANGE_DEBOUNCE_MS);
      later.set(name, run);
    }
    run();
  });
}
