import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import {
  affectsIdleAway,
  affectsTaskList,
  getIdleAway,
  getRecord,
  moveTimerStart,
  resolveIdleAway,
  stopRunningTimer,
  type Db,
  type IdleChoice,
  type RunningTimer,
} from '../lib/store';
import { CONFIRM_AFTER_HOURS, needsConfirmation } from '../lib/timer/timer';
import { formatTime } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { instantOfClockTime, timerElapsed, timerOwnerName } from '../lib/ui/time-log';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { useSession } from './session-context';
import { useTimers } from './timer-context';
import { useStoreQuery } from './use-store-query';

/**
 * The titles of the tasks the running timers are on — read one by one, never the whole list: a
 * store of 10,000 tasks would otherwise be read and checked again on every change a sync applies.
 */
async function taskTitles(db: Db, taskIds: readonly string[]): Promise<Map<string, string>> {
  const tasks = await Promise.all(taskIds.map((id) => getRecord(db, 'task', id)));
  return new Map(tasks.flatMap((task) => (task ? [[task.id, task.title] as const] : [])));
}

/**
 * The running timers in a view's header: this device's ("Running: Gutachten Müller · 0:42") with
 * its questions (a break, a long run, a forgotten start), and what the other side works on.
 */
export function TimerStatus() {
  const timers = useTimers();
  const { data: session } = useSession();
  const taskIds = [...new Set(timers.all.map((timer) => timer.taskId))].sort();
  const { data: titles } = useStoreQuery((db) => taskTitles(db, taskIds), affectsTaskList, [taskIds.join('\n')]);
  if (!session || !titles) return null;
  const locale = uiLocale();
  const others = timers.all.filter((timer) => timer.deviceId !== session.me);
  if (!timers.mine && others.length === 0 && !timers.notice) return null;
  return (
    <div class="timer-status" role="status">
      {timers.mine && <MyTimer timer={timers.mine} title={titles.get(timers.mine.taskId) ?? ''} />}
      {others.map((timer) => (
        <p key={timer.id} class="timer-other">
          {i18n.t('timer.otherWorking', [
            timerOwnerName(timer.deviceId, session.devices),
            titles.get(timer.taskId) ?? '',
            formatTime(timer.startedAt, locale),
          ])}
        </p>
      ))}
      <ErrorAlert message={timers.notice} onDismiss={timers.dismissNotice} />
    </div>
  );
}

function MyTimer({ timer, title }: { timer: RunningTimer; title: string }) {
  const db = useDb();
  const timers = useTimers();
  const { data: away } = useStoreQuery(getIdleAway, affectsIdleAway);
  const [editing, setEditing] = useState<'start' | 'stop' | null>(null);
  const [time, setTime] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const locale = uiLocale();

  const submitTime = async () => {
    const at = instantOfClockTime(time, new Date());
    if (at === null) return timers.report({ ok: false, reason: 'malformed' });
    const outcome = editing === 'start' ? await moveTimerStart(db, at) : await stopRunningTimer(db, Date.now(), { endAt: at });
    if (outcome.ok) setEditing(null);
    await timers.report(outcome.ok ? { ok: true, stopped: null, entries: [], started: null } : outcome);
  };
  const decide = (choice: IdleChoice) => void resolveIdleAway(db, choice).then(timers.report);

  return (
    <div class="timer-mine">
      <p class="timer-line">
        <span>{i18n.t('timer.running', [title, timerElapsed(timer, timers.now)])}</span>
        <button type="button" class="timer-button timer-running" onClick={() => void stopRunningTimer(db).then(timers.report)}>
          {i18n.t('timer.stop')}
        </button>
        <button type="button" class="link-button" onClick={() => setEditing(editing === 'start' ? null : 'start')}>
          {i18n.t('timer.forgotStart')}
        </button>
      </p>
      {away && (
        <div
          class="timer-question"
          role="group"
          aria-label={i18n.t('timer.idleQuestion', [
            formatTime(away.idleSince, locale),
            formatTime(away.returnedAt ?? new Date(timers.now).toISOString(), locale),
            title,
          ])}
        >
          <p>
            {i18n.t('timer.idleQuestion', [
              formatTime(away.idleSince, locale),
              formatTime(away.returnedAt ?? new Date(timers.now).toISOString(), locale),
              title,
            ])}
          </p>
          <div class="actions">
            <button type="button" onClick={() => decide('discard')}>
              {i18n.t('timer.idleDiscard')}
            </button>
            <button type="button" onClick={() => decide('keep')}>
              {i18n.t('timer.idleKeep')}
            </button>
            <button type="button" onClick={() => decide('stop-at-idle')}>
              {i18n.t('timer.idleStop')}
            </button>
          </div>
        </div>
      )}
      {!away && !confirmed && needsConfirmation(timer, timers.now) && (
        <div class="timer-question" role="group">
          <p>{i18n.t('timer.longRunning', [String(CONFIRM_AFTER_HOURS)])}</p>
          <div class="actions">
            <button type="button" onClick={() => setConfirmed(true)}>
              {i18n.t('timer.keepRunning')}
            </button>
            <button type="button" onClick={() => setEditing('stop')}>
              {i18n.t('timer.stopAt')}
            </button>
          </div>
        </div>
      )}
      {editing && (
        <form
          class="timer-time"
          onSubmit={(event) => {
            event.preventDefault();
            void submitTime();
          }}
        >
          <label>
            {i18n.t(editing === 'start' ? 'timer.startedAt' : 'timer.stopAt')}
            <input type="time" value={time} required onInput={(event) => setTime(event.currentTarget.value)} />
          </label>
          <button type="submit">{i18n.t(editing === 'start' ? 'timer.moveStart' : 'timer.stopAtSave')}</button>
        </form>
      )}
    </div>
  );
}
