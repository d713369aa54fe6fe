import { i18n } from '#i18n';
import { useId } from 'preact/hooks';
import { formatDay } from '../lib/ui/format';
import { statusLabel } from '../lib/ui/labels';
import type { StandingRowModel } from '../lib/ui/standing';

interface StandingSectionProps {
  rows: StandingRowModel[];
  onOpen: (taskId: string) => void;
  today: string;
  locale: string;
}

function when(row: StandingRowModel, today: string, locale: string): string {
  if (row.pending) return i18n.t('standing.pending');
  if (row.day === null) return i18n.t('standing.ended');
  const day = formatDay(row.day, locale, today);
  if (row.overdue) return i18n.t('standing.overdue', [day]);
  return row.day <= today ? i18n.t('standing.due', [day]) : i18n.t('standing.next', [day]);
}

/** The popup's "Standing" section: each standing task once, with its current occurrence's day and status (dates only: no rule sentences in the popup). */
export function StandingSection({ rows, onOpen, today, locale }: StandingSectionProps) {
  const id = useId();
  if (rows.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-standing`}>
      <h2 id={`${id}-standing`} class="section-heading">
        {i18n.t('standing.section')} <span class="count">{rows.length}</span>
      </h2>
      <ul class="rows">
        {rows.map((row) => (
          <li key={row.id}>
            <button type="button" class="row" data-row onClick={() => onOpen(row.id)}>
              <span class="row-title">{row.title}</span>
              <span class={row.overdue ? 'row-meta overdue' : 'row-meta'}>
                {when(row, today, locale)}
                {row.status !== null && row.status !== 'new' && row.status !== 'skipped' && ` · ${statusLabel(row.status)}`}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
