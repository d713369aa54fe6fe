import { render } from 'preact';
import { PopupApp } from '../../components/popup-app';
import { StartupFailure } from '../../components/startup-failure';
import { uiLocale } from '../../lib/browser/ui-locale';
import { getDb } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'popup', uiLocale());
const root = document.getElementById('app')!;
getDb().then(
  (db) => render(<PopupApp db={db} />, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
