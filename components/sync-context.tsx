/**
 * Sync as the views trigger it: once when the popup or side panel opens, and on "Sync now".
 * One place per view, so every sync display knows whether this view is syncing.
 */
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useState } from 'preact/hooks';
import type { Db } from '../lib/store';

export interface SyncControl {
  /** A sync started by this view is running. */
  syncing: boolean;
  /** Syncs now, ignoring any backoff; never throws. */
  syncNow: () => Promise<void>;
}

const SyncContext = createContext<SyncControl>({ syncing: false, syncNow: async () => undefined });

/** Sync control of the surrounding view. */
export function useSync(): SyncControl {
  return useContext(SyncContext);
}

interface SyncProviderProps {
  db: Db;
  fetch?: typeof fetch;
  children: ComponentChildren;
}

/** Syncs when the view opens and provides "Sync now" to its components. */
export function SyncProvider({ db, fetch: fetchImpl, children }: SyncProviderProps) {
  const [running, setRunning] = useState(0);
  const run = useCallback(
    async (force: boolean) => {
      setRunning((n) => n + 1);
      try {
        // Loaded on first use, after the first paint: the popup's own bundle stays small (the sync
        // engine, crypto and key handling are most of a view's code).
        const { syncQuietly } = await import('../lib/sync/loop');
        await syncQuietly(db, { force, fetch: fetchImpl });
      } finally {
        setRunning((n) => n - 1);
      }
    },
    [db, fetchImpl],
  );

  useEffect(() => {
    // Opening a view is the user asking for fresh data: try now, even during a backoff
    // (runSync still waits when the endpoint itself asked for a pause).
    void run(true);
  }, [run]);

  const control = useMemo<SyncControl>(() => ({ syncing: running > 0, syncNow: () => run(true) }), [running, run]);
  return <SyncContext.Provider value={control}>{children}</SyncContext.Provider>;
}
