/**
 * The toolbar badge: how many tasks wait for this device, summed over every workspace (each
 * counted for this device's role there); its colour and the button's title say whether this
 * device's timer runs in any of them.
 */
import { waitingCount } from '../model/sections';
import { getRole, listRecords, threadLastWords, type Db } from '../store';
import { timerBadgeState, timerBadgeTitle, WAITING_COLOUR } from './timer-badge';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

type TimerState = Awaited<ReturnType<typeof timerBadgeState>>;

/** One workspace's share of the badge: its waiting tasks for this device's role there, and its timer. */
async function badgeFacts(db: Db): Promise<{ count: number; timer: TimerState }> {
  const [{ records }, role, awaitingReply, timer] = await Promise.all([
    listRecords(db, 'task'),
    getRole(db),
    threadLastWords(db),
    timerBadgeState(db),
  ]);
  return { count: waitingCount(records, role, awaitingReply), timer };
}

/** The badge's text for `count` waiting tasks (nothing when zero). */
export function badgeText(count: number): string {
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}

/**
 * Recounts waiting tasks across `dbs` (one database: that one alone) and shows the sum; a
 * workspace that cannot be read is left out of the sum, never blanking the badge. Returns the sum.
 */
export async function refreshBadge(dbs: Db | readonly Db[], action: BadgeApi): Promise<number> {
  const all = Array.isArray(dbs) ? (dbs as readonly Db[]) : [dbs as Db];
  const settled = await Promise.allSettled(all.map(badgeFacts));
  const facts = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const count = facts.reduce((sum, { count }) => sum + count, 0);
  const timer = facts.find(({ timer }) => timer.running !== null)?.timer ?? { colour: WAITING_COLOUR, running: null };
  await action.setBadgeBackgroundColor({ color: timer.colour });
  await action.setTitle({ title: timerBadgeTitle(timer.running) });
  await action.setBadgeText({ text: badgeText(count) });
  return count;
}
