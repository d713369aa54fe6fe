import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { StartupFailure } from '../../components/startup-failure';
import { WorkspaceRoot } from '../../components/workspace-root';
import { uiLocale } from '../../lib/browser/ui-locale';
import { openCurrentWorkspace } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'panel', uiLocale());
const root = document.getElementById('app')!;
// Issue 13: the current workspace, followed live (switched in the popup, or a task opened in another workspace).
openCurrentWorkspace().then(
  (initial) => render(<WorkspaceRoot initial={initial}>{({ db }) => <SidePanelApp db={db} />}</WorkspaceRoot>, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
