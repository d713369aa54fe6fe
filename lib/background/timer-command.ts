/**
 * The timer's keyboard shortcut (issue 10): starts or stops this device's timer for the task
 * open in the side panel; with no task open it stops what runs. The work is in lib/store.
 */
import { getPanelRoute, stopRunningTimer, toggleTimer, type Db, type TimerOutcome } from '../store';

/** The manifest command's name (wxt.config.ts reads it from here). */
export const TIMER_COMMAND = 'toggle-timer';

/** Toggles the timer of the open task (or stops the running one when none is open). */
export async function toggleTimerForOpenTask(db: Db, now = Date.now()): Promise<TimerOutcome> {
  const route = await getPanelRoute(db);
  return route.view === 'task' ? toggleTimer(db, { taskId: route.id }, now) : stopRunningTimer(db, now);
}
