import { PopupApp } from '../../components/popup-app';
import { startView } from '../../components/start-view';
import { readFirstScreen } from '../../components/task-list-view';
import { uiLocale } from '../../lib/browser/ui-locale';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'popup', uiLocale());
// The current workspace, followed live (the switcher, or a task opened in another workspace); its
// session and first rows are read before the first render, which then shows rows (issue 14).
startView(document.getElementById('app')!, readFirstScreen, (db, first) => <PopupApp db={db} first={first} />);
