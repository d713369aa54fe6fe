/**
 * The toolbar badge: how many tasks wait for this device, summed over every workspace (each
 * counted for this device's role there); its colour and the button's title say whether this
 * device's timer runs in any of them.
 */
import { countWaitingTasks, readSession, sessionSide, type Db } from '../store';
import { timerBadgeState, timerBadgeTitle, WAITING_COLOUR } from './timer-badge';

export interface BadgeApi {
  setBadgeText(details: { text: string }): Promise<void>;
  setBadgeBackgroundColor(details: { color: string }): Promise<void>;
  setTitle(details: { title: string }): Promise<void>;
}

type TimerState = Awaited<ReturnType<typeof timerBadgeState>>;

/**
 * One workspace's share of the badge: its waiting tasks for this device's role there, and its
 * timer. Counted from the task list index's counters (issue 14): a sync applying pages recounts
 * without reading every task and comment, which held up its writes.
 */
async function badgeFacts(db: Db): Promise<{ count: number; timer: TimerState }> {
  const count = readSession(db).then((session) => countWaitingTasks(db, session.role, sessionSide(session)));
  const [waiting, timer] = await Promise.all([count, timerBadgeState(db)]);
  return { count: waiting, timer };
}

/** The badge's text for `count` waiting tasks (nothing when zero). */
export function badgeText(count: number): string {
  return count === 0 ? '' : count > 99 ? '99+' : String(count);
}

type BadgeFacts = Awaited<ReturnType<typeof badgeFacts>>;

/**
 * Each workspace's share of the badge, kept between recounts, so a change in one workspace
 * recounts that one alone (the other nine are not read again). Forgotten per database on its
 * changes; a sum runs over the databases given, so a workspace added or left needs no forgetting.
 */
export interface BadgeCounter {
  /** Forgets what `dbName` counted (undefined: every workspace). */
  forget(dbName?: string): void;
  /** The facts of `db`, from what was kept or read now. */
  factsOf(db: Db): Promise<BadgeFacts>;
}

/** A fresh counter: nothing kept yet. */
export function badgeCounter(): BadgeCounter {
  const kept = new Map<string, Promise<BadgeFacts>>();
  return {
    forget: (dbName) => (dbName === undefined ? kept.clear() : void kept.delete(dbName)),
    factsOf(db) {
      let facts = kept.get(db.name);
      if (!facts) {
        facts = badgeFacts(db);
        kept.set(db.name, facts);
        // A failed read is not kept: the next recount tries again.
        const read = facts;
        read.catch(() => kept.get(db.name) === read && kept.delete(db.name));
      }
      return facts;
    },
  };
}

/**
 * Recounts waiting tasks across `dbs` (one database: that one alone) and shows the sum; a
 * workspace that cannot be read is left out of the sum, never blanking the badge. With a
 * `counter`, what it kept of unchanged workspaces is used. Returns the sum.
 */
export async function refreshBadge(dbs: Db | readonly Db[], action: BadgeApi, counter?: BadgeCounter): Promise<number> {
  const all = Array.isArray(dbs) ? (dbs as readonly Db[]) : [dbs as Db];
  const settled = await Promise.allSettled(all.map((db) => (counter ? counter.factsOf(db) : badgeFacts(db))));
  const facts = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const count = facts.reduce((sum, { count }) => sum + count, 0);
  const timer = facts.find(({ timer }) => timer.running !== null)?.timer ?? { colour: WAITING_COLOUR, running: null };
  await action.setBadgeBackgroundColor({ color: timer.colour });
  await action.setTitle({ title: timerBadgeTitle(timer.running) });
  await action.setBadgeText({ text: badgeText(count) });
  return count;
}
