import { i18n } from '#i18n';
import { useState } from 'preact/hooks';
import type { Task } from '../lib/model';
import { affectsStandingTask, listOccurrences, listTimeEntries, occurrencesReady, setOccurrenceStatus } from '../lib/store';
import { uiLocale } from '../lib/browser/ui-locale';
import { formatDay, localDay } from '../lib/ui/format';
import { errorMessage, statusLabel } from '../lib/ui/labels';
import { buildStandingView, type HistoryRow } from '../lib/ui/standing';
import { recurrenceLang } from '../lib/ui/standing-repeat';
import { describeRule } from '../lib/recurrence';
import { useDb } from './db-context';
import { BudgetBar } from './budget-bar';
import { ErrorAlert } from './error-alert';
import { useRole } from './session-context';
import { useStoreQuery } from './use-store-query';

function historyStatus(status: HistoryRow['status']): string {
  if (status === 'missed') return i18n.t('standing.missed');
  if (status === 'skipped') return i18n.t('standing.skipped');
  return statusLabel(status);
}

/** A standing task in the side panel: the rule, the current occurrence (complete or skip it), the next dates, the history. */
export function StandingView({ task }: { task: Task }) {
  const db = useDb();
  const role = useRole();
  const [failure, setFailure] = useState<string | null>(null);
  const { data } = useStoreQuery(
    async (db) => {
      const [occurrences, entries, ready] = await Promise.all([
        listOccurrences(db, task.id),
        listTimeEntries(db, task.id),
        occurrencesReady(db),
      ]);
      return { occurrences: occurrences.records, entries: entries.records, ready };
    },
    affectsStandingTask(task.id),
    [task.id],
  );
  const today = localDay(new Date());
  const locale = uiLocale();
  const view = data ? buildStandingView(task, data.occurrences, data.entries, today) : null;
  if (!data || !view) return null;
  const { state } = view;
  const day = (d: string) => formatDay(d, locale, today);
  const act = (status: 'done' | 'skipped') => {
    if (!state.current) return;
    setOccurrenceStatus(db, task.id, state.current.day, status, today).then(
      () => setFailure(null),
      (error: unknown) => setFailure(errorMessage('save', error)),
    );
  };
  return (
    <section class="standing-view" aria-label={i18n.t('standing.heading')}>
      <h2>{i18n.t('standing.heading')}</h2>
      <p class="hint">{describeRule(state.rule.rule, recurrenceLang(locale))}</p>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      {!data.ready ? (
        <p class="note" role="status">
          {i18n.t('standing.pendingNote')}
        </p>
      ) : state.current === null ? (
        <p>{i18n.t('standing.ended')}</p>
      ) : (
        <div class="standing-current">
          <p>
            <strong>{i18n.t('standing.current')}: </strong>
            {state.overdue
              ? i18n.t('standing.overdue', [day(state.current.day)])
              : state.due
                ? i18n.t('standing.due', [day(state.current.day)])
                : i18n.t('standing.next', [day(state.current.day)])}
            {' · '}
            {statusLabel(state.current.status === 'skipped' ? 'new' : state.current.status)}
            {view.currentMinutes > 0 && ` · ${i18n.t('standing.minutes', [String(view.currentMinutes)])}`}
          </p>
          <div class="actions">
            <button type="button" class="primary" onClick={() => act('done')}>
              {i18n.t('standing.complete')}
            </button>
            {role === 'client' && (
              <button type="button" onClick={() => act('skipped')}>
                {i18n.t('standing.skip')}
              </button>
            )}
          </div>
          {/* The budget holds per occurrence: this one's time against it, warned about once per occurrence. */}
          <BudgetBar
            budgetKey={state.current.id}
            title={`${task.title} (${day(state.current.day)})`}
            usedMinutes={view.currentMinutes}
            budgetMinutes={task.budgetMinutes ?? null}
          />
          {state.upcoming.length > 0 && <p class="hint">{i18n.t('standing.upcoming', [state.upcoming.map(day).join(', ')])}</p>}
        </div>
      )}
      <p>
        {state.lastDone ? i18n.t('standing.lastDone', [day(state.lastDone.doneOn ?? state.lastDone.day)]) : i18n.t('standing.neverDone')}
      </p>
      <h3>{i18n.t('standing.history')}</h3>
      {view.history.length === 0 ? (
        <p class="hint">{i18n.t('standing.historyEmpty')}</p>
      ) : (
        <ul class="standing-history">
          {view.history.map((h) => (
            <li key={h.id} data-status={h.status}>
              <span>{day(h.day)}</span> · <span>{historyStatus(h.status)}</span>
              {h.doneOn && ` (${i18n.t('standing.doneOn', [day(h.doneOn)])})`}
              {h.minutes > 0 && ` · ${i18n.t('standing.minutes', [String(h.minutes)])}`}
              {h.result && h.result.text.trim() !== '' && <p class="standing-result">{h.result.text}</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
