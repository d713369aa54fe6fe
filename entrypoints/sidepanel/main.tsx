import { readPanelStart, SidePanelApp } from '../../components/side-panel-app';
import { startView } from '../../components/start-view';
import { uiLocale } from '../../lib/browser/ui-locale';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'panel', uiLocale());
// The current workspace, followed live (switched in the popup, or a task opened in another
// workspace); its session and route are read before the first render (issue 14).
startView(document.getElementById('app')!, readPanelStart, (db, start) => <SidePanelApp db={db} start={start} />);
