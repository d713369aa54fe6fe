import { i18n } from '#i18n';
import { useEffect, useRef, useState } from 'preact/hooks';
import { newId } from '../lib/model';
import { createTask, setPanelRoute, type Db, type PanelRoute } from '../lib/store';
import { errorMessage, type FailedAction } from '../lib/ui/labels';
import { manualTask } from '../lib/ui/task-edit';
import { ErrorAlert } from './error-alert';
import { browserPlatform, type ViewPlatform } from './platform';
import { QuickAdd } from './quick-add';
import { SyncState } from './sync-state';
import { TaskListView } from './task-list-view';
import { TimerStatus } from './timer-status';
import { useRole } from './session-context';
import { ViewRoot } from './view-root';

interface PopupAppProps {
  db: Db;
  platform?: ViewPlatform;
}

/** The toolbar popup: quick add, search, the grouped task list, a way to the standing instructions. */
export function PopupApp({ db, platform = browserPlatform }: PopupAppProps) {
  return (
    <ViewRoot db={db} endpointFetch={platform.endpointFetch}>
      <Popup db={db} platform={platform} />
    </ViewRoot>
  );
}

function Popup({ db, platform }: { db: Db; platform: ViewPlatform }) {
  const role = useRole();
  const [failure, setFailure] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);
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

  return (
    <div class="popup">
      <header class="popup-header">
        <h1 class="sr-only">{i18n.t('extName')}</h1>
        {/* Only the client delegates (hidden until the role is read, so an assistant never sees it flash). */}
        {role === 'client' && (
          <QuickAdd
            onAdd={(title) => createTask(db, manualTask(newId(), title, new Date())).then(() => setFailure(null), report('create'))}
          />
        )}
        <TimerStatus />
      </header>
      <ErrorAlert message={failure} onDismiss={() => setFailure(null)} />
      <main class="popup-main">
        <TaskListView shortcut={shortcut} onOpen={(row) => openInPanel({ view: row.type, id: row.id })} />
      </main>
      <footer class="popup-footer">
        <SyncState onOpenConnection={() => openInPanel({ view: 'connection' })} />
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
