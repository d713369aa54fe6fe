/**
 * Time entries beyond the task's log (issue 10): typed-in entries that keep the rate in force,
 * the workspace settings they read it from (the client's hourly rate with its history and the
 * monthly budget), and everything the report reads, in one call.
 */
import { settingSchema, taskSchema, WORKSPACE_SETTINGS_ID, type RateChange, type Setting, type Task, type TimeEntry } from '../model';
import * as z from 'zod/mini';
// Types only: the popup loads lib/store, and report code must stay out of its bundle.
import type { BudgetThreshold } from '../report/budget';
import { applyLocalChange } from './changes';
import { META } from './meta-keys';
import type { Db } from './db';
import { getKnownDevices, type KnownDevice } from './devices';
import { listRecords } from './records';
import { addTimeEntry } from './record-writes';
import { occurrenceOn } from './occurrence-time';

/** The workspace settings as the views read them: never missing, defaults filled in. */
export interface WorkspaceSettings {
  rateHistory: RateChange[];
  monthlyBudgetMinutes: number | null;
}

function settingsOf(record: Setting | undefined): WorkspaceSettings {
  const history = [...(record?.rateHistory ?? [])].sort((a, b) => a.from.localeCompare(b.from));
  return { rateHistory: history, monthlyBudgetMinutes: record?.monthlyBudgetMinutes ?? null };
}

/** The workspace's settings (defaults when none were set or the stored ones do not parse). */
export async function getWorkspaceSettings(db: Db): Promise<WorkspaceSettings> {
  const stored = await db.get('setting', WORKSPACE_SETTINGS_ID);
  const parsed = settingSchema.safeParse(stored?.data);
  return settingsOf(parsed.success && !parsed.data.deleted ? parsed.data : undefined);
}

/** The hourly rate (cents) in force at `at` (epoch milliseconds), or null when none was set by then. */
export function rateInForce(history: readonly RateChange[], at: number): number | null {
  let rate: number | null = null;
  for (const change of history) if (Date.parse(change.from) <= at) rate = change.cents;
  return rate;
}

/**
 * Sets the workspace's hourly rate from `now` on: the history grows by one change, so both sides
 * see when it changed, and entries already written keep the rate they were written with.
 */
export async function setHourlyRate(db: Db, cents: number, now = new Date()): Promise<void> {
  const { rateHistory } = await getWorkspaceSettings(db);
  if (rateHistory.at(-1)?.cents === cents) return;
  const next = [...rateHistory, { from: now.toISOString(), cents }];
  settingSchema.parse({ id: WORKSPACE_SETTINGS_ID, rateHistory: next });
  await applyLocalChange(db, [{ entity: 'setting', id: WORKSPACE_SETTINGS_ID, field: 'rateHistory', value: next }]);
}

/** Sets (or with null clears) the workspace's monthly time budget. */
export async function setMonthlyBudget(db: Db, minutes: number | null): Promise<void> {
  settingSchema.parse({ id: WORKSPACE_SETTINGS_ID, monthlyBudgetMinutes: minutes });
  await applyLocalChange(db, [{ entity: 'setting', id: WORKSPACE_SETTINGS_ID, field: 'monthlyBudgetMinutes', value: minutes }]);
}

/** Logs typed-in time on a task by this device, with the rate in force now. */
export async function logManualTime(
  db: Db,
  entry: Pick<TimeEntry, 'taskId' | 'minutes' | 'date' | 'note'> & { occurrence?: string | null },
  now = Date.now(),
): Promise<TimeEntry> {
  const { rateHistory } = await getWorkspaceSettings(db);
  // Time typed in for a standing task goes to the occurrence current on its day (budgets are per occurrence).
  const occurrence = entry.occurrence !== undefined ? entry.occurrence : await occurrenceOn(db, entry.taskId, entry.date);
  return addTimeEntry(db, { ...entry, occurrence, source: 'manual', rateCents: rateInForce(rateHistory, now) });
}

/** Sets (or with null clears) a task's time budget. */
export async function setTaskBudget(db: Db, taskId: string, minutes: number | null): Promise<void> {
  await applyLocalChange(db, [{ entity: 'task', id: taskId, field: 'budgetMinutes', value: minutes }]);
}

/** Everything the monthly report reads: all entries (budgets span months), tasks, devices, settings. */
export interface ReportData {
  entries: TimeEntry[];
  /** Deleted tasks too: their time still counts and keeps its title. */
  tasks: Task[];
  devices: KnownDevice[];
  settings: WorkspaceSettings;
}

/** Reads the report's records in one go. */
export async function loadReportData(db: Db): Promise<ReportData> {
  const [entries, tasks, devices, settings] = await Promise.all([
    listRecords(db, 'timeEntry'),
    listAllTasks(db),
    getKnownDevices(db),
    getWorkspaceSettings(db),
  ]);
  return { entries: entries.records, tasks, devices, settings };
}

async function listAllTasks(db: Db): Promise<Task[]> {
  const tasks: Task[] = [];
  for (const { data } of await db.getAll('task')) {
    const parsed = taskSchema.safeParse(data);
    if (parsed.success) tasks.push(parsed.data);
  }
  return tasks;
}

const budgetWarnedSchema = z.record(z.string(), z.array(z.enum(['warn-80', 'over-100'] satisfies BudgetThreshold[])));

/** The budget warnings this device has shown for `key` (a task id). */
export async function getBudgetWarned(db: Db, key: string): Promise<BudgetThreshold[]> {
  const parsed = budgetWarnedSchema.safeParse(await db.get('meta', META.budgetWarned));
  return parsed.success && Object.hasOwn(parsed.data, key) ? parsed.data[key] : [];
}

/** Remembers which budget warnings for `key` were shown (what budgetWarnings says to keep). */
export async function setBudgetWarned(db: Db, key: string, warned: BudgetThreshold[]): Promise<void> {
  const parsed = budgetWarnedSchema.safeParse(await db.get('meta', META.budgetWarned));
  const all = parsed.success ? parsed.data : {};
  Object.defineProperty(all, key, { value: warned, enumerable: true, configurable: true, writable: true });
  await db.put('meta', all, META.budgetWarned);
}
