/**
 * A module loaded after the first paint or on demand (issue 14): what the first screen does not
 * need (the popup's timer and sync sentence, the side panel's other routes) stays out of its bundle.
 */
import { useEffect, useState } from 'preact/hooks';

interface LazyOptions {
  /** Load only once this is true (default: at once). */
  when?: boolean;
  /** Told of a failed load; the next mount, or `when` turning true again, tries again. */
  onFailure?: (error: unknown) => void;
}

/** What each loader resolved to, so a view mounted again renders at once instead of a frame later. */
const loaded = new WeakMap<() => Promise<unknown>, unknown>();

/**
 * The module `load` resolves to, or null until it has loaded. Pass a loader defined once (module
 * level) to have it remembered across mounts; an inline `() => import(...)` loads once per mount.
 */
export function useLazy<T>(load: () => Promise<T>, { when = true, onFailure }: LazyOptions = {}): T | null {
  const [module, setModule] = useState<T | null>(() => (loaded.get(load) as T | undefined) ?? null);
  useEffect(() => {
    if (!when || module) return;
    let alive = true;
    load().then(
      (value) => {
        loaded.set(load, value);
        if (alive) setModule(() => value);
      },
      (error: unknown) => alive && onFailure?.(error),
    );
    return () => {
      alive = false;
    };
    // `load` never changes meaning for a mounted view; `when` is what starts a load.
  }, [when]);
  return module;
}
