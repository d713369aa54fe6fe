/**
 * The monthly report (issue 10): totals per task, kind, standing vs one-off and ISO week,
 * budgets used, and the amount at the rate, computed from entries only. Both sides compute it
 * from the same synced entries, so it is a pure function with a fixed order of everything it
 * returns: the client's and the assistant's report of a month are deep-equal.
 */
import { TASK_KINDS, type TaskKind } from '../model';
import { budgetUse, type BudgetUse } from './budget';
import { weeksOfMonth } from './iso-week';

/** A time entry as the report reads it: the stored fields, plus what timer entries carry. */
export interface ReportEntry {
  id: string;
  taskId: string;
  minutes: number;
  /** Calendar day `YYYY-MM-DD`: the day the work counts for. */
  date: string;
  note: string;
  authorDevice: string;
  start?: string | null;
  end?: string | null;
  occurrence?: string | null;
  source?: 'timer' | 'manual';
  /** The hourly rate (cents) in force when the entry was recorded; wins over `rateHistory`. */
  rateCents?: number | null;
  deleted?: boolean;
}

/** What the report needs of a task. */
export interface ReportTask {
  id: string;
  title: string;
  kind: TaskKind;
  /** A standing (recurring) task rather than a one-off. */
  standing: boolean;
}

/** The workspace's hourly rate in cents from the instant `from` (ISO 8601) on. */
export interface RateChange {
  from: string;
  cents: number;
}

/** Per-entry rounding for billing: none (step 0), or up / to the nearest 6 or 15 minutes. */
export interface Rounding {
  step: 0 | 6 | 15;
  mode: 'up' | 'nearest';
}

/** Time budgets in minutes: per task (per occurrence for standing tasks) and for the month. */
export interface ReportBudgets {
  perTask: Readonly<Record<string, number>>;
  monthly?: number | null;
}

export interface MonthlyReportInput {
  /** `YYYY-MM`. */
  month: string;
  /** All entries of the workspace: the report picks the month's, budgets count every month's. */
  entries: readonly ReportEntry[];
  tasks: readonly ReportTask[];
  /** Device id → name, for the assistant column. */
  devices: Readonly<Record<string, string>>;
  rateHistory: readonly RateChange[];
  rounding: Rounding;
  budgets: ReportBudgets;
}

/** Sums of a set of entries. */
export interface Totals {
  /** Exact minutes, as logged. */
  minutes: number;
  /** Minutes after per-entry rounding: what is billed. */
  roundedMinutes: number;
  /** The sum of the amounts of the entries that have a rate. */
  amountCents: number;
  entries: number;
}

/** One entry of the month, resolved for showing and exporting. */
export interface ReportRow {
  entryId: string;
  date: string;
  start: string | null;
  end: string | null;
  taskId: string;
  /** Null when the task is not known (deleted or not yet synced): its time still counts. */
  taskTitle: string | null;
  kind: TaskKind;
  standing: boolean;
  occurrence: string | null;
  authorDevice: string;
  /** The author device's name, or null when the device is not known. */
  assistant: string | null;
  note: string;
  source: 'timer' | 'manual';
  minutes: number;
  roundedMinutes: number;
  rateCents: number | null;
  amountCents: number | null;
  /** The budget that applies to this entry (the task's, or its occurrence's), in minutes. */
  budgetMinutes: number | null;
}

/** A standing task's occurrence within the month. */
export interface OccurrenceTotal extends Totals {
  occurrence: string | null;
  /** Against every entry of the occurrence, also those logged in another month. */
  budget: BudgetUse | null;
}

export interface TaskTotal extends Totals {
  taskId: string;
  title: string | null;
  kind: TaskKind;
  standing: boolean;
  /** A one-off task's budget, used by every entry of the task in any month. */
  budget: BudgetUse | null;
  /** A standing task's occurrences in the month, in day order (empty for one-off tasks). */
  occurrences: OccurrenceTotal[];
}

export interface KindTotal extends Totals {
  kind: TaskKind;
}

/** Exact minutes per kind in one ISO week: the chart's stacked bar. */
export interface WeekTotal {
  /** `YYYY-Www`. */
  week: string;
  /** The week's Monday, `YYYY-MM-DD`. */
  monday: string;
  minutes: Record<TaskKind, number>;
  total: number;
}

export interface MonthlyReport {
  month: string;
  /** No entries this month: the page says so instead of showing zeros. */
  empty: boolean;
  rounding: Rounding;
  /** Ordered by date, start, task id, entry id. */
  rows: ReportRow[];
  /** Ordered by exact minutes (most first), then task id. */
  tasks: TaskTotal[];
  /** Every kind, in the model's order. */
  kinds: KindTotal[];
  standing: Totals;
  oneOff: Totals;
  /** Every ISO week with a day in the month, in order. */
  weeks: WeekTotal[];
  total: Totals;
  monthlyBudget: BudgetUse | null;
  /** Entries without a rate (none set at their time): their amount is missing from the sums. */
  unratedEntries: number;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Minutes as billed under `rounding`; the exact minutes are always kept next to them. */
export function roundMinutes(minutes: number, rounding: Rounding): number {
  if (rounding.step === 0) return minutes;
  const steps = minutes / rounding.step;
  return (rounding.mode === 'up' ? Math.ceil(steps) : Math.round(steps)) * rounding.step;
}

/** The amount in cents for `minutes` at an hourly rate, to the nearest cent. */
export function amountFor(minutes: number, rateCents: number): number {
  return Math.round((minutes * rateCents) / 60);
}

// Code-unit order, not localeCompare: both sides must sort alike whatever their UI language.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface RateAt {
  at: number;
  day: string;
  cents: number;
}

function rateTable(history: readonly RateChange[]): RateAt[] {
  const table: RateAt[] = [];
  for (const change of history) {
    const at = Date.parse(change.from);
    if (Number.isNaN(at) || !Number.isFinite(change.cents) || change.cents < 0) continue;
    table.push({ at, day: new Date(at).toISOString().slice(0, 10), cents: change.cents });
  }
  return table.sort((a, b) => a.at - b.at || a.cents - b.cents);
}

/**
 * The rate in force for an entry: its own when it carries one (a later change does not rewrite
 * the past), else the last change at or before its start; an entry without a start (typed in
 * by hand) takes the last change made on or before its day (UTC), the same on every device.
 */
function rateOf(entry: ReportEntry, table: readonly RateAt[]): number | null {
  if (typeof entry.rateCents === 'number') return entry.rateCents;
  const start = entry.start ? Date.parse(entry.start) : NaN;
  let rate: number | null = null;
  for (const change of table) {
    if (Number.isNaN(start) ? change.day <= entry.date : change.at <= start) rate = change.cents;
    else break;
  }
  return rate;
}

function emptyTotals(): Totals {
  return { minutes: 0, roundedMinutes: 0, amountCents: 0, entries: 0 };
}

function add(totals: Totals, row: ReportRow): void {
  totals.minutes += row.minutes;
  totals.roundedMinutes += row.roundedMinutes;
  totals.amountCents += row.amountCents ?? 0;
  totals.entries += 1;
}

function kindMinutes(): Record<TaskKind, number> {
  return Object.fromEntries(TASK_KINDS.map((kind) => [kind, 0])) as Record<TaskKind, number>;
}

function rowOrder(a: ReportRow, b: ReportRow): number {
  return compare(a.date, b.date) || compare(a.start ?? '', b.start ?? '') || compare(a.taskId, b.taskId) || compare(a.entryId, b.entryId);
}

const occurrenceKey = (taskId: string, occurrence: string | null) => `${taskId}\u0000${occurrence ?? ''}`;

/** The report of one month from plain records; throws a RangeError for a malformed month. */
export function monthlyReport(input: MonthlyReportInput): MonthlyReport {
  const { month, rounding, budgets } = input;
  if (!MONTH.test(month)) throw new RangeError(`Not a month (YYYY-MM): ${month}`);
  const tasks = new Map(input.tasks.map((task) => [task.id, task]));
  const rates = rateTable(input.rateHistory);
  const live = input.entries.filter((entry) => !entry.deleted);

  // Budgets span months: count every entry of a task (or occurrence), not only this month's.
  const usedByTask = new Map<string, number>();
  const usedByOccurrence = new Map<string, number>();
  for (const entry of live) {
    usedByTask.set(entry.taskId, (usedByTask.get(entry.taskId) ?? 0) + entry.minutes);
    const key = occurrenceKey(entry.taskId, entry.occurrence ?? null);
    usedByOccurrence.set(key, (usedByOccurrence.get(key) ?? 0) + entry.minutes);
  }

  const rows: ReportRow[] = live
    .filter((entry) => entry.date.slice(0, 7) === month)
    .map((entry) => {
      const task = tasks.get(entry.taskId);
      const standing = task?.standing ?? false;
      const occurrence = entry.occurrence ?? null;
      const rateCents = rateOf(entry, rates);
      const roundedMinutes = roundMinutes(entry.minutes, rounding);
      const taskBudget = budgets.perTask[entry.taskId] ?? null;
      return {
        entryId: entry.id,
        date: entry.date,
        start: entry.start ?? null,
        end: entry.end ?? null,
        taskId: entry.taskId,
        taskTitle: task?.title ?? null,
        kind: task?.kind ?? 'other',
        standing,
        occurrence,
        authorDevice: entry.authorDevice,
        assistant: Object.hasOwn(input.devices, entry.authorDevice) ? input.devices[entry.authorDevice] : null,
        note: entry.note,
        source: entry.source ?? (entry.start ? 'timer' : 'manual'),
        minutes: entry.minutes,
        roundedMinutes,
        rateCents,
        amountCents: rateCents === null ? null : amountFor(roundedMinutes, rateCents),
        // A standing task's budget is per occurrence; time not tied to one has none.
        budgetMinutes: standing && occurrence === null ? null : taskBudget,
      };
    })
    .sort(rowOrder);

  const total = emptyTotals();
  const standingTotals = emptyTotals();
  const oneOff = emptyTotals();
  const byKind = new Map<TaskKind, KindTotal>(TASK_KINDS.map((kind) => [kind, { kind, ...emptyTotals() }]));
  const weeks: WeekTotal[] = weeksOfMonth(month).map(({ week, monday }) => ({ week, monday, minutes: kindMinutes(), total: 0 }));
  const byTask = new Map<string, TaskTotal>();
  const byOccurrence = new Map<string, OccurrenceTotal>();
  for (const row of rows) {
    add(total, row);
    add(row.standing ? standingTotals : oneOff, row);
    add(byKind.get(row.kind)!, row);
    // Weeks are in order and start on Mondays, so the last one starting on or before the day holds it.
    const week = weeks.findLast((w) => w.monday <= row.date)!;
    week.minutes[row.kind] += row.minutes;
    week.total += row.minutes;
    let task = byTask.get(row.taskId);
    if (!task) {
      task = {
        taskId: row.taskId,
        title: row.taskTitle,
        kind: row.kind,
        standing: row.standing,
        ...emptyTotals(),
        budget: row.standing ? null : budgetUse(usedByTask.get(row.taskId) ?? 0, budgets.perTask[row.taskId]),
        occurrences: [],
      };
      byTask.set(row.taskId, task);
    }
    add(task, row);
    if (row.standing) {
      const key = occurrenceKey(row.taskId, row.occurrence);
      let occurrence = byOccurrence.get(key);
      if (!occurrence) {
        occurrence = {
          occurrence: row.occurrence,
          ...emptyTotals(),
          budget: row.occurrence === null ? null : budgetUse(usedByOccurrence.get(key) ?? 0, budgets.perTask[row.taskId]),
        };
        byOccurrence.set(key, occurrence);
        task.occurrences.push(occurrence);
      }
      add(occurrence, row);
    }
  }
  const taskTotals = [...byTask.values()].sort((a, b) => b.minutes - a.minutes || compare(a.taskId, b.taskId));
  for (const task of taskTotals) task.occurrences.sort((a, b) => compare(a.occurrence ?? '', b.occurrence ?? ''));

  return {
    month,
    empty: rows.length === 0,
    rounding: { step: rounding.step, mode: rounding.mode },
    rows,
    tasks: taskTotals,
    kinds: [...byKind.values()],
    standing: standingTotals,
    oneOff,
    weeks,
    total,
    monthlyBudget: budgetUse(total.minutes, budgets.monthly),
    unratedEntries: rows.filter((row) => row.rateCents === null).length,
  };
}
