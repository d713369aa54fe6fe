import { i18n } from '#i18n';
import { useId, useMemo, useState } from 'preact/hooks';
import { FIELD_LIMITS } from '../lib/model';
import { affectsTimeEntries, deleteRecord, listTimeEntries, logManualTime, setTaskBudget } from '../lib/store';
import { authorLabel } from '../lib/ui/authors';
import { formatDay, localDay } from '../lib/ui/format';
import { uiLocale } from '../lib/browser/ui-locale';
import { errorMessage } from '../lib/ui/labels';
import { deleteButtonNames, formatMinutes, parseDuration, timeSpan } from '../lib/ui/time-log';
import { useDb } from './db-context';
import { BudgetBar } from './budget-bar';
import { BudgetField } from './budget-field';
import { ErrorAlert } from './error-alert';
import { TimerButton } from './timer-button';
import { useSession } from './session-context';
import { useTaskStart } from './task-start';
import { useAfterPaint } from './use-after-paint';
import { useStoreQuery } from './use-store-query';

interface TimeLogProps {
  taskId: string;
  title: string;
  budgetMinutes: number | null;
  /** A standing task: its budget holds per occurrence (the standing view shows that bar), not for all its time. */
  perOccurrence?: boolean;
}

/** Entries in the first render of a time log (below the thread, mostly out of sight at first): the latest; the older ones follow right after the paint. */
export const FIRST_PAINT_ENTRIES = 8;

/** Time spent on a task: the timer, the budget, the entries of both sides, their total, and a form to log more. */
export function TimeLog({ taskId, title, budgetMinutes, perOccurrence = false }: TimeLogProps) {
  const db = useDb();
  const id = useId();
  const { data: entries, error } = useStoreQuery(
    (db) => listTimeEntries(db, taskId).then((listing) => listing.records),
    affectsTimeEntries,
    [taskId],
    useTaskStart(taskId)?.entries,
  );
  const { data: session } = useSession();
  const data = entries && session ? { entries, me: session.me } : undefined;
  // The latest entries first, the older ones right after the paint (issue 14).
  const afterPaint = useAfterPaint();
  const [duration, setDuration] = useState('');
  const [date, setDate] = useState(() => localDay(new Date()));
  const [note, setNote] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const locale = uiLocale();
  const today = localDay(new Date());

  const author = (device: string) => (session ? authorLabel(device, session.me, session.role, session.devices) : '');

  const submit = async () => {
    const minutes = parseDuration(duration);
    if (minutes === null) {
      setFailure(i18n.t('time.invalid'));
      return;
    }
    try {
      await logManualTime(db, { taskId, minutes, date, note: note.trim() });
      setDuration('');
      setNote('');
      setFailure(null);
    } catch (err) {
      setFailure(errorMessage('time', err));
    }
  };

  const total = data?.entries.reduce((sum, entry) => sum + entry.minutes, 0) ?? 0;
  const shown = useMemo(() => (entries ? (afterPaint ? entries : entries.slice(-FIRST_PAINT_ENTRIES)) : []), [entries, afterPaint]);
  const deleteNames = useMemo(() => deleteButtonNames(shown, session?.me, locale, today), [shown, session?.me, locale, today]);
  return (
    <section class="time-log" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} class="subheading">
        {i18n.t('time.heading')}
      </h2>
      <TimerButton taskId={taskId} title={title} />
      {data && !perOccurrence && <BudgetBar budgetKey={taskId} title={title} usedMinutes={total} budgetMinutes={budgetMinutes} />}
      {session?.role === 'client' && (
        <BudgetField
          label={i18n.t(perOccurrence ? 'budget.fieldOccurrence' : 'budget.field')}
          budgetMinutes={budgetMinutes}
          onSave={(minutes) => setTaskBudget(db, taskId, minutes)}
        />
      )}
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {data && data.entries.length === 0 && <p class="hint">{i18n.t('time.empty')}</p>}
      {data && data.entries.length > 0 && (
        <>
          <ul class="time-entries">
            {shown.map((entry) => {
              const span = timeSpan(entry, locale);
              return (
                <li key={entry.id}>
                  <span class="time-minutes">{formatMinutes(entry.minutes)}</span>
                  <span>{formatDay(entry.date, locale, today)}</span>
                  {span && <span class="hint">{span}</span>}
                  <span class="hint">{author(entry.authorDevice)}</span>
                  {entry.note && <span class="time-note">{entry.note}</span>}
                  {entry.authorDevice === data.me && (
                    <button
                      type="button"
                      class="link-button"
                      aria-label={deleteNames.get(entry.id)}
                      onClick={() =>
                        void deleteRecord(db, 'timeEntry', entry.id).catch((err: unknown) => setFailure(errorMessage('delete', err)))
                      }
                    >
                      {i18n.t('time.delete')}
                    </button>
                  )}
                </li>
              );
            })}
          </ul>
          <p>
            <strong>{i18n.t('time.total', [formatMinutes(total)])}</strong>
          </p>
        </>
      )}
      <form
        class="time-form"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div class="time-fields">
          <label>
            {i18n.t('time.duration')}
            <input
              type="text"
              inputMode="decimal"
              value={duration}
              placeholder={i18n.t('time.durationHint')}
              onInput={(event) => setDuration(event.currentTarget.value)}
            />
          </label>
          <label>
            {i18n.t('time.date')}
            <input type="date" value={date} required onInput={(event) => setDate(event.currentTarget.value)} />
          </label>
        </div>
        <label>
          {i18n.t('time.note')}
          <input type="text" maxLength={FIELD_LIMITS.timeNote} value={note} onInput={(event) => setNote(event.currentTarget.value)} />
        </label>
        <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
        <div class="actions">
          <button type="submit" disabled={duration.trim() === ''}>
            {i18n.t('time.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
