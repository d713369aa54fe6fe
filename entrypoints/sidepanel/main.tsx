import { render } from 'preact';
import { readPanelStart, SidePanelApp } from '../../components/side-panel-app';
import { StartupFailure } from '../../components/startup-failure';
import { WorkspaceRoot } from '../../components/workspace-root';
import { uiLocale } from '../../lib/browser/ui-locale';
import { openCurrentWorkspace, type OpenWorkspace } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import { markStartup } from '../../lib/ui/startup-marks';
import '../../components/styles.css';

markStartup('module');
prepareDocument(document, 'panel', uiLocale());
const root = document.getElementById('app')!;
// Issue 13: the current workspace, followed live (switched in the popup, or a task opened in another workspace).
// Issue 14: its session and route are read before the first render; if that fails, the views read them again and say what failed.
openCurrentWorkspace().then(
  async (initial) => {
    markStartup('workspace');
    let start = await readPanelStart(initial.db).catch(() => undefined);
    const view = ({ db }: OpenWorkspace) => {
      // Only for the workspace it was read in, and only until another one is shown.
      if (db !== initial.db) start = undefined;
      return <SidePanelApp db={db} start={start} />;
    };
    markStartup('read');
    render(<WorkspaceRoot initial={initial}>{view}</WorkspaceRoot>, root);
    markStartup('render');
  },
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
