/**
 * Idle detection for a running timer (issue 10): the browser tells when the person leaves and
 * comes back; the store remembers the break on this device, and the popup or side panel asks
 * on return what to do with it. Nothing is decided here.
 */
import { noteIdleState, type Db } from '../store';

/** How long without input counts as away. */
export const IDLE_AFTER_SECONDS = 5 * 60;

/** What the background needs of `browser.idle`. */
export interface IdleApi {
  setDetectionInterval(seconds: number): void;
  onStateChanged: { addListener(listener: (state: 'active' | 'idle' | 'locked') => void): void };
}

/**
 * Follows the idle state into the store of every workspace (a timer of this device may run in
 * any; where none runs, nothing is kept); the clock is passed in for tests. Where the browser
 * does not implement the API (WXT's fake browser throws), timers simply go without idle
 * detection: the background's other listeners must not fail with it.
 */
export function followIdle(idle: IdleApi, getDbs: () => Promise<Db | readonly Db[]>, now: () => number = Date.now): boolean {
  try {
    idle.setDetectionInterval(IDLE_AFTER_SECONDS);
    idle.onStateChanged.addListener((state) => {
      const at = now();
      // "idle" fires once the interval has passed without input: the person left that long ago.
      const note = (db: Db) =>
        state === 'active' ? noteIdleState(db, 'active', at) : noteIdleState(db, 'idle', at, at - IDLE_AFTER_SECONDS * 1000);
      void getDbs()
        .then((dbs) => Promise.allSettled((Array.isArray(dbs) ? (dbs as readonly Db[]) : [dbs as Db]).map(note)))
        .catch((error: unknown) => console.warn('[zuarbeit] cannot note the idle state', error));
    });
    return true;
  } catch {
    return false;
  }
}
