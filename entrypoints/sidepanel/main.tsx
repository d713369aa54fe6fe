import { render } from 'preact';
import { SidePanelApp } from '../../components/side-panel-app';
import { StartupFailure } from '../../components/startup-failure';
import { uiLocale } from '../../lib/browser/ui-locale';
import { getDb } from '../../lib/store';
import { prepareDocument } from '../../lib/ui/document';
import '../../components/styles.css';

prepareDocument(document, 'panel', uiLocale());
const root = document.getElementById('app')!;
getDb().then(
  (db) => render(<SidePanelApp db={db} />, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
