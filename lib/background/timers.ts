/**
 * The two ways the background batches bursts of events. Timers are only a shortcut: the
 * minute alarm and what IndexedDB holds make sure a killed worker loses nothing.
 */

/** Calls `run` once, `delayMs` after the last of a burst of calls. */
export function debounce(run: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    clearTimeout(timer);
    timer = setTimeout(run, delayMs);
  };
}

/**
 * Calls `run` `delayMs` after the first of a burst of calls, then again for calls after that:
 * unlike a debounce, a steady stream of changes (a long sync) cannot postpone it for ever.
 */
export function throttle(run: () => void, delayMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return () => {
    timer ??= setTimeout(() => {
      timer = undefined;
      run();
    }, delayMs);
  };
}
