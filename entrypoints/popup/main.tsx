import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { readFirstScreen } from '../../components/task-list-view';
import { StartupFailure } from '../../components/startup-failure';
import { WorkspaceRoot } from '../../components/workspace-root';
import { uiLocale } from '../../lib/browser/ui-locale';
import { openCurrentWorkspace, type OpenWorkspace } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import { markStartup } from '../../lib/ui/startup-marks';
import '../../components/styles.css';

markStartup('module');
prepareDocument(document, 'popup', uiLocale());
const root = document.getElementById('app')!;
// Issue 13: the current workspace, followed live (the switcher, or a task opened in another workspace).
// Issue 14: its session and first rows are read before the first render, which then shows rows; if
// that read fails, the views read again themselves and show what failed.
openCurrentWorkspace().then(
  async (initial) => {
    markStartup('workspace');
    let first = await readFirstScreen(initial.db).catch(() => undefined);
    const view = ({ db }: OpenWorkspace) => {
      // Only for the workspace it was read in, and only until another one is shown.
      if (db !== initial.db) first = undefined;
      return <PopupApp db={db} first={first} />;
    };
    markStartup('read');
    render(<WorkspaceRoot initial={initial}>{view}</WorkspaceRoot>, root);
    markStartup('render');
  },
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
