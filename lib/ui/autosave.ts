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
}

/** Creates an autosaver; see {@link Autosave}. */
export function createAutosave<T>({ delay, save, onState }: AutosaveOptions<T>): Autosave<T> {
  let waiting: { value: T } | null = null;
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
      waiting = { value };
      clearTimer();
      timer = setTimeout(() => void run(), delay);
      onState?.('pending');
    },
    flush: run,
    cancel() {
      clearTimer();
      waiting = null;
    },
  };
}
