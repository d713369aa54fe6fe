import { i18n } from '#i18n';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useState } from 'preact/hooks';
import { nextRowIndex } from '../lib/ui/keyboard';
import type { TaskListModel, TaskRowModel } from '../lib/ui/task-list';
import { TaskRow } from './task-row';
import { StandingSection } from './standing-section';

interface TaskSectionsProps {
  model: TaskListModel;
  doneExpanded: boolean;
  onToggleDone: () => void;
  onOpen: (row: TaskRowModel) => void;
  today: string;
  locale: string;
}

/** Arrow keys, Home and End move between rows across all sections. */
function onListKeyDown(event: TargetedKeyboardEvent<HTMLDivElement>): void {
  const target = event.target as HTMLElement;
  if (!target.matches('[data-row]') || event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = [...event.currentTarget.querySelectorAll<HTMLElement>('[data-row]')];
  const next = nextRowIndex(event.key, rows.indexOf(target), rows.length);
  if (next === null) return;
  event.preventDefault();
  rows[next].focus();
}

function RowList({ rows, ...rest }: { rows: TaskRowModel[]; id?: string } & Pick<TaskSectionsProps, 'onOpen' | 'today' | 'locale'>) {
  if (rows.length === 0) return null;
  return (
    <ul class="rows" id={rest.id}>
      {rows.map((row) => (
        <TaskRow key={`${row.type}:${row.id}`} row={row} onOpen={rest.onOpen} today={rest.today} locale={rest.locale} />
      ))}
    </ul>
  );
}

/** What opening a standing task asks for: its task view (which shows the standing-task view). */
const STANDING_ROW: TaskRowModel = {
  type: 'task',
  id: '',
  title: '',
  kind: 'other',
  status: null,
  domain: null,
  documentType: null,
  due: null,
};

/** Rows in the first render; the rest follow right after the first paint. */
export const FIRST_PAINT_ROWS = 60;

/**
 * Renders the first rows at once and the rest after the browser painted, so a popup with
 * 1,000 tasks shows what fits on screen without building every row first.
 */
function useRowLimit(): number {
  const [limit, setLimit] = useState(FIRST_PAINT_ROWS);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setLimit(Number.POSITIVE_INFINITY));
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, []);
  return limit;
}

/** "Waiting for me", "Open" (drafts first) and "Done" (collapsible), each with a count. */
export function TaskSections({ model, doneExpanded, onToggleDone, onOpen, today, locale }: TaskSectionsProps) {
  const id = useId();
  const limit = useRowLimit();
  const waiting = model.waiting.slice(0, limit);
  const open = model.open.slice(0, Math.max(0, limit - waiting.length));
  const done = model.done.slice(0, Math.max(0, limit - waiting.length - open.length));
  const rowProps = { onOpen, today, locale };
  return (
    <div class="sections" onKeyDown={onListKeyDown}>
      <section aria-labelledby={`${id}-waiting`}>
        <h2 id={`${id}-waiting`} class="section-heading">
          {i18n.t('popup.sectionWaiting')} <span class="count">{model.waiting.length}</span>
        </h2>
        <RowList rows={waiting} {...rowProps} />
      </section>
      <section aria-labelledby={`${id}-open`}>
        <h2 id={`${id}-open`} class="section-heading">
          {i18n.t('popup.sectionOpen')} <span class="count">{model.open.length}</span>
        </h2>
        <RowList rows={open} {...rowProps} />
      </section>
      <StandingSection rows={model.standing} onOpen={(taskId) => onOpen({ ...STANDING_ROW, id: taskId })} today={today} locale={locale} />
      <section aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`} class="section-heading">
          <button
            type="button"
            class="section-toggle"
            aria-expanded={doneExpanded}
            aria-controls={`${id}-done-list`}
            onClick={onToggleDone}
          >
            <span class="chevron" aria-hidden="true" />
            {i18n.t('popup.sectionDone')} <span class="count">{model.done.length}</span>
          </button>
        </h2>
        {doneExpanded && <RowList rows={done} id={`${id}-done-list`} {...rowProps} />}
      </section>
    </div>
  );
}
