/**
 * The task list's view-model: drafts and tasks grouped into sections, reduced to what a row shows.
 */
import { taskFromDraft, type DocumentType, type Role, type Task, type TaskDraft, type TaskKind, type TaskStatus } from '../model';
import { groupTasks, matchesQuery, sourceDomain, type LastWord } from '../model/sections';
import type { StandingData } from '../store/standing';
import { buildStandingList, isListedAsStanding, type StandingRowModel } from './standing';

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
}

export interface TaskListModel {
  waiting: TaskRowModel[];
  open: TaskRowModel[];
  done: TaskRowModel[];
  /** Each standing task once, with its current occurrence (issue 9); those waiting for me are in `waiting`. */
  standing: StandingRowModel[];
  /** Rows before filtering by the query: zero means nothing was delegated yet. */
  total: number;
}

function taskRow(task: Task): TaskRowModel {
  return {
    type: 'task',
    id: task.id,
    title: task.title || task.source.title,
    kind: task.kind,
    status: task.status,
    domain: sourceDomain(task),
    documentType: task.source.documentType ?? null,
    due: task.due,
  };
}

function draftRow(draft: TaskDraft): TaskRowModel {
  return { ...taskRow(taskFromDraft(draft)), type: 'draft', status: null };
}

/** Groups `tasks` for `role` and puts matching drafts first in "Open". */
export function buildTaskList(
  tasks: Task[],
  drafts: TaskDraft[],
  role: Role,
  query: string,
  words: ReadonlyMap<string, LastWord> = new Map(),
  standing: { data: StandingData; today: string } | null = null,
): TaskListModel {
  const oneOff = standing ? tasks.filter((task) => !isListedAsStanding(task, standing.data)) : tasks;
  const sections = groupTasks(oneOff, role, query, words);
  const matching = standing ? { ...standing.data, tasks: standing.data.tasks.filter((task) => matchesQuery(task, query)) } : null;
  const standingList = matching ? buildStandingList(matching, role, standing!.today, words) : { waiting: [], standing: [] };
  const matchingDrafts = drafts.filter((draft) => matchesQuery(taskFromDraft(draft), query));
  return {
    waiting: [...standingList.waiting, ...sections.waiting.map(taskRow)],
    open: [...matchingDrafts.map(draftRow), ...sections.open.map(taskRow)],
    done: sections.done.map(taskRow),
    standing: standingList.standing,
    total: tasks.filter((task) => !task.deleted).length + drafts.length,
  };
}
