/**
 * Debounced saving of a form's value: saves run one at a time, the latest value wins, and a
 * failed save keeps its value so the next change or flush retries it (nothing typed is lost).
 */

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error';

export interface Autosave<T> {
  /** Saves `value` after the delay, replacing any value still waiting. */
  schedule(value: T): void;
  /** Saves a waiting value now; resolves when every started save has finished. */
  flush(): Promise<void>;
  /** Forgets a waiting value (e.g. the draft was just delegated); does not stop a running save. */
  cancel(): void;
}

export interface AutosaveOptions<T> {
  delay: number;
  save: (value: T) => Promise<void>;
  onState?: (state: SaveState, error?: unknown) => void;
  /**
   * Told of every value the moment it is scheduled, and when nothing is left to save (saved, or
   * cancelled): a page hands its unsaved edit to a context that outlives it (issue 16, defect 8).
   */
  handOff?: { pending(value: T): void; settled(): void };
}

/** Creates an autosaver; see {@link Autosave}. */
export function createAutosave<T>({ delay, save, onState, handOff }: AutosaveOptions<T>): Autosave<T> {
  let waiting: { value: T; version: number } | null = null;
  // The number of the latest scheduled value: only its save leaves nothing for the hand-off.
  let version = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let chain: Promise<void> = Promise.resolve();

  const clearTimer = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };

  const run = (): Promise<void> => {
    clearTimer();
    const item = waiting;
    if (!item) return chain;
    waiting = null;
    chain = chain.then(async () => {
      onState?.('saving');
      try {
        await save(item.value);
        if (item.version === version) handOff?.settled();
        onState?.(waiting ? 'pending' : 'saved');
      } catch (error) {
        // Keep the value for the next attempt unless a newer one is already waiting.
        waiting ??= item;
        onState?.('error', error);
      }
    });
    return chain;
  };

  return {
    schedule(value) {
      waiting = { value, version: ++version };
      handOff?.pending(value);
      clearTimer();
      timer = setTimeout(() => void run(), delay);
      onState?.('pending');
    },
    flush: run,
    cancel() {
      clearTimer();
      waiting = null;
      handOff?.settled();
    },
  };
}

/** The fields of `edited` that differ from `base` (compared by value), leaving out `skip`: what a hand-off has to carry. */
export function changedKeys<T extends object, K extends keyof T>(base: T, edited: T, skip: readonly K[]): Partial<Omit<T, K>> {
  const patch: Partial<Record<keyof T, unknown>> = {};
  for (const key of Object.keys(edited) as (keyof T)[]) {
    if (skip.includes(key as K)) continue;
    const a = base[key];
    const b = edited[key];
    if (a !== b && JSON.stringify(a) !== JSON.stringify(b)) patch[key] = b;
  }
  return patch as Partial<Omit<T, K>>;
}
