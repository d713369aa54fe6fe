import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useContext } from 'preact/hooks';
import type { TaskRowModel } from '../lib/ui/task-list';
import { documentTypeLabel, dueLabel, kindLabel, statusLabel } from '../lib/ui/labels';
import { RowTimerContext } from './timers-context';

interface TaskRowProps {
  row: TaskRowModel;
  today: string;
  locale: string;
  onOpen: (row: TaskRowModel) => void;
}

/** What a row's meta line shows of a task. */
export type RowMetaFields = Pick<TaskRowModel, 'priority' | 'kind' | 'domain' | 'due'> & Partial<Pick<TaskRowModel, 'documentType'>>;

/**
 * A row's meta line: priority when not the usual one, kind, domain, document type, due. Every
 * list's rows show it so ("All clients" puts the client first, as `children`).
 */
export function RowMeta({
  row,
  today,
  locale,
  children,
}: {
  row: RowMetaFields;
  today: string;
  locale: string;
  children?: ComponentChildren;
}) {
  const due = dueLabel(row.due, today, locale);
  return (
    <span class="row-meta">
      {children}
      {row.priority !== 'normal' && (
        <span class={`priority priority-${row.priority}`}>
          {i18n.t(row.priority === 'high' ? 'popup.priorityHigh' : 'popup.priorityLow')}
        </span>
      )}
      <span>{kindLabel(row.kind)}</span>
      {row.domain && <span>{row.domain}</span>}
      {row.documentType && <span>{documentTypeLabel(row.documentType)}</span>}
      <span class={`due due-${due.state}`}>{due.text}</span>
    </span>
  );
}

/** One task or draft in a list; a button, so Enter and Space open it. */
export function TaskRow({ row, today, locale, onOpen }: TaskRowProps) {
  const RowTimer = useContext(RowTimerContext);
  return (
    <li>
      <button type="button" class="row" data-row onClick={() => onOpen(row)}>
        {/* The whole title on hover: the row cuts long ones off. */}
        <span class="row-title" title={row.title}>
          {row.title}
        </span>
        <span class={row.type === 'draft' ? 'badge badge-draft' : `badge badge-${row.status}`}>
          {row.type === 'draft' ? i18n.t('popup.draft') : statusLabel(row.status ?? 'new')}
        </span>
        <RowMeta row={row} today={today} locale={locale} />
      </button>
      {row.type === 'task' && RowTimer && <RowTimer taskId={row.id} title={row.title} tabIndex={-1} />}
    </li>
  );
}
