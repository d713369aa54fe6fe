/**
 * The toolbar badge: how many tasks wait for this device's role; its colour and the button's
 * title say whether this device's timer runs.
 */
import { waitingCount } from '../model/sections';
import { getRole, listRecords, threadLastWords, type Db } from '../store';
import { timerBadgeState, timerBadgeTitle } from './timer-badge';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

/** Recounts waiting tasks and shows the number (nothing when zero). */
export async function refreshBadge(db: Db, action: BadgeApi): Promise<number> {
  const [{ records }, role, awaitingReply, timer] = await Promise.all([
    listRecords(db, 'task'),
    getRole(db),
    threadLastWords(db),
    timerBadgeState(db),
  ]);
  const count = waitingCount(records, role, awaitingReply);
  await action.setBadgeBackgroundColor({ color: timer.colour });
  await action.setTitle({ title: timerBadgeTitle(timer.running) });
  await action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
  return count;
}
