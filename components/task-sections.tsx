import { i18n } from '#i18n';
import type { TargetedKeyboardEvent } from 'preact';
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { nextRowIndex } from '../lib/ui/keyboard';
import type { TaskListModel, TaskRowModel } from '../lib/ui/task-list';
import { TaskRow } from './task-row';
import { StandingSection } from './standing-section';
import { afterNextPaint } from './use-after-paint';

interface TaskSectionsProps {
  model: TaskListModel;
  /** The search query: each new one starts with the first rows of its matches. */
  query: string;
  doneExpanded: boolean;
  onToggleDone: () => void;
  onOpen: (row: TaskRowModel) => void;
  today: string;
  locale: string;
  /** The assistant's new tasks waiting, with what accepts them all at once; absent for the client. */
  accept?: { ids: string[]; run: () => void };
}

/** What the arrow keys move between: the rows of every section and the "Done" toggle. */
const LIST_ITEM = '[data-row], [data-list-item]';

function listItems(container: HTMLElement): HTMLElement[] {
  return [...container.querySelectorAll<HTMLElement>(LIST_ITEM)];
}

/**
 * The list is one Tab stop (issue 15, a roving tabindex): the item last focused (at first the
 * first row) is reachable with Tab, every other item and a row's own buttons (the timer) only
 * with the arrow keys. Set on the DOM because rows of other components (standing) take part.
 */
function syncTabStops(container: HTMLElement, active: { current: HTMLElement | null }): void {
  const items = listItems(container);
  if (!active.current || !items.includes(active.current)) active.current = items[0] ?? null;
  for (const item of items) item.tabIndex = item === active.current ? 0 : -1;
}

/**
 * Arrow keys, Home and End move between the items across all sections; ArrowRight goes to a
 * row's own button (the timer), ArrowLeft back to the row. Enter and Space open (the rows are buttons).
 */
function onListKeyDown(event: TargetedKeyboardEvent<HTMLDivElement>): void {
  const target = event.target as HTMLElement;
  if (event.altKey || event.ctrlKey || event.metaKey) return;
  const row = target.closest('li')?.querySelector<HTMLElement>('[data-row]');
  const inner = target.closest('li')?.querySelector<HTMLElement>('button:not([data-row])');
  let next: HTMLElement | null | undefined = null;
  if (target.matches(LIST_ITEM)) {
    const items = listItems(event.currentTarget);
    const index = nextRowIndex(event.key, items.indexOf(target), items.length);
    if (index !== null) next = items[index];
    else if (event.key === 'ArrowRight' && target === row) next = inner;
  } else if (event.key === 'ArrowLeft' && target === inner) {
    next = row;
  }
  if (!next) return;
  event.preventDefault();
  next.focus();
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
  priority: 'normal',
};

/**
 * Rows in the first render; more follow right after the first paint. A popup is at most 600 px
 * high (Chrome), about a dozen rows: 25 fill it with a screen to scroll, and each row more is
 * render and layout before the first paint.
 */
export const FIRST_PAINT_ROWS = 25;

/** Rows rendered right after the first paint while browsing; beyond them, more on demand. */
export const AFTER_PAINT_ROWS = 500;

/** Rows a "show more" adds. */
export const MORE_ROWS = 100;

/**
 * How many rows to render (issue 14: the work follows the screen, not the store). Browsing: the
 * first rows at once and up to AFTER_PAINT_ROWS after the browser painted, so a popup with 1,000
 * tasks shows what fits on screen without building every row first. Searching: the first rows of
 * the matches only — a keystroke must not build thousands of rows. Beyond that, more on demand
 * (ShowMore). Every new query starts again with the first rows.
 */
function useRowLimit(query: string): [number, () => void] {
  const [grown, setGrown] = useState({ query, limit: FIRST_PAINT_ROWS });
  const limit = grown.query === query ? grown.limit : FIRST_PAINT_ROWS;
  const browsing = query.trim() === '';
  useEffect(() => {
    if (!browsing || limit >= AFTER_PAINT_ROWS) return;
    return afterNextPaint(() => setGrown({ query, limit: AFTER_PAINT_ROWS }));
  }, [browsing, limit, query]);
  return [limit, () => setGrown({ query, limit: limit + MORE_ROWS })];
}

/** Shows more rows; also when scrolled into view, where the browser can tell. */
function ShowMore({ hidden, onMore }: { hidden: number; onMore: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!button.current || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) onMore();
    });
    observer.observe(button.current);
    return () => observer.disconnect();
  }, [onMore]);
  return (
    <button type="button" class="show-more" data-list-item ref={button} onClick={onMore}>
      {i18n.t('popup.showMore', [String(hidden)])}
    </button>
  );
}

/** "Waiting for me", "Open" (drafts first) and "Done" (collapsible), each with a count. */
export function TaskSections({ model, query, doneExpanded, onToggleDone, onOpen, today, locale, accept }: TaskSectionsProps) {
  const id = useId();
  const [limit, showMore] = useRowLimit(query);
  const waiting = model.waiting.slice(0, limit);
  const open = model.open.slice(0, Math.max(0, limit - waiting.length));
  const done = model.done.slice(0, Math.max(0, limit - waiting.length - open.length));
  // The sections' sizes: counted by the store while the model holds only the first rows (issue 14).
  const size = model.counts ?? { waiting: model.waiting.length, open: model.open.length, done: model.done.length };
  // Not shown yet (the done rows only when expanded); the button follows the first cut section.
  const hidden =
    size.waiting + size.open + (doneExpanded ? size.done : 0) - waiting.length - open.length - (doneExpanded ? done.length : 0);
  const moreAfter = hidden === 0 ? null : waiting.length < size.waiting ? 'waiting' : open.length < size.open ? 'open' : 'done';
  const more = (section: typeof moreAfter) => (moreAfter === section ? <ShowMore hidden={hidden} onMore={showMore} /> : null);
  const rowProps = { onOpen, today, locale };
  const container = useRef<HTMLDivElement>(null);
  const active = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    if (container.current) syncTabStops(container.current, active);
  });
  return (
    <div
      class="sections"
      ref={container}
      onKeyDown={onListKeyDown}
      onFocusIn={(event) => {
        const target = event.target as HTMLElement;
        if (!target.matches(LIST_ITEM)) return;
        active.current = target;
        syncTabStops(event.currentTarget, active);
      }}
    >
      <section aria-labelledby={`${id}-waiting`}>
        <h2 id={`${id}-waiting`} class="section-heading">
          {i18n.t('popup.sectionWaiting')} <span class="count">{size.waiting}</span>
        </h2>
        {accept && accept.ids.length > 0 && (
          <button type="button" class="link-button section-action" onClick={accept.run}>
            {i18n.t('popup.acceptAll', [String(accept.ids.length)])}
          </button>
        )}
        <RowList rows={waiting} {...rowProps} />
        {more('waiting')}
      </section>
      <section aria-labelledby={`${id}-open`}>
        <h2 id={`${id}-open`} class="section-heading">
          {i18n.t('popup.sectionOpen')} <span class="count">{size.open}</span>
        </h2>
        <RowList rows={open} {...rowProps} />
        {more('open')}
      </section>
      <StandingSection rows={model.standing} onOpen={(taskId) => onOpen({ ...STANDING_ROW, id: taskId })} today={today} locale={locale} />
      <section aria-labelledby={`${id}-done`}>
        <h2 id={`${id}-done`} class="section-heading">
          <button
            type="button"
            class="section-toggle"
            data-list-item
            aria-expanded={doneExpanded}
            aria-controls={`${id}-done-list`}
            onClick={onToggleDone}
          >
            <span class="chevron" aria-hidden="true" />
            {i18n.t('popup.sectionDone')} <span class="count">{size.done}</span>
          </button>
        </h2>
        {doneExpanded && <RowList rows={done} id={`${id}-done-list`} {...rowProps} />}
        {more('done')}
      </section>
    </div>
  );
}
