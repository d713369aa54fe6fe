/**
 * A debounced autosaver bound to a view: saves on pause (300 ms), when focus leaves the form,
 * and when the page is hidden or closed, so closing the panel never loses what was typed.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { createAutosave, type Autosave, type SaveState } from '../lib/ui/autosave';

export const AUTOSAVE_DELAY_MS = 300;

export interface AutosaveBinding<T> {
  autosave: Autosave<T>;
  state: SaveState;
  /** The error of the last failed save, cleared by the next successful one. */
  error: unknown;
  /** Stops saving (the record is being delegated, discarded or deleted). */
  stop: () => void;
  /** Saves again after a stop whose action failed, starting with `value`. */
  resume: (value: T) => void;
}

/** Binds `save` to the view's lifetime; a value still waiting is saved on hide and unmount. */
export function useAutosave<T>(save: (value: T) => Promise<void>): AutosaveBinding<T> {
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const latestSave = useRef(save);
  latestSave.current = save;
  const stopped = useRef(false);

  const autosave = useMemo(
    () =>
      createAutosave<T>({
        delay: AUTOSAVE_DELAY_MS,
        save: (value) => (stopped.current ? Promise.resolve() : latestSave.current(value)),
        onState: (next, failure) => {
          setState(next);
          if (next === 'error') setError(failure);
          else if (next === 'saved') setError(undefined);
        },
      }),
    [],
  );

  useEffect(() => {
    const flush = () => {
      if (!stopped.current) void autosave.flush();
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onVisibility);
      flush();
    };
  }, [autosave]);

  const stop = () => {
    stopped.current = true;
    autosave.cancel();
  };

  const resume = (value: T) => {
    stopped.current = false;
    autosave.schedule(value);
  };

  return { autosave, state, error, stop, resume };
}
