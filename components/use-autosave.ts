/**
 * A debounced autosaver bound to a view: saves on pause (300 ms), when focus leaves the form,
 * and when the page is hidden or closed. A save started as the page closes can die with it (it
 * waits behind another context's write transaction): every unsaved edit therefore also goes to
 * the background the moment it is made, which writes it if the page goes away first (issue 16, defect 8).
 */
import { useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { viewBrowser as browser } from '../lib/browser/api';
import { newId } from '../lib/model';
import { pendingEditsSender, type PendingEditsRuntime, type PendingEditsSender } from '../lib/browser/pending-edits';
import type { PendingEdit } from '../lib/store';
import { createAutosave, type Autosave, type SaveState } from '../lib/ui/autosave';
import { DbContext } from './db-context';

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

let sender: PendingEditsSender | undefined;

/** One port per page, opened on the first edit (never at import: WXT imports views in Node). */
function pageSender(): PendingEditsSender {
  sender ??= pendingEditsSender(browser?.runtime as PendingEditsRuntime | undefined);
  return sender;
}

/**
 * Binds `save` to the view's lifetime; a value still waiting is saved on hide and unmount.
 * `handOff` turns a value into the edit the background writes should the page close first (null: nothing to write),
 * into the view's database (its workspace); outside a DbContext nothing is handed off.
 */
export function useAutosave<T>(save: (value: T) => Promise<void>, handOff?: (value: T) => PendingEdit | null): AutosaveBinding<T> {
  const [state, setState] = useState<SaveState>('idle');
  const [error, setError] = useState<unknown>(undefined);
  const latestSave = useRef(save);
  latestSave.current = save;
  const dbName = useContext(DbContext)?.name;
  const latestHandOff = useRef({ toEdit: handOff, dbName });
  latestHandOff.current = { toEdit: handOff, dbName };
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
        handOff: handOffTo(latestHandOff),
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

interface HandOff<T> {
  toEdit: ((value: T) => PendingEdit | null) | undefined;
  /** The database the edit belongs to (the view's workspace). */
  dbName: string | undefined;
}

/** The autosaver's hand-off for one form: its edits under one key, on the page's port, naming the view's database. */
function handOffTo<T>(latest: { current: HandOff<T> }): { pending(value: T): void; settled(): void } {
  const key = newId();
  return {
    pending(value) {
      const { toEdit, dbName } = latest.current;
      if (!toEdit || dbName === undefined) return;
      const edit = toEdit(value);
      if (edit) pageSender().pending(key, edit, dbName);
      else pageSender().settled(key);
    },
    settled() {
      if (latest.current.toEdit) pageSender().settled(key);
    },
  };
}
