/**
 * The running timers of the workspace, read once per view at its root and kept live, with a
 * clock that ticks while one runs: every timer line and button of the view shares them.
 * Elapsed time is computed from `startedAt` on each tick, never counted.
 */
import { i18n } from '#i18n';
import { createContext, type ComponentChildren } from 'preact';
import { useContext, useEffect, useState } from 'preact/hooks';
import { affectsTimers, getRecord, listRunningTimers, toggleTimer, type RunningTimer, type TimerOutcome } from '../lib/store';
import { errorMessage } from '../lib/ui/labels';
import { formatMinutes, timerRefusal } from '../lib/ui/time-log';
import { useDb } from './db-context';
import { useSession } from './session-context';
import { useStoreQuery } from './use-store-query';

/** How often a running timer's elapsed time is recomputed on screen. */
const TICK_MS = 15_000;

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

const TimerContext = createContext<Timers | null>(null);

async function describe(
  db: Parameters<typeof getRecord>[0],
  outcome: TimerOutcome | { ok: false; reason: 'not-running' },
): Promise<string | null> {
  if (!outcome.ok) return timerRefusal(outcome.reason);
  // Only a stop that the person did not ask for by name needs saying: the switch to another task.
  if (outcome.stopped && outcome.started) {
    const task = await getRecord(db, 'task', outcome.stopped.taskId);
    const logged = outcome.entries.reduce((sum, entry) => sum + entry.minutes, 0);
    return i18n.t('timer.switched', [task?.title ?? '', formatMinutes(logged)]);
  }
  if (outcome.stopped && outcome.entries.length === 0) return timerRefusal('under-a-minute');
  return null;
}

/** Provides the running timers to the view below it. */
export function TimerProvider({ children }: { children: ComponentChildren }) {
  const db = useDb();
  const { data } = useStoreQuery(listRunningTimers, affectsTimers);
  const me = useSession().data?.me;
  const [now, setNow] = useState(Date.now);
  const [notice, setNotice] = useState<string | null>(null);
  const all = data ?? [];
  const mine = all.filter((timer) => timer.deviceId === me).at(-1) ?? null;
  const running = all.length > 0;

  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const interval = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(interval);
  }, [running, data]);

  const report = async (outcome: TimerOutcome | { ok: false; reason: 'not-running' }) => setNotice(await describe(db, outcome));
  const timers: Timers = {
    all,
    mine,
    now,
    toggle: (taskId) => toggleTimer(db, { taskId }).then(report, (error: unknown) => setNotice(errorMessage('save', error))),
    notice,
    dismissNotice: () => setNotice(null),
    report,
  };
  return <TimerContext.Provider value={timers}>{children}</TimerContext.Provider>;
}

/** The running timers of the surrounding view. */
export function useTimers(): Timers {
  const timers = useContext(TimerContext);
  if (!timers) throw new Error('useTimers() outside a TimerProvider');
  return timers;
}
