/**
 * The running timer as the badge's second state (issue 10): the badge keeps counting waiting
 * tasks, its colour turns green and its title names the task while this device's timer runs.
 */
import { i18n } from '#i18n';
import { authorDeviceId, getRecord, runningTimerOf, type Db } from '../store';

export const WAITING_COLOUR = '#b45309';
export const TIMER_COLOUR = '#15803d';

/** What the badge shows of the timer: its colour, and the title's task and start (null when none runs). */
export async function timerBadgeState(db: Db): Promise<{ colour: string; running: { title: string; startedAt: string } | null }> {
  const timer = await runningTimerOf(db, await authorDeviceId(db));
  if (!timer) return { colour: WAITING_COLOUR, running: null };
  const task = await getRecord(db, 'task', timer.taskId);
  return { colour: TIMER_COLOUR, running: { title: task?.title ?? '', startedAt: timer.startedAt } };
}

/** The toolbar button's title: the extension's name, or which task runs since when. */
export function timerBadgeTitle(running: { title: string; startedAt: string } | null): string {
  if (!running) return i18n.t('extName');
  const since = new Intl.DateTimeFormat(undefined, { timeStyle: 'short' }).format(new Date(running.startedAt));
  return i18n.t('timer.badgeTitle', [running.title, since]);
}
