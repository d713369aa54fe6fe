import { i18n } from '#i18n';
import type { ComponentChildren } from 'preact';
import { useContext, useEffect, useRef, useState } from 'preact/hooks';
import { newId } from '../lib/model';
import type { Db, PanelRoute } from '../lib/store';
// Straight from the module, not the barrel, as everything the popup loads first (build/page-chunks.ts).
import { setPanelRoute } from '../lib/store/meta';
import { errorMessage, type FailedAction } from '../lib/ui/labels';
import { DbContext } from './db-context';
import { ErrorAlert } from './error-alert';
import { browserPlatform, type ViewPlatform } from './platform';
import { QuickAdd } from './quick-add';
import { TaskListView, type FirstScreen } from './task-list-view';
import { SessionProvider, useRole } from './session-context';
import { SyncProvider } from './sync-context';
import { RowTimerContext, TimerContext, type Timers } from './timers-context';
import { useLazy } from './use-lazy';
import { useCurrentWorkspace, useRegistry } from './workspace-root';

interface PopupAppProps {
  db: Db;
  platform?: ViewPlatform;
  /** The session and first rows of `db`, read before the first render (readFirstScreen). */
  first?: FirstScreen;
}

/** The toolbar popup: quick add, search, the grouped task list, a way to the standing instructions. */
export function PopupApp({ db, platform = browserPlatform, first }: PopupAppProps) {
  return (
    <DbContext.Provider value={db}>
      <SessionProvider initial={first?.session}>
        <SyncProvider db={db} fetch={platform.endpointFetch}>
          <Popup db={db} platform={platform} first={first} />
        </SyncProvider>
      </SessionProvider>
    </DbContext.Provider>
  );
}

/** What the popup loads right after its first rows (issue 14, the popup's 40 KB budget). */
const loadLater = () => import('./popup-later');

type Later = Awaited<ReturnType<typeof loadLater>>;

/** "All clients" (issue 13), loaded when the switcher asks for it. */
const loadAllClients = () => import('./all-clients-view');

type AllClientsModule = Awaited<ReturnType<typeof loadAllClients>>;

/**
 * ViewRoot's providers, but the timers come with `later`: until then the rows show no timer
 * button and the header no timer line. The tree stays the same when they arrive (no remount).
 */
function PopupTimers({ later, children }: { later: Later | null; children: ComponentChildren }) {
  const [timers, setTimers] = useState<Timers | null>(null);
  return (
    <TimerContext.Provider value={timers}>
      <RowTimerContext.Provider value={timers && later ? later.TimerButton : null}>
        {later && <later.TimerSource onChange={setTimers} />}
        {children}
      </RowTimerContext.Provider>
    </TimerContext.Provider>
  );
}

function Popup({ db, platform, first }: { db: Db; platform: ViewPlatform; first?: FirstScreen }) {
  const later = useLazy(loadLater);
  return (
    <PopupTimers later={later}>
      <PopupBody db={db} platform={platform} later={later} first={first} />
    </PopupTimers>
  );
}

function PopupBody({ db, platform, later, first }: { db: Db; platform: ViewPlatform; later: Later | null; first?: FirstScreen }) {
  const role = useRole();
  const timersReady = useContext(TimerContext) !== null;
  const [failure, setFailure] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);
  // Issue 13: which workspace is shown comes from the root; "All clients" is this popup's own choice.
  const workspace = useCurrentWorkspace();
  const registry = useRegistry();
  const [showingAll, setShowingAll] = useState(false);
  const allClients = useLazy(loadAllClients, { when: showingAll, onFailure: (error) => setFailure(errorMessage('loadView', error)) });
  // Known before any click, so opening the side panel needs no await inside the gesture.
  const windowId = useRef<number | undefined>(undefined);

  const report = (action: FailedAction) => (error: unknown) => {
    setFailure(errorMessage(action, error));
    throw error;
  };

  useEffect(() => {
    platform.currentWindowId().then(
      (id) => (windowId.current = id),
      () => undefined,
    );
    platform.delegateShortcut().then(setShortcut, () => undefined);
  }, [platform]);

  const openInPanel = (route: PanelRoute) => {
    // Both calls start synchronously in the click: the route write is queued before the panel reads it.
    const routing = setPanelRoute(db, route);
    const opening = platform.openPanel(windowId.current);
    Promise.all([routing, opening]).then(
      () => platform.close(),
      (error: unknown) => setFailure(errorMessage('openPanel', error)),
    );
  };

  /** A row of "All clients": the task in its own workspace, which becomes the current one. */
  const openClientTask = (module: AllClientsModule, row: { workspaceId: string; id: string }) => {
    // The panel opens first, synchronously in the click; it follows the route and the workspace as they are written.
    const opening = platform.openPanel(windowId.current);
    const routing = module.routeToClientTask(registry, row);
    Promise.all([routing, opening]).then(
      () => platform.close(),
      (error: unknown) => setFailure(errorMessage('openPanel', error)),
    );
  };

  return (
    <div class="popup">
      <header class="popup-header">
        <h1 class="sr-only">{i18n.t('extName')}</h1>
        {/* Only the client delegates (hidden until the role is read, so an assistant never sees it flash). */}
        {role === 'client' && !showingAll && (
          <QuickAdd
            onAdd={(title) =>
              // task-edit brings the merge policy along, the store's write path the merge and the index's
              // upkeep; quick add needs them only once something is typed (issue 14, the popup's budget).
              Promise.all([import('../lib/ui/task-edit'), import('../lib/store/record-writes')])
                .then(([{ manualTask }, { createTask }]) => createTask(db, manualTask(newId(), title, new Date())))
                .then(() => setFailure(null), report('create'))
            }
          />
        )}
        {later && workspace && <later.WorkspaceSwitcher showingAll={showingAll} onShowAll={setShowingAll} onFailure={setFailure} />}
        {later && timersReady && <later.TimerStatus />}
      </header>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <main class="popup-main">
        {showingAll ? (
          allClients ? (
            <allClients.AllClientsView onOpen={(row) => openClientTask(allClients, row)} />
          ) : (
            <p class="hint">{i18n.t('panel.loading')}</p>
          )
        ) : (
          <TaskListView shortcut={shortcut} first={first?.head} onOpen={(row) => openInPanel({ view: row.type, id: row.id })} />
        )}
      </main>
      <footer class="popup-footer">
        {later && <later.SyncState onOpenConnection={() => openInPanel({ view: 'connection' })} />}
        <button type="button" class="link-button" onClick={() => openInPanel({ view: 'instructions' })}>
          {i18n.t('popup.instructionsLink')}
        </button>
        <button
          type="button"
          class="link-button"
          onClick={() =>
            platform.openReport().then(
              () => platform.close(),
              (error: unknown) => setFailure(errorMessage('openPanel', error)),
            )
          }
        >
          {i18n.t('report.open')}
        </button>
      </footer>
    </div>
  );
}
