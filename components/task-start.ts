/**
 * A task the side panel read before its first render (issue 14): the record, who wrote last, the
 * thread and the time log, all read at once with the session and the route, so the task view,
 * its thread and its time log start with them instead of reading one after the other. Given only
 * while the panel still shows the route it started on; the views take it when they mount.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { getRecord, listComments, listTimeEntries, taskLastWord, type Db } from '../lib/store';
import type { Comment, Task, TimeEntry } from '../lib/model';
import type { LastWord } from '../lib/model/sections';

export interface TaskStart {
  id: string;
  task: Task | undefined;
  lastWord: LastWord | null;
  comments: Comment[];
  entries: TimeEntry[];
}

/** Reads what the task view of `id` shows first. */
export async function readTaskStart(db: Db, id: string): Promise<TaskStart> {
  const [task, lastWord, comments, entries] = await Promise.all([
    getRecord(db, 'task', id),
    taskLastWord(db, id),
    listComments(db, id),
    listTimeEntries(db, id),
  ]);
  return { id, task, lastWord: lastWord ?? null, comments: comments.records, entries: entries.records };
}

export const TaskStartContext = createContext<TaskStart | undefined>(undefined);

/** The start of task `id`, when the panel read it before its first render. */
export function useTaskStart(id: string): TaskStart | undefined {
  const start = useContext(TaskStartContext);
  return start?.id === id ? start : undefined;
}
