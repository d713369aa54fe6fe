/**
 * A task the side panel read before its first render (issue 14): the record, who wrote last, the
 * thread and the time log, all read at once with the session and the route, so the task view,
 * its thread and its time log start with them instead of reading one after the other. Given only
 * while the panel still shows the route it started on; the views take it when they mount.
 */
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import { readTaskWithThread, sessionSide, type Db, type Session } from '../lib/store';
import type { Comment, Task, TimeEntry } from '../lib/model';
import { lastWords, type LastWord } from '../lib/model/sections';

export interface TaskStart {
  id: string;
  task: Task | undefined;
  lastWord: LastWord | null;
  comments: Comment[];
  entries: TimeEntry[];
}

/** Reads what the task view of `id` shows first, in one transaction; who wrote last is seen from `session`'s side. */
export async function readTaskStart(db: Db, id: string, session: Session): Promise<TaskStart> {
  const { task, comments, entries } = await readTaskWithThread(db, id);
  const lastWord = lastWords(comments.records, sessionSide(session)).get(id) ?? null;
  return { id, task, lastWord, comments: comments.records, entries: entries.records };
}

export const TaskStartContext = createContext<TaskStart | undefined>(undefined);

/** The start of task `id`, when the panel read it before its first render. */
export function useTaskStart(id: string): TaskStart | undefined {
  const start = useContext(TaskStartContext);
  return start?.id === id ? start : undefined;
}
