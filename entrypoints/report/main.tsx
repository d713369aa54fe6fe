import { render } from 'preact';
import { i18n } from '#i18n';
import { ReportApp } from '../../components/report-app';
import { StartupFailure } from '../../components/startup-failure';
import { uiLocale } from '../../lib/browser/ui-locale';
import { getDb } from '../../lib/store';
import '../../components/styles.css';
import '../../components/report-page.css';

document.documentElement.lang = uiLocale();
document.documentElement.dataset.view = 'report';
document.title = `${i18n.t('report.title')} – Zuarbeit`;
const root = document.getElementById('app')!;
getDb().then(
  (db) => render(<ReportApp db={db} />, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
