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
// The current workspace, followed live (issue 13): opening another one remounts the panel on its database.
openCurrentWorkspace().then(
  (initial) => render(<WorkspaceRoot initial={initial}>{(open) => <SidePanelApp db={open.db} />}</WorkspaceRoot>, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
