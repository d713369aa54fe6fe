import { i18n } from '#i18n';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { CsvDialect } from '../lib/report/csv';
import type { MonthlyReport } from '../lib/report/monthly-report';
import { affectsReport, loadReportData } from '../lib/store';
import { uiLocale } from '../lib/browser/ui-locale';
import { errorMessage } from '../lib/ui/labels';
import { buildReport, csvFile, monthName, monthOf, reportChart, roundingOf, ROUNDINGS, type RoundingKey } from '../lib/ui/report';
import { BudgetSettings } from './budget-settings';
import { ErrorAlert } from './error-alert';
import { ReportTables } from './report-tables';
import { useSession } from './session-context';
import { useStoreQuery } from './use-store-query';

/** The month picker, the totals, the chart, the exports and the print view of one month. */
export function ReportView({ now }: { now: () => Date }) {
  const { data, error } = useStoreQuery(loadReportData, affectsReport);
  const { data: session } = useSession();
  const [month, setMonth] = useState(() => monthOf(now()));
  const [roundingKey, setRoundingKey] = useState<RoundingKey>('none');
  // Print asked for here: every entry row is rendered first, then the browser's print dialog opens
  // (a state change made in `beforeprint` would render only after the dialog closed).
  const [printAsked, setPrintAsked] = useState(false);
  useEffect(() => {
    if (!printAsked) return;
    window.print();
    setPrintAsked(false);
  }, [printAsked]);
  const locale = uiLocale();
  const report = useMemo(() => (data ? buildReport(data, month, roundingOf(roundingKey)) : undefined), [data, month, roundingKey]);
  const clients = session?.devices.filter((d) => d.role === 'client' && d.name).map((d) => d.name) ?? [];
  const assistants = session?.devices.filter((d) => d.role === 'assistant' && d.name).map((d) => d.name) ?? [];

  return (
    <div class="report">
      <header class="report-header">
        <h1>
          {i18n.t('report.title')} · {monthName(month, locale)}
        </h1>
        {clients.length > 0 && <p class="print-only">{i18n.t('report.workspace', [clients.join(', ')])}</p>}
        {assistants.length > 0 && <p class="print-only">{i18n.t('report.assistants', [assistants.join(', ')])}</p>}
        <div class="report-controls no-print">
          <label>
            {i18n.t('report.month')}
            <input
              type="month"
              value={month}
              required
              onInput={(event) => /^\d{4}-\d{2}$/.test(event.currentTarget.value) && setMonth(event.currentTarget.value)}
            />
          </label>
          <label>
            {i18n.t('report.rounding')}
            <select value={roundingKey} onChange={(event) => setRoundingKey(event.currentTarget.value as RoundingKey)}>
              {ROUNDINGS.map((choice) => (
                <option key={choice.key} value={choice.key}>
                  {i18n.t(choice.label)}
                </option>
              ))}
            </select>
          </label>
          {report && !report.empty && <ReportExports report={report} />}
          <button type="button" onClick={() => setPrintAsked(true)}>
            {i18n.t('report.print')}
          </button>
        </div>
      </header>
      <ErrorAlert message={error ? errorMessage('load', error) : null} />
      {!report && !error && <p class="hint">{i18n.t('panel.loading')}</p>}
      {report?.empty && (
        <p class="empty" role="status">
          {i18n.t('report.empty', [monthName(month, locale)])}
        </p>
      )}
      {report && !report.empty && (
        <>
          <ReportTables report={report} locale={locale} allRows={printAsked} />
          {/* Built by lib/report/chart, which escapes every text it writes. */}
          {/* Scrolls sideways on narrow windows: focusable so the keyboard can scroll it (issue 15, axe). */}
          <figure
            class="report-chart"
            tabIndex={0}
            aria-label={i18n.t('report.chartTitle')}
            dangerouslySetInnerHTML={{ __html: reportChart(report) }}
          />
        </>
      )}
      {data && session && <BudgetSettings settings={data.settings} editable={session.role === 'client'} locale={locale} />}
    </div>
  );
}

const DIALECTS: { dialect: CsvDialect; label: 'report.csvStandard' | 'report.csvExcel' }[] = [
  { dialect: 'standard', label: 'report.csvStandard' },
  { dialect: 'excel-de', label: 'report.csvExcel' },
];

/** Download links for the month's CSV; the file is made when the link is clicked. */
function ReportExports({ report }: { report: MonthlyReport }) {
  const download = (dialect: CsvDialect) => {
    const file = csvFile(report, dialect);
    const url = URL.createObjectURL(file.blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = file.name;
    link.click();
    // The download has its own copy once started; the URL is not needed after this task.
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <>
      {DIALECTS.map(({ dialect, label }) => (
        <button key={dialect} type="button" onClick={() => download(dialect)}>
          {i18n.t(label)}
        </button>
      ))}
    </>
  );
}
