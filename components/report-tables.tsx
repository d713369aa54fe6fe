import { i18n } from '#i18n';
import { formatDecimalHours, formatEuro, formatHoursMinutes } from '../lib/report/format';
import type { BudgetUse } from '../lib/report/budget';
import type { MonthlyReport, Totals } from '../lib/report/monthly-report';
import { formatDay } from '../lib/ui/format';
import { kindLabel } from '../lib/ui/labels';

interface ReportTablesProps {
  report: MonthlyReport;
  locale: string;
}

/** Exact time, billed time (rounded per entry, next to the exact) and the amount of a set of entries. */
function Figures({ totals, locale }: { totals: Totals; locale: string }) {
  return (
    <>
      <td class="num">{formatHoursMinutes(totals.minutes)}</td>
      <td class="num">{formatDecimalHours(totals.roundedMinutes, locale)}</td>
      <td class="num">{formatEuro(totals.amountCents, locale)}</td>
    </>
  );
}

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

function budgetText(budget: BudgetUse | null): string {
  return budget ? `${formatHoursMinutes(budget.usedMinutes)} / ${formatHoursMinutes(budget.budgetMinutes)} (${budget.percent} %)` : '';
}

/** The month's totals: overall, per task, per kind, standing vs one-off, and every entry. */
export function ReportTables({ report, locale }: ReportTablesProps) {
  const today = report.rows.at(-1)?.date ?? '';
  return (
    <div class="report-tables">
      <table class="report-total">
        <thead>
          <tr>
            <th scope="col">{i18n.t('report.total')}</th>
            <FigureHeads />
            <th scope="col">{i18n.t('report.monthlyBudget')}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">
              {i18n.t('report.entries')}: {report.total.entries}
            </th>
            <Figures totals={report.total} locale={locale} />
            <td>{budgetText(report.monthlyBudget)}</td>
          </tr>
        </tbody>
      </table>
      {report.unratedEntries > 0 && <p class="note">{i18n.t('report.unrated', [String(report.unratedEntries)])}</p>}

      <h2>{i18n.t('report.byTask')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{i18n.t('report.task')}</th>
            <FigureHeads />
            <th scope="col">{i18n.t('report.budget')}</th>
          </tr>
        </thead>
        <tbody>
          {report.tasks.map((task) => (
            <tr key={task.taskId}>
              <th scope="row">{task.title ?? i18n.t('report.unknownTask')}</th>
              <Figures totals={task} locale={locale} />
              <td class={task.budget ? `budget-${task.budget.state}` : undefined}>{budgetText(task.budget)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{i18n.t('report.byKind')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{i18n.t('field.kind')}</th>
            <FigureHeads />
          </tr>
        </thead>
        <tbody>
          {report.kinds
            .filter((kind) => kind.entries > 0)
            .map((kind) => (
              <tr key={kind.kind}>
                <th scope="row">{kindLabel(kind.kind)}</th>
                <Figures totals={kind} locale={locale} />
              </tr>
            ))}
        </tbody>
      </table>

      <h2>{i18n.t('report.byType')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col" />
            <FigureHeads />
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{i18n.t('report.standing')}</th>
            <Figures totals={report.standing} locale={locale} />
          </tr>
          <tr>
            <th scope="row">{i18n.t('report.oneOff')}</th>
            <Figures totals={report.oneOff} locale={locale} />
          </tr>
        </tbody>
      </table>

      <h2>{i18n.t('report.entries')}</h2>
      <table class="report-rows">
        <thead>
          <tr>
            <th scope="col">{i18n.t('report.day')}</th>
            <th scope="col">{i18n.t('report.task')}</th>
            <th scope="col">{i18n.t('report.assistant')}</th>
            <th scope="col">{i18n.t('report.note')}</th>
            <th scope="col" class="num">
              {i18n.t('report.exact')}
            </th>
            <th scope="col" class="num">
              {i18n.t('report.rounded')}
            </th>
            <th scope="col" class="num">
              {i18n.t('report.amount')}
            </th>
          </tr>
        </thead>
        <tbody>
          {report.rows.map((row) => (
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
    </div>
  );
}
