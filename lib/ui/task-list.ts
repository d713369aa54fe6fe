/**
 * The task list's view-model: drafts and tasks grouped into sections, reduced to what a row shows.
 */
import {
  FINISHED,
  taskFromDraft,
  type DocumentType,
  type Priority,
  type Role,
  type Task,
  type TaskDraft,
  type TaskKind,
  type TaskStatus,
} from '../model';
import { groupTasks, keyMatches, queryWords, rowFields, searchKey, type LastWord } from '../model/sections';
import type { TaskListHead, ValidTaskRow } from '../store';
import type { StandingListModel, StandingRowModel } from './standing';

/** One row of the list: a delegated task, or a draft not yet delegated. */
export interface TaskRowModel {
  type: 'task' | 'draft';
  id: string;
  title: string;
  kind: TaskKind;
  /** Null for drafts (they have no status until delegated). */
  status: TaskStatus | null;
  domain: string | null;
  documentType: DocumentType | null;
  due: string | null;
  /** Shown on the row only when it is not the usual one. */
  priority: Priority;
}

export interface TaskListModel {
  waiting: TaskRowModel[];
  open: TaskRowModel[];
  done: TaskRowModel[];
  /** Each standing task once, with its current occurrence (issue 9); those waiting for me are in `waiting`. */
  standing: StandingRowModel[];
  /** Rows before filtering by the query: zero means nothing was delegated yet. */
  total: number;
  /**
   * The sections' sizes when the model holds only their first rows (the first paint, read from the
   * store's task list index, issue 14); absent when every row is there.
   */
  counts?: { waiting: number; open: number; done: number };
}

function taskRow(task: Task): TaskRowModel {
  return { type: 'task', ...rowFields(task) };
}

function draftRow(task: Task): TaskRowModel {
  return { ...taskRow(task), type: 'draft', status: null };
}

/**
 * The standing tasks' part of the list (lib/ui/standing.ts, `standingPart`): loaded after the first
 * paint, because deriving occurrences needs the recurrence engine, which the first rows do not.
 */
export interface StandingPart {
  /** Whether a task is left to the standing list (so the ordinary sections skip it). */
  isListed(task: Task): boolean;
  /** The standing rows and the due occurrences waiting, of the standing tasks matching `query`. */
  list(query: string): StandingListModel;
}

/**
 * Until the standing part is loaded: tasks with a rule that are not finished are kept out of the
 * one-off sections (they would jump to "Standing" a moment later), and nothing is derived yet.
 */
export const STANDING_NOT_LOADED: StandingPart = {
  isListed: (task) => task.recurrence !== null && !FINISHED.includes(task.status),
  list: () => ({ waiting: [], standing: [] }),
};

/** A row with what a search looks in, normalised once (lib/model/sections.ts, searchKey). */
interface KeyedRow {
  row: TaskRowModel;
  key: string;
}

/**
 * The list grouped and sorted once per change of the data (issue 14): a keystroke in the search
 * then only filters these rows by their precomputed keys (filterTaskList), without grouping,
 * sorting or building rows again.
 */
export interface PreparedTaskList {
  waiting: KeyedRow[];
  /** Drafts first, then the open tasks. */
  open: KeyedRow[];
  done: KeyedRow[];
  standing: StandingPart | null;
  total: number;
}

const keyed = (row: TaskRowModel, source: Task): KeyedRow => ({ row, key: searchKey(source) });

/** Groups `tasks` for `role` with the drafts first in "Open"; `standing` null lists every task as a one-off. */
export function prepareTaskList(
  tasks: Task[],
  drafts: TaskDraft[],
  role: Role,
  words: ReadonlyMap<string, LastWord> = new Map(),
  standing: StandingPart | null = null,
): PreparedTaskList {
  const oneOff = standing ? tasks.filter((task) => !standing.isListed(task)) : tasks;
  const sections = groupTasks(oneOff, role, '', words);
  return {
    waiting: sections.waiting.map((task) => keyed(taskRow(task), task)),
    open: [
      ...drafts.map((draft) => {
        const task = taskFromDraft(draft);
        return keyed(draftRow(task), task);
      }),
      ...sections.open.map((task) => keyed(taskRow(task), task)),
    ],
    done: sections.done.map((task) => keyed(taskRow(task), task)),
    standing,
    total: tasks.filter((task) => !task.deleted).length + drafts.length,
  };
}

/** The rows of a prepared list matching every word of `query` (title, instructions, source), in order. */
export function filterTaskList(prepared: PreparedTaskList, query: string): TaskListModel {
  const words = queryWords(query);
  const pick = (rows: KeyedRow[]) =>
    words.length === 0 ? rows.map((r) => r.row) : rows.filter((r) => keyMatches(r.key, words)).map((r) => r.row);
  const standingList = prepared.standing ? prepared.standing.list(query) : { waiting: [], standing: [] };
  return {
    waiting: [...standingList.waiting, ...pick(prepared.waiting)],
    open: pick(prepared.open),
    done: pick(prepared.done),
    standing: standingList.standing,
    total: prepared.total,
  };
}

function indexRow(row: ValidTaskRow): TaskRowModel {
  const { id, title, kind, status, domain, documentType, due, priority } = row;
  return { type: 'task', id, title, kind, status, domain, documentType, due, priority };
}

/**
 * The first screen from the store's index (readTaskListHead), drafts first in "Open": the first
 * rows of each section and the sections' sizes, before the whole list is loaded.
 */
export function headTaskList(head: TaskListHead, drafts: TaskDraft[]): TaskListModel {
  return {
    waiting: head.rows.waiting.map(indexRow),
    open: [...drafts.map((draft) => draftRow(taskFromDraft(draft))), ...head.rows.open.map(indexRow)],
    done: head.rows.done.map(indexRow),
    standing: [],
    total: head.total + drafts.length,
    counts: { waiting: head.counts.waiting, open: head.counts.open + drafts.length, done: head.counts.done },
  };
}

/** Groups `tasks` for `role` and puts matching drafts first in "Open"; `standing` null lists every task as a one-off. */
export function buildTaskList(
  tasks: Task[],
  drafts: TaskDraft[],
  role: Role,
  query: string,
  words: ReadonlyMap<string, LastWord> = new Map(),
  standing: StandingPart | null = null,
): TaskListModel {
  return filterTaskList(prepareTaskList(tasks, drafts, role, words, standing), query);
}

/** The new tasks waiting for the assistant, which she can accept in one go (issue 15, got in the way 9). */
export function acceptableRows(model: Pick<TaskListModel, 'waiting'>, role: Role | null): string[] {
  if (role !== 'assistant') return [];
  return model.waiting.filter((row) => row.type === 'task' && row.status === 'new').map((row) => row.id);
}
