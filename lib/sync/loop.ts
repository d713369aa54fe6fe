/**
 * The sync loop around `syncOnce`: one run at a time across popup, side panel and background
 * (Web Lock), exponential backoff on failure, and a sync state every view can show.
 */
import { DB_NAME, type Db } from '../store/db';
import { getSyncState, setSyncState } from '../store/sync-state';
import { backoffDelay, SyncClient, SyncError, type SyncErrorReason } from './client';
import { getConnection } from './connection';
import { syncOnce, type SyncOnceOptions, type SyncReport, type SyncTransport } from './engine';

export const SYNC_LOCK = 'zuarbeit-sync';

/**
 * The lock of one workspace's sync (issue 13: each workspace syncs under its own lock, so a slow
 * or failing one never holds up another). The first workspace keeps the single-workspace name.
 */
export function syncLockName(db: Pick<Db, 'name'>): string {
  return db.name === DB_NAME ? SYNC_LOCK : `${SYNC_LOCK}:${db.name}`;
}

// Re-exported for the views and lib/ui that still read the sync state from the loop; it is stored by lib/store.
export { getSyncState, INITIAL_SYNC_STATE, type SyncState } from '../store/sync-state';

type LockRunner = <T>(name: string, run: () => Promise<T>) => Promise<T | 'busy'>;

const localLocks = new Set<string>();

/** Web Locks where the platform has them (browsers); an in-process lock elsewhere (Node tests). */
export const withLock: LockRunner = async (name, run) => {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (locks) {
    return locks.request(name, { ifAvailable: true }, async (lock) => (lock ? run() : ('busy' as const)));
  }
  if (localLocks.has(name)) return 'busy';
  localLocks.add(name);
  try {
    return await run();
  } finally {
    localLocks.delete(name);
  }
};

export interface RunSyncOptions {
  /** Ignore our own backoff (a view opened, "Sync now", the network came back); a 429's pause still holds. */
  force?: boolean;
  now?: () => number;
  transport?: SyncTransport;
  /** Replaces the global fetch of the HTTP transport (tests, or a view's own fetch). */
  fetch?: typeof fetch;
  /** Told which remote changes each page applied (see syncOnce). */
  onApplied?: SyncOnceOptions['onApplied'];
}

export type RunSyncResult =
  | { outcome: 'synced'; report: SyncReport }
  | { outcome: 'failed'; reason: SyncErrorReason }
  | { outcome: 'skipped'; why: 'busy' | 'not-paired' | 'backoff' };

/** Syncs now unless another context is syncing, the device is not paired, or a backoff is pending. */
export async function runSync(db: Db, options: RunSyncOptions = {}): Promise<RunSyncResult> {
  const now = options.now ?? Date.now;
  const result = await withLock(syncLockName(db), async (): Promise<RunSyncResult> => {
    const connection = await getConnection(db);
    if (!connection) return { outcome: 'skipped', why: 'not-paired' };
    const state = await getSyncState(db);
    const waiting = state.nextRetryAt !== null && Date.parse(state.nextRetryAt) > now();
    // A forced run skips our own backoff, never a pause the endpoint asked for (429 Retry-After).
    if (waiting && (!options.force || state.error?.reason === 'rate-limited')) return { outcome: 'skipped', why: 'backoff' };
    const attemptAt = new Date(now()).toISOString();
    const transport = options.transport ?? new SyncClient({ endpoint: connection.endpoint, token: connection.token, fetch: options.fetch });
    try {
      const report = await syncOnce(db, transport, { now, onApplied: options.onApplied });
      await setSyncState(db, {
        lastSuccessAt: new Date(now()).toISOString(),
        lastAttemptAt: attemptAt,
        attempt: 0,
        nextRetryAt: null,
        error: null,
        clockOffsetMs: report.serverTime ? Date.parse(report.serverTime) - now() : state.clockOffsetMs,
        quarantined: state.quarantined + report.quarantined,
      });
      return { outcome: 'synced', report };
    } catch (error) {
      const syncError =
        error instanceof SyncError ? error : new SyncError('server-error', error instanceof Error ? error.message : String(error));
      const attempt = state.attempt + 1;
      const delay = backoffDelay(attempt, syncError.retryAfterMs);
      await setSyncState(db, {
        ...state,
        lastAttemptAt: attemptAt,
        attempt,
        nextRetryAt: new Date(now() + delay).toISOString(),
        error: { reason: syncError.reason, message: syncError.message },
        clockOffsetMs: syncError.serverTime ? Date.parse(syncError.serverTime) - now() : state.clockOffsetMs,
      });
      return { outcome: 'failed', reason: syncError.reason };
    }
  });
  return result === 'busy' ? { outcome: 'skipped', why: 'busy' } : result;
}

/**
 * Syncs and never throws, for triggers with nobody to tell (a view opening, the minute alarm):
 * sync failures are recorded in the sync state that the views show; only a store failure is
 * left, and the views' own reads report that.
 */
export async function syncQuietly(db: Db, options: RunSyncOptions = {}): Promise<void> {
  try {
    await runSync(db, options);
  } catch (error) {
    console.warn('[zuarbeit] sync failed', error);
  }
}
