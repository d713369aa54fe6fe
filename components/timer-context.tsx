/**
 * The running timers of the workspace, read once per view at its root and kept live, with a
 * clock that ticks while one runs: every timer line and button of the view shares them.
 * Elapsed time is computed from `startedAt` on each tick, never counted.
 */
import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { affectsTimers, getRecord, listRunningTimers, toggleTimer, type TimerOutcome } from '../lib/store';
import { errorMessage } from '../lib/ui/labels';
import { formatMinutes, timerRefusal } from '../lib/ui/time-log';
import { useDb } from './db-context';
import { useSession } from './session-context';
import { TimerButton } from './timer-button';
import { RowTimerContext, TimerContext, type Timers } from './timers-context';
import { useStoreQuery } from './use-store-query';

export { useTimers, type Timers } from './timers-context';

/** How often a running timer's elapsed time is recomputed on screen. */
const TICK_MS = 15_000;

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

/** The running timers, read and kept live, with the actions on them. */
function useTimerState(): Timers {
  const db = useDb();
  const { data } = useStoreQuery(listRunningTimers, affectsTimers);
  const me = useSession().data?.me;
  const [now, setNow] = useState(Date.now);
  const [notice, setNotice] = useState<string | null>(null);
  const running = (data ?? []).length > 0;

  useEffect(() => {
    setNow(Date.now());
    if (!running) return;
    const interval = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => clearInterval(interval);
  }, [running, data]);

  // One value while nothing changed, so a view that keeps it in its own state is not re-rendered in a loop.
  return useMemo(() => {
    const all = data ?? [];
    const report = async (outcome: TimerOutcome | { ok: false; reason: 'not-running' }) => setNotice(await describe(db, outcome));
    return {
      all,
      mine: all.filter((timer) => timer.deviceId === me).at(-1) ?? null,
      now,
      toggle: (taskId) => toggleTimer(db, { taskId }).then(report, (error: unknown) => setNotice(errorMessage('save', error))),
      notice,
      dismissNotice: () => setNotice(null),
      report,
    };
  }, [db, data, me, now, notice]);
}

/** Provides the running timers (and the rows' timer buttons) to the view below it. */
export function TimerProvider({ children }: { children: ComponentChildren }) {
  const timers = useTimerState();
  return (
    <TimerContext.Provider value={timers}>
      <RowTimerContext.Provider value={TimerButton}>{children}</RowTimerContext.Provider>
    </TimerContext.Provider>
  );
}

/**
 * The running timers for a view that provides them itself once this module has loaded (the
 * popup, issue 14): hands each new value to `onChange` and renders nothing.
 */
export function TimerSource({ onChange }: { onChange: (timers: Timers) => void }) {
  const timers = useTimerState();
  useEffect(() => onChange(timers), [timers, onChange]);
  return null;
}
