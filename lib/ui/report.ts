/**
 * The monthly report page's view model: from the stored records to the report's input, the
 * rounding choices, the month's name, the chart's words and the CSV file to download.
 */
import { i18n } from '#i18n';
import { TASK_KINDS, type TaskKind } from '../model';
import type { BudgetUse } from '../report/budget';
import { weeklyChartSvg, type ChartText } from '../report/chart';
import { toCsv, type CsvDialect } from '../report/csv';
import { monthlyReport, type MonthlyReport, type Rounding, type Totals } from '../report/monthly-report';
import type { Zone } from '../timer/local-time';
import type { ReportData } from '../store/time-entries';
import { kindLabel } from './labels';

/** The rounding choices, in the order the picker offers them. */
export const ROUNDINGS = [
  { key: 'none', rounding: { step: 0, mode: 'up' }, label: 'report.round0' },
  { key: '6-up', rounding: { step: 6, mode: 'up' }, label: 'report.round6up' },
  { key: '6-nearest', rounding: { step: 6, mode: 'nearest' }, label: 'report.round6nearest' },
  { key: '15-up', rounding: { step: 15, mode: 'up' }, label: 'report.round15up' },
  { key: '15-nearest', rounding: { step: 15, mode: 'nearest' }, label: 'report.round15nearest' },
] as const satisfies readonly { key: string; rounding: Rounding; label: string }[];
export type RoundingKey = (typeof ROUNDINGS)[number]['key'];

/** The rounding a picker key stands for (none for an unknown key). */
export function roundingOf(key: string): Rounding {
  return (ROUNDINGS.find((choice) => choice.key === key) ?? ROUNDINGS[0]).rounding;
}

/**
 * The month's report from what the store holds. Both sides hold the same synced records, so
 * both get the same report; device names come from the endpoint's list, the same on both.
 */
export function buildReport(data: ReportData, month: string, rounding: Rounding): MonthlyReport {
  const perTask: Record<string, number> = {};
  for (const task of data.tasks) if (typeof task.budgetMinutes === 'number') perTask[task.id] = task.budgetMinutes;
  const devices: Record<string, string> = {};
  for (const device of data.devices) if (device.name) devices[device.id] = device.name;
  return monthlyReport({
    month,
    entries: data.entries,
    tasks: data.tasks.map((task) => ({ id: task.id, title: task.title, kind: task.kind, standing: task.recurrence !== null })),
    devices,
    rateHistory: data.settings.rateHistory,
    rounding,
    budgets: { perTask, monthly: data.settings.monthlyBudgetMinutes },
  });
}

/** The month `YYYY-MM` that holds `now` on this device's wall clock. */
export function monthOf(now: Date): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
}

/** "März 2026" / "March 2026". */
export function monthName(month: string, locale: string): string {
  const [year, m] = month.split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(year, m - 1, 1));
}

/** The chart's words in the UI language. */
export function chartText(): ChartText {
  return {
    title: i18n.t('report.chartTitle'),
    desc: i18n.t('report.chartDesc'),
    kindLabels: Object.fromEntries(TASK_KINDS.map((kind) => [kind, kindLabel(kind)])) as ChartText['kindLabels'],
    weekLabel: (week) => i18n.t('report.week', [String(Number(week.slice(-2)))]),
  };
}

/** The chart's SVG markup (escaped by lib/report/chart). */
export function reportChart(report: MonthlyReport): string {
  return weeklyChartSvg(report.weeks, chartText());
}

/** A CSV file of the month to download. */
export interface CsvFile {
  name: string;
  blob: Blob;
}

/** The month's CSV in a dialect, as a file: `zuarbeit-2026-03.csv` / `zuarbeit-2026-03-excel.csv`. */
export function csvFile(report: MonthlyReport, dialect: CsvDialect, zone?: Zone): CsvFile {
  const text = toCsv(report, dialect, zone ? { zone } : {});
  // excel-de starts with a BOM in the text itself; the Blob keeps it as UTF-8 bytes.
  return {
    name: `zuarbeit-${report.month}${dialect === 'excel-de' ? '-excel' : ''}.csv`,
    blob: new Blob([text], { type: 'text/csv;charset=utf-8' }),
  };
}

/** How many entry rows the report shows at first and adds per "show more". */
export const REPORT_ROW_PAGE = 200;

/** How many of `total` rows to show when `wanted` are asked for, and how many stay hidden. */
export function shownRows(total: number, wanted: number): { shown: number; remaining: number } {
  const shown = Math.max(0, Math.min(total, Math.floor(wanted)));
  return { shown, remaining: total - shown };
}

/** The words the report's totals tables are written with. */
export interface TotalsWords {
  entries: string;
  unknownTask: string;
  standing: string;
  oneOff: string;
  kind: (kind: TaskKind) => string;
  /** An occurrence's row head; null: time on the standing task not tied to an occurrence. */
  occurrence: (day: string | null) => string;
}

/** The day of an occurrence id (`<taskId>:<YYYY-MM-DD>`, or the bare day); null when there is none. */
export function occurrenceDay(occurrence: string | null): string | null {
  return occurrence?.match(/(\d{4}-\d{2}-\d{2})$/)?.[1] ?? null;
}

/** A totals table's row: head, figures and, where the table has one, the budget used. */
export interface TotalsRowModel {
  key: string;
  head: string;
  totals: Totals;
  budget?: BudgetUse | null;
  nested?: boolean;
}

/**
 * The rows of the report's totals tables: the month overall (against the monthly budget), each
 * task (a one-off task against its budget; a standing task's occurrences under it, each against
 * the per-occurrence budget), each kind with time, standing against one-off.
 */
export function reportTotalRows(
  report: MonthlyReport,
  words: TotalsWords,
): { total: TotalsRowModel[]; tasks: TotalsRowModel[]; kinds: TotalsRowModel[]; types: TotalsRowModel[] } {
  const tasks: TotalsRowModel[] = [];
  for (const task of report.tasks) {
    tasks.push({ key: task.taskId, head: task.title ?? words.unknownTask, totals: task, budget: task.budget });
    for (const occurrence of task.occurrences) {
      tasks.push({
        key: `${task.taskId}\u0000${occurrence.occurrence ?? ''}`,
        head: words.occurrence(occurrenceDay(occurrence.occurrence)),
        totals: occurrence,
        budget: occurrence.budget,
        nested: true,
      });
    }
  }
  return {
    total: [{ key: 'total', head: `${words.entries}: ${report.total.entries}`, totals: report.total, budget: report.monthlyBudget }],
    tasks,
    kinds: report.kinds.filter((kind) => kind.entries > 0).map((kind) => ({ key: kind.kind, head: words.kind(kind.kind), totals: kind })),
    types: [
      { key: 'standing', head: words.standing, totals: report.standing },
      { key: 'one-off', head: words.oneOff, totals: report.oneOff },
    ],
  };
}
