import { i18n } from '#i18n';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Db, Role, Session } from '../lib/store';
// Straight from the modules, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { affectsStandingList, affectsTaskList } from '../lib/store/events';
import { listDrafts, listRecords, threadLastWords } from '../lib/store/records';
import { sessionSide } from '../lib/store/session';
import { readSessionAndHead, readTaskListHead } from '../lib/store/task-list-head';
import { localDay } from '../lib/ui/format';
import { isSearchShortcut } from '../lib/ui/keyboard';
import { uiLocale } from '../lib/browser/ui-locale';
import { errorMessage } from '../lib/ui/labels';
import { acceptableRows, filterTaskList, headTaskList, prepareTaskList, STANDING_NOT_LOADED, type TaskRowModel } from '../lib/ui/task-list';
import { useDb } from './db-context';
import { ErrorAlert } from './error-alert';
import { FIRST_PAINT_ROWS, TaskSections } from './task-sections';
import { useSession } from './session-context';
import { afterNextPaint } from './use-after-paint';
import { useLazy } from './use-lazy';
import { useStoreQuery } from './use-store-query';

async function loadTaskList(db: Db) {
  const [tasks, drafts, lastWords] = await Promise.all([listRecords(db, 'task'), listDrafts(db), threadLastWords(db)]);
  return { tasks, drafts, lastWords };
}

/**
 * The first screen (issue 14): each section's first rows and size from the store's task list
 * index, a few bounded reads whatever the store holds; the whole list follows after the paint.
 */
async function loadHead(db: Db, role: Role, side: ReadonlySet<string>) {
  const [head, drafts] = await Promise.all([readTaskListHead(db, role, FIRST_PAINT_ROWS, side), listDrafts(db)]);
  return { head, drafts };
}

/** The first screen's data: the session and the first rows read for it (as TaskListView reads them). */
export interface FirstScreen {
  session: Session;
  head: Awaited<ReturnType<typeof loadHead>>;
}

/**
 * Reads the first screen before the first render (the popup, issue 14): a read a view starts in an
 * effect waits for the next frame, and the head waits for the session — two frames before any row.
 */
export async function readFirstScreen(db: Db): Promise<FirstScreen> {
  // The session and the head in one transaction, the drafts beside it.
  const [{ session, head }, drafts] = await Promise.all([readSessionAndHead(db, FIRST_PAINT_ROWS), listDrafts(db)]);
  return { session, head: { head, drafts } };
}

/**
 * The recurrence engine and the occurrence reads, after the first rows (issue 14): the store's
 * standing module is shared with the side panel, whose rule handling would come along with it.
 */
async function loadStandingLib() {
  const [ui, store] = await Promise.all([import('../lib/ui/standing'), import('../lib/store/standing')]);
  return { standingPart: ui.standingPart, occurrencesReady: store.occurrencesReady };
}

type StandingLib = Awaited<ReturnType<typeof loadStandingLib>>;

/** What deriving the standing tasks needs besides the tasks: their occurrence records and whether to derive yet. */
async function loadOccurrences(db: Db, lib: StandingLib) {
  const [occurrences, ready] = await Promise.all([listRecords(db, 'occurrence'), lib.occurrencesReady(db)]);
  return { occurrences: occurrences.records, ready };
}

const NO_DRAFTS = { records: [], skipped: 0 };

interface TaskListViewProps {
  onOpen: (row: TaskRowModel) => void;
  /** The "Delegate this" shortcut, named in the empty state. */
  shortcut: string | null;
  /** The first rows, read before the first render for this session (readFirstScreen). */
  first?: FirstScreen['head'];
}

/** Search plus the grouped task list, live; the popup's body and the side panel's list. */
export function TaskListView({ onOpen, shortcut, first }: TaskListViewProps) {
  const { data: session } = useSession();
  const role = session?.role;
  // This device's side as threadLastWords has it: this device and the known devices of its role;
  // the same set (and no second read of the first rows) when the session is read again unchanged.
  const sideKey = session ? JSON.stringify([...sessionSide(session)].sort()) : undefined;
  const side = useMemo(() => (sideKey ? new Set<string>(JSON.parse(sideKey) as string[]) : undefined), [sideKey]);
  // The whole list (search, standing tasks, every row) is read after the first rows painted (issue 14).
  const [afterHead, setAfterHead] = useState(false);
  const { data: stored, error } = useStoreQuery((db) => (afterHead ? loadTaskList(db) : Promise.resolve(undefined)), affectsTaskList, [
    afterHead,
  ]);
  const whole = stored !== undefined;
  const { data: headData, error: headError } = useStoreQuery(
    (db) => (role && side && !whole ? loadHead(db, role, side) : Promise.resolve(undefined)),
    affectsTaskList,
    [role, side, whole],
    first,
  );
  useEffect(() => {
    if (afterHead || (headData === undefined && headError === undefined)) return;
    return afterNextPaint(() => setAfterHead(true));
  }, [afterHead, headData, headError]);
  // The recurrence engine follows the first rows (issue 14): standing tasks join a moment later.
  const standingLib = useLazy(loadStandingLib);
  const { data: occurrences } = useStoreQuery(
    (db) => (standingLib ? loadOccurrences(db, standingLib) : Promise.resolve(null)),
    affectsStandingList,
    [standingLib],
  );
  const db = useDb();
  const [acceptFailure, setAcceptFailure] = useState<string | null>(null);
  // Drafts are the client's tasks in the making; an assistant does not delegate.
  const data = useMemo(
    () => (stored && role ? { ...stored, drafts: role === 'assistant' ? NO_DRAFTS : stored.drafts, role } : undefined),
    [stored, role],
  );
  const [query, setQuery] = useState('');
  const [doneExpanded, setDoneExpanded] = useState(false);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isSearchShortcut(event)) return;
      event.preventDefault();
      searchRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, []);

  const standing = useMemo(
    () =>
      data && occurrences && standingLib
        ? standingLib.standingPart({ tasks: data.tasks.records, ...occurrences }, data.role, localDay(new Date()), data.lastWords)
        : STANDING_NOT_LOADED,
    [data, occurrences, standingLib],
  );
  // Grouped, sorted and given search keys once per change of the data; a keystroke only filters (issue 14).
  const prepared = useMemo(
    () => (data ? prepareTaskList(data.tasks.records, data.drafts.records, data.role, data.lastWords, standing) : undefined),
    [data, standing],
  );
  const headModel = useMemo(
    () => (headData && role ? headTaskList(headData.head, role === 'assistant' ? [] : headData.drafts.records) : undefined),
    [headData, role],
  );
  // Until the whole list is there, the first screen (a search filters once the whole list is loaded, a moment later).
  const model = useMemo(() => (prepared ? filterTaskList(prepared, query) : headModel), [prepared, query, headModel]);
  const skipped = data
    ? data.tasks.skipped + data.drafts.skipped
    : headData
      ? headData.head.skipped + (role === 'assistant' ? 0 : headData.drafts.skipped)
      : 0;
  const loadError = error ?? (whole ? undefined : headError);
  const shownRole = data?.role ?? (headModel ? role : null);
  const today = localDay(new Date());
  const locale = uiLocale();
  const searching = query.trim() !== '';
  const nothingMatches = model !== undefined && searching && model.waiting.length + model.open.length + model.done.length === 0;

  return (
    <div class="task-list">
      <div class="search">
        <input
          ref={searchRef}
          type="search"
          aria-label={i18n.t('popup.searchLabel')}
          placeholder={i18n.t('popup.searchPlaceholder')}
          value={query}
          onInput={(event) => setQuery(event.currentTarget.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && query !== '') {
              // Clear first; a second Escape may close the popup as usual.
              event.preventDefault();
              event.stopPropagation();
              setQuery('');
            } else if (event.key === 'ArrowDown') {
              const first = event.currentTarget.closest('.task-list')?.querySelector<HTMLElement>('[data-row]');
              if (first) {
                event.preventDefault();
                first.focus();
              }
            }
          }}
        />
      </div>
      <ErrorAlert message={loadError ? errorMessage('load', loadError) : null} />
      <ErrorAlert message={acceptFailure} onDismiss={() => setAcceptFailure(null)} />
      {skipped > 0 && (
        <p class="note" role="status">
          {i18n.t('popup.skipped', skipped)}
        </p>
      )}
      {model && model.total === 0 && shownRole === 'assistant' && (
        <div class="empty">
          <p class="empty-title">{i18n.t('popup.emptyTitleAssistant')}</p>
          <p>{i18n.t('popup.emptyHintAssistant')}</p>
        </div>
      )}
      {model && model.total === 0 && shownRole === 'client' && (
        <div class="empty">
          <p class="empty-title">{i18n.t('popup.emptyTitle')}</p>
          <p>
            {shortcut
              ? i18n.t('popup.emptyHint', [i18n.t('menuDelegate'), shortcut])
              : i18n.t('popup.emptyHintNoShortcut', [i18n.t('menuDelegate')])}
          </p>
        </div>
      )}
      {nothingMatches && (
        <p class="empty" role="status">
          {i18n.t('popup.noMatches', [query.trim()])}
        </p>
      )}
      {model && model.total > 0 && !nothingMatches && (
        <TaskSections
          model={model}
          query={query}
          // While searching, finished matches must be visible too.
          doneExpanded={doneExpanded || searching}
          onToggleDone={() => setDoneExpanded(!doneExpanded)}
          onOpen={onOpen}
          today={today}
          locale={locale}
          accept={
            role === 'assistant' && !model.counts
              ? {
                  ids: acceptableRows(model, role),
                  run: () =>
                    // The write path (merge, index upkeep) is its own chunk: the first screen only reads (issue 14).
                    import('../lib/store/record-writes')
                      .then(({ acceptTasks }) => acceptTasks(db, acceptableRows(model, role)))
                      .then(
                        () => setAcceptFailure(null),
                        (failure: unknown) => setAcceptFailure(errorMessage('save', failure)),
                      ),
                }
              : undefined
          }
        />
      )}
    </div>
  );
}
