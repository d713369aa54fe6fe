import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { StartupFailure } from '../../components/startup-failure';
import { WorkspaceRoot } from '../../components/workspace-root';
import { uiLocale } from '../../lib/browser/ui-locale';
import { openCurrentWorkspace } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'popup', uiLocale());
const root = document.getElementById('app')!;
// Issue 13: the current workspace, followed live (the switcher, or a task opened in another workspace).
openCurrentWorkspace().then(
  (initial) => render(<WorkspaceRoot initial={initial}>{({ db }) => <PopupApp db={db} />}</WorkspaceRoot>, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
