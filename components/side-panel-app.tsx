import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { affectsPanelRoute, getPanelRoute, readSession, setPanelRoute, type Db, type PanelRoute, type Session } from '../lib/store';
import { errorMessage } from '../lib/ui/labels';
import { PrivacyProvider } from './confidentiality-context';
import { ErrorAlert } from './error-alert';
import { HandoverWelcome } from './handover-welcome';
import { LazyView } from './lazy-view';
import { LevelSuggestions } from './level-suggestions';
import { browserPlatform, type ViewPlatform } from './platform';
import { SyncState } from './sync-state';
import { readTaskStart, TaskStartContext, type TaskStart } from './task-start';
import { TaskListView } from './task-list-view';
import { TaskView } from './task-view';
import { TimerStatus } from './timer-status';
import { useStoreQuery } from './use-store-query';
import { ViewRoot } from './view-root';
import { CurrentWorkspaceLine } from './workspace-switcher';

type Section = 'tasks' | 'instructions' | 'connection' | 'privacy';

const NAV: { section: Section; route: PanelRoute; label: () => string }[] = [
  { section: 'tasks', route: { view: 'list' }, label: () => i18n.t('panel.navTasks') },
  { section: 'instructions', route: { view: 'instructions' }, label: () => i18n.t('panel.navInstructions') },
  { section: 'connection', route: { view: 'connection' }, label: () => i18n.t('panel.navConnection') },
  { section: 'privacy', route: { view: 'privacy' }, label: () => i18n.t('privacy.settings.nav') },
];

function sectionOf(route: PanelRoute): Section {
  if (route.view === 'instructions' || route.view === 'connection' || route.view === 'privacy') return route.view;
  return 'tasks';
}

// Issue 14: the task view and the list are the panel's first screens and load with it; the other
// routes load when first shown, so opening a task does not wait for their modules.
const LAZY_ROUTES = {
  draft: () => import('./draft-view'),
  instructions: () => Promise.all([import('./instructions-view'), import('./workspace-settings')]),
  connection: () => import('./connection-view'),
  privacy: () => Promise.all([import('./privacy-settings-view'), import('./notification-settings')]),
};

interface RouteViewProps {
  route: PanelRoute;
  navigate: (route: PanelRoute) => void;
  shortcut: string | null;
  platform: ViewPlatform;
}

function RouteView({ route, navigate, shortcut, platform }: RouteViewProps) {
  switch (route.view) {
    case 'list':
      return (
        // Issue 11: a successor's first page is the handover package, shown once.
        <HandoverWelcome onOpenConnection={() => navigate({ view: 'connection' })}>
          <section aria-label={i18n.t('panel.tasksHeading')}>
            <LevelSuggestions />
            <TaskListView shortcut={shortcut} onOpen={(row) => navigate({ view: row.type, id: row.id })} />
          </section>
        </HandoverWelcome>
      );
    case 'draft':
      return (
        <LazyView key="draft" load={LAZY_ROUTES.draft}>
          {({ DraftView }) => <DraftView key={route.id} id={route.id} navigate={navigate} />}
        </LazyView>
      );
    case 'task':
      return <TaskView key={route.id} id={route.id} navigate={navigate} />;
    case 'instructions':
      // How the assistant works: the standing instructions, then how much it may decide per kind.
      return (
        <LazyView key="instructions" load={LAZY_ROUTES.instructions}>
          {([{ InstructionsView }, { WorkspaceSettings }]) => (
            <>
              <InstructionsView />
              <WorkspaceSettings />
            </>
          )}
        </LazyView>
      );
    case 'connection':
      return (
        <LazyView key="connection" load={LAZY_ROUTES.connection}>
          {({ ConnectionView }) => <ConnectionView platform={platform} />}
        </LazyView>
      );
    case 'privacy':
      // What this device keeps to itself: the confidentiality check, and what its notifications show (issue 15).
      return (
        <LazyView key="privacy" load={LAZY_ROUTES.privacy}>
          {([{ PrivacySettingsView }, { NotificationSettingsView }]) => (
            <>
              <PrivacySettingsView />
              <NotificationSettingsView platform={platform} />
            </>
          )}
        </LazyView>
      );
  }
}

/** What the side panel reads before its first render (issue 14): a read started by an effect waits for a frame. */
export interface PanelStart {
  session: Session;
  route: PanelRoute;
  /** The task the route shows, read at once (components/task-start.ts). */
  task?: TaskStart;
}

/** Reads the session and the route in parallel, for SidePanelApp's `start`, and the task when the route shows one. */
export async function readPanelStart(db: Db): Promise<PanelStart> {
  const [session, route] = await Promise.all([readSession(db), getPanelRoute(db)]);
  // A panel opened on a lazy route (a clip's draft, above all) starts loading its module now,
  // while the session is handed to the first render; LazyView's import then finds it loaded.
  const lazy = LAZY_ROUTES[route.view as keyof typeof LAZY_ROUTES];
  if (lazy) lazy().catch(() => undefined);
  return { session, route, task: route.view === 'task' ? await readTaskStart(db, route.id, session) : undefined };
}

/** The side panel: follows the stored route (set by the popup or the background), live. */
export function SidePanelApp({ db, platform = browserPlatform, start }: { db: Db; platform?: ViewPlatform; start?: PanelStart }) {
  return (
    <ViewRoot db={db} endpointFetch={platform.endpointFetch} session={start?.session}>
      {/* Issue 12: the confidentiality settings and placeholder mapping, for the draft check and the task views. */}
      <PrivacyProvider>
        <SidePanel db={db} platform={platform} initialRoute={start?.route} initialTask={start?.task} />
      </PrivacyProvider>
    </ViewRoot>
  );
}

interface SidePanelProps {
  db: Db;
  platform: ViewPlatform;
  initialRoute?: PanelRoute;
  initialTask?: TaskStart;
}

function SidePanel({ db, platform, initialRoute, initialTask }: SidePanelProps) {
  const { data: route, error } = useStoreQuery(getPanelRoute, affectsPanelRoute, [], initialRoute);
  // Only while the route is the one the panel started on (the views take it when they mount).
  const taskStart = route === initialRoute ? initialTask : undefined;
  const [failure, setFailure] = useState<string | null>(null);
  const [shortcut, setShortcut] = useState<string | null>(null);

  useEffect(() => {
    platform.delegateShortcut().then(setShortcut, () => undefined);
  }, [platform]);

  const navigate = (next: PanelRoute) => {
    setPanelRoute(db, next).then(
      () => setFailure(null),
      (err: unknown) => setFailure(errorMessage('navigate', err)),
    );
  };

  const current = route ? sectionOf(route) : null;
  return (
    <div class="panel">
      <header class="panel-header">
        {/* Issue 13: with more than one workspace, which one this panel shows. */}
        <CurrentWorkspaceLine />
        <nav aria-label={i18n.t('panel.navLabel')}>
          <ul class="nav">
            {NAV.map((item) => (
              <li key={item.section}>
                <button
                  type="button"
                  class="nav-item"
                  aria-current={current === item.section ? 'page' : undefined}
                  onClick={() => navigate(item.route)}
                >
                  {item.label()}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <TimerStatus />
      </header>
      <main class="panel-main">
        <ErrorAlert message={error ? errorMessage('load', error) : failure} onDismiss={() => setFailure(null)} />
        {route ? (
          <TaskStartContext.Provider value={taskStart}>
            <RouteView route={route} navigate={navigate} shortcut={shortcut} platform={platform} />
          </TaskStartContext.Provider>
        ) : (
          <p class="hint">{i18n.t('panel.loading')}</p>
        )}
      </main>
      {/* The Connection page shows the sync state in full itself. */}
      {current !== 'connection' && (
        <footer class="panel-footer">
          <SyncState onOpenConnection={() => navigate({ view: 'connection' })} />
          <button
            type="button"
            class="link-button"
            onClick={() => void platform.openReport().catch((err: unknown) => setFailure(errorMessage('openPanel', err)))}
          >
            {i18n.t('report.open')}
          </button>
        </footer>
      )}
    </div>
  );
}
