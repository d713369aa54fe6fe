import { i18n } from '#i18n';
import { useLayoutEffect, useState } from 'preact/hooks';
import { formatDecimalHours, formatEuro, formatHoursMinutes } from '../lib/report/format';
import type { BudgetUse } from '../lib/report/budget';
import type { MonthlyReport } from '../lib/report/monthly-report';
import { formatDay } from '../lib/ui/format';
import { kindLabel } from '../lib/ui/labels';
import { REPORT_ROW_PAGE, reportTotalRows, shownRows, type TotalsRowModel } from '../lib/ui/report';

interface ReportTablesProps {
  report: MonthlyReport;
  locale: string;
  /** Every entry row, not a page of them (for printing). */
  allRows?: boolean;
}

function budgetText(budget: BudgetUse | null): string {
  return budget ? `${formatHoursMinutes(budget.usedMinutes)} / ${formatHoursMinutes(budget.budgetMinutes)} (${budget.percent} %)` : '';
}

/** The heads of the three figure columns: exact time, billed time, amount. */
function FigureHeads() {
  return (
    <>
      <th scope="col" class="num">
        {i18n.t('report.exact')}
      </th>
      <th scope="col" class="num">
        {i18n.t('report.rounded')}
      </th>
      <th scope="col" class="num">
        {i18n.t('report.amount')}
      </th>
    </>
  );
}

/** A table of totals: exact time, billed time (rounded per entry, next to the exact) and amount; optionally a budget column. */
function TotalsTable({ head, rows, budgetHead, locale }: { head: string; rows: TotalsRowModel[]; budgetHead?: string; locale: string }) {
  return (
    <table>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <FigureHeads />
          {budgetHead !== undefined && <th scope="col">{budgetHead}</th>}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} class={row.nested ? 'report-nested' : undefined}>
            <th scope="row">{row.head}</th>
            <td class="num">{formatHoursMinutes(row.totals.minutes)}</td>
            <td class="num">{formatDecimalHours(row.totals.roundedMinutes, locale)}</td>
            <td class="num">{formatEuro(row.totals.amountCents, locale)}</td>
            {budgetHead !== undefined && (
              <td class={row.budget ? `budget-${row.budget.state}` : undefined}>{budgetText(row.budget ?? null)}</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The month's totals: overall, per task (a standing task's occurrences under it), per kind, standing vs one-off, and every entry. */
export function ReportTables({ report, locale, allRows = false }: ReportTablesProps) {
  const today = report.rows.at(-1)?.date ?? '';
  const rows = reportTotalRows(report, {
    entries: i18n.t('report.entries'),
    unknownTask: i18n.t('report.unknownTask'),
    standing: i18n.t('report.standing'),
    oneOff: i18n.t('report.oneOff'),
    kind: kindLabel,
    occurrence: (day) => (day === null ? i18n.t('report.noOccurrence') : i18n.t('report.occurrence', [formatDay(day, locale, today)])),
  });
  return (
    <div class="report-tables">
      <TotalsTable head={i18n.t('report.total')} rows={rows.total} budgetHead={i18n.t('report.monthlyBudget')} locale={locale} />
      {report.unratedEntries > 0 && <p class="note">{i18n.t('report.unrated', [String(report.unratedEntries)])}</p>}
      <h2>{i18n.t('report.byTask')}</h2>
      <TotalsTable head={i18n.t('report.task')} rows={rows.tasks} budgetHead={i18n.t('report.budget')} locale={locale} />
      <h2>{i18n.t('report.byKind')}</h2>
      <TotalsTable head={i18n.t('field.kind')} rows={rows.kinds} locale={locale} />
      <h2>{i18n.t('report.byType')}</h2>
      <TotalsTable head="" rows={rows.types} locale={locale} />
      <h2>{i18n.t('report.entries')}</h2>
      <EntriesTable report={report} locale={locale} today={today} allRows={allRows} />
    </div>
  );
}

/**
 * Every entry of the month, a page at a time: 5,000 rows take the browser about a second to lay
 * out, the first page a few milliseconds. Printing shows them all (the invoice needs every row).
 */
function EntriesTable({ report, locale, today, allRows }: ReportTablesProps & { today: string }) {
  const [wanted, setWanted] = useState(REPORT_ROW_PAGE);
  const [printing, setPrinting] = useState(false);
  // A layout effect: listening from the first paint on, so an early Ctrl+P prints every row too.
  useLayoutEffect(() => {
    const before = () => setPrinting(true);
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const page = shownRows(report.rows.length, printing || allRows ? Infinity : wanted);
  return (
    <>
      <table class="report-rows">
        <thead>
          <tr>
            <th scope="col">{i18n.t('report.day')}</th>
            <th scope="col">{i18n.t('report.task')}</th>
            <th scope="col">{i18n.t('report.assistant')}</th>
            <th scope="col">{i18n.t('report.note')}</th>
            <FigureHeads />
          </tr>
        </thead>
        <tbody>
          {report.rows.slice(0, page.shown).map((row) => (
            <tr key={row.entryId}>
              <td>{formatDay(row.date, locale, today)}</td>
              <td>{row.taskTitle ?? i18n.t('report.unknownTask')}</td>
              <td>{row.assistant ?? ''}</td>
              <td>{row.note}</td>
              <td class="num">{formatHoursMinutes(row.minutes)}</td>
              <td class="num">{formatDecimalHours(row.roundedMinutes, locale)}</td>
              <td class="num">{row.amountCents === null ? '' : formatEuro(row.amountCents, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {page.remaining > 0 && (
        <p class="report-more no-print">
          <span role="status">{i18n.t('report.shownOf', [String(page.shown), String(report.rows.length)])}</span>{' '}
          <button type="button" onClick={() => setWanted(page.shown + REPORT_ROW_PAGE)}>
            {i18n.t('report.showMore', [String(Math.min(REPORT_ROW_PAGE, page.remaining))])}
          </button>{' '}
          <button type="button" onClick={() => setWanted(Infinity)}>
            {i18n.t('report.showAll')}
          </button>
        </p>
      )}
    </>
  );
}
