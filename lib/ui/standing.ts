/**
 * Standing tasks as the popup and the side panel show them (issue 9): one row per standing task
 * with its current occurrence, the current occurrence in "waiting for me" when it waits for this
 * side (treated like a task: its status, its day as the due date), and the standing-task view.
 */
import type { Occurrence, OccurrenceStatus, Role, Task, TaskStatus, TimeEntry } from '../model';
import { FINISHED } from '../model';
import { matchesQuery, waitsFor, type LastWord } from '../model/sections';
import type { StandingData } from '../store/standing';
import { standingRuleOf } from '../standing/rule';
import { deriveStanding, type HistoryEntry, type StandingState } from '../standing/derive';
import type { StandingPart, TaskRowModel } from './task-list';

/** One standing task in the popup's "Standing" section. */
export interface StandingRowModel {
  id: string;
  title: string;
  /** The current occurrence's day; null before the first sync or once the rule ended. */
  day: string | null;
  status: OccurrenceStatus | null;
  overdue: boolean;
  /** Occurrences are not derived yet (this device has not synced since it joined). */
  pending: boolean;
}

export interface StandingListModel {
  waiting: TaskRowModel[];
  standing: StandingRowModel[];
}

/** The task the current occurrence stands for in "waiting for me": its status and day, the task's other fields. */
function asTask(task: Task, state: StandingState): Task | null {
  const current = state.current;
  if (!current || !state.due || current.status === 'skipped') return null;
  return { ...task, status: current.status as TaskStatus, due: current.day, result: current.result };
}

/**
 * Splits the standing tasks: a due current occurrence waiting for `role` goes to "waiting for me",
 * every other standing task is listed once under "Standing". A standing task whose own status is
 * finished (stopped by the client) is left to the ordinary "Done" section.
 */
export function buildStandingList(
  data: StandingData,
  role: Role,
  today: string,
  words: ReadonlyMap<string, LastWord> = new Map(),
): StandingListModel {
  const model: StandingListModel = { waiting: [], standing: [] };
  for (const task of data.tasks) {
    if (task.deleted || FINISHED.includes(task.status)) continue;
    const title = task.title || task.source.title;
    if (!data.ready) {
      model.standing.push({ id: task.id, title, day: null, status: null, overdue: false, pending: true });
      continue;
    }
    const state = deriveStanding(task, data.occurrences, today);
    if (!state) continue;
    const stand = asTask(task, state);
    if (stand && waitsFor(stand, role, words.get(task.id))) {
      model.waiting.push({
        type: 'task',
        id: task.id,
        title,
        kind: task.kind,
        status: stand.status,
        domain: null,
        documentType: null,
        due: stand.due,
        priority: task.priority,
      });
      continue;
    }
    const current = state.current;
    model.standing.push({
      id: task.id,
      title,
      day: current?.day ?? null,
      status: current?.status ?? null,
      overdue: state.overdue,
      pending: false,
    });
  }
  model.standing.sort((a, b) => (a.day ?? '9999').localeCompare(b.day ?? '9999') || a.title.localeCompare(b.title));
  return model;
}

/**
 * The standing part of the task list (lib/ui/task-list.ts) for `role` on `today`. `data.tasks` may
 * be every task: only those with a rule this version evaluates are standing.
 */
export function standingPart(
  data: StandingData,
  role: Role,
  today: string,
  words: ReadonlyMap<string, LastWord> = new Map(),
): StandingPart {
  const tasks = data.tasks.filter((task) => standingRuleOf(task) !== null);
  const ids = new Set(tasks.map((task) => task.id));
  return {
    isListed: (task) => !FINISHED.includes(task.status) && ids.has(task.id),
    list: (query) => buildStandingList({ ...data, tasks: tasks.filter((task) => matchesQuery(task, query)) }, role, today, words),
  };
}

/** One past occurrence in the standing-task view, with the time logged on it. */
export interface HistoryRow extends HistoryEntry {
  minutes: number;
}

export interface StandingViewModel {
  state: StandingState;
  history: HistoryRow[];
  /** Minutes logged on the current occurrence. */
  currentMinutes: number;
}

/** The side panel's standing-task view: the derived state and the history with each occurrence's time. */
export function buildStandingView(
  task: Task,
  occurrences: readonly Occurrence[],
  entries: readonly TimeEntry[],
  today: string,
): StandingViewModel | null {
  const state = deriveStanding(task, occurrences, today);
  if (!state) return null;
  const minutes = new Map<string, number>();
  for (const entry of entries) {
    if (entry.deleted || !entry.occurrence) continue;
    minutes.set(entry.occurrence, (minutes.get(entry.occurrence) ?? 0) + entry.minutes);
  }
  return {
    state,
    history: state.history.map((h) => ({ ...h, minutes: minutes.get(h.id) ?? 0 })),
    currentMinutes: state.current ? (minutes.get(state.current.id) ?? 0) : 0,
  };
}
