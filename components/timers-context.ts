/**
 * The context of the running timers, apart from the code that reads and changes them
 * (timer-context.tsx), so a view can provide them after its first paint (issue 14: the popup
 * loads the timer code right after its first rows).
 */
import { createContext, type ComponentType } from 'preact';
import { useContext } from 'preact/hooks';
import type { RunningTimer, TimerOutcome } from '../lib/store';

export interface Timers {
  /** Every running timer of the workspace, oldest first. */
  all: RunningTimer[];
  /** The one running on this device, or null. */
  mine: RunningTimer | null;
  /** The clock the view shows elapsed times at (epoch milliseconds). */
  now: number;
  /** Starts this device's timer for a task, or stops it if it runs for that task. */
  toggle(taskId: string): Promise<void>;
  /** What the last timer action has to say (a switch, a refusal), or null. */
  notice: string | null;
  dismissNotice(): void;
  /** Tells the view about a timer action done elsewhere in it (stop at, move start). */
  report(outcome: TimerOutcome | { ok: false; reason: 'not-running' }): Promise<void>;
}

/** The running timers; null until provided. */
export const TimerContext = createContext<Timers | null>(null);

/**
 * A task row's timer control (timer-button.tsx), provided with the timers; null while they are
 * not. The row gives it tabIndex -1: the list is one Tab stop, ArrowRight reaches the control.
 */
export const RowTimerContext = createContext<ComponentType<{ taskId: string; title: string; tabIndex?: number }> | null>(null);

/** The running timers of the surrounding view. */
export function useTimers(): Timers {
  const timers = useContext(TimerContext);
  if (!timers) throw new Error('useTimers() outside a TimerProvider');
  return timers;
}
