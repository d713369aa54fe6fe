import { render } from 'preact';
import { i18n } from '#i18n';
import { ReportApp } from '../../components/report-app';
import { StartupFailure } from '../../components/startup-failure';
import { uiLocale } from '../../lib/browser/ui-locale';
import { openCurrentWorkspace } from '../../lib/store';
import '../../components/styles.css';
import '../../components/report-page.css';

document.documentElement.lang = uiLocale();
document.documentElement.dataset.view = 'report';
document.title = `${i18n.t('report.title')} – Zuarbeit`;
const root = document.getElementById('app')!;
// The report is of the workspace that was current when it opened (issue 13).
openCurrentWorkspace().then(
  ({ db }) => render(<ReportApp db={db} />, root),
  (error: unknown) => render(<StartupFailure error={error} />, root),
);
