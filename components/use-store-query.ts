/**
 * Reads from the store and reads again whenever a matching change is announced (from this
 * view, another view, the background or sync), so every view re-renders live.
 */
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Db } from '../lib/store';
// Straight from the module, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { onStoreChange, type StoreChange } from '../lib/store/events';
import { useDb } from './db-context';

export interface StoreQuery<T> {
  /** The latest result; undefined until the first read finished (or when it failed). */
  data: T | undefined;
  /** The error of the latest failed read, cleared by the next successful one. */
  error: unknown;
  loaded: boolean;
}

/**
 * Runs `load` now and after every change that `affects` it (one of the predicates of
 * lib/store/events.ts; null reads once); `deps` restart it. `initial` is the data until the
 * first read finished, when the caller read it before the first render (issue 14: a read started
 * by an effect waits for a frame).
 */
export function useStoreQuery<T>(
  load: (db: Db) => Promise<T>,
  affects: ((change: StoreChange) => boolean) | null,
  deps: readonly unknown[] = [],
  initial?: T,
): StoreQuery<T> {
  const db = useDb();
  const [state, setState] = useState<StoreQuery<T>>(() =>
    initial === undefined ? { data: undefined, error: undefined, loaded: false } : { data: initial, error: undefined, loaded: true },
  );
  // The latest callbacks, so callers may pass inline functions without re-subscribing on every render.
  const latest = useRef({ load, affects });
  latest.current = { load, affects };

  useLayoutEffect(() => {
    let alive = true;
    let generation = 0;
    const read = () => {
      const mine = ++generation;
      latest.current.load(db).then(
        (data) => {
          if (alive && mine === generation) setState({ data, error: undefined, loaded: true });
        },
        (error: unknown) => {
          if (alive && mine === generation) setState((previous) => ({ ...previous, error, loaded: true }));
        },
      );
    };
    // Subscribe before the first read, so a change landing in between is not missed.
    const unsubscribe = onStoreChange((change) => {
      if (latest.current.affects?.(change)) read();
    }, db);
    read();
    return () => {
      alive = false;
      unsubscribe();
    };
    // The caller's deps restart the query; the callbacks are read through `latest`.
  }, [db, ...deps]);

  return state;
}
