/**
 * The toolbar badge: how many tasks wait for this device's role.
 */
import { waitingCount } from '../model/sections';
import { getRole, listRecords, threadLastWords, type Db } from '../store';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
}

/** Recounts waiting tasks and shows the number (nothing when zero). */
export async function refreshBadge(db: Db, action: BadgeApi): Promise<number> {
  const [{ records }, role, awaitingReply] = await Promise.all([listRecords(db, 'task'), getRole(db), threadLastWords(db)]);
  const count = waitingCount(records, role, awaitingReply);
  await action.setBadgeBackgroundColor({ color: '#b45309' });
  await action.setBadgeText({ text: count === 0 ? '' : count > 99 ? '99+' : String(count) });
  return count;
}
