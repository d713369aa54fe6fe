/**
 * How the task list is grouped: what waits for me, what is open, what is done.
 */
import { FINISHED, PRIORITIES, type Task, type TaskStatus } from './index';

export type ListRole = 'client' | 'assistant';

export interface TaskSections {
  waiting: Task[];
  open: Task[];
  done: Task[];
}

/** The statuses in which a task waits for someone in `role`. */
export function waitingStatuses(role: ListRole): readonly TaskStatus[] {
  // The client answers questions and reviews results; the assistant picks up new tasks.
  return role === 'client' ? ['question', 'review'] : ['new'];
}

const priorityRank = (task: Task) => PRIORITIES.length - PRIORITIES.indexOf(task.priority);

/** Orders tasks by due date (no rush last), then priority, then newest first. */
export function compareTasks(a: Task, b: Task): number {
  if (a.due !== b.due) {
    if (a.due === null) return 1;
    if (b.due === null) return -1;
    return a.due.localeCompare(b.due);
  }
  return priorityRank(a) - priorityRank(b) || b.createdAt.localeCompare(a.createdAt);
}

function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

/** Whether a task matches every word of a search query (title, instructions, source). */
export function matchesQuery(task: Task, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const haystack = normalise(
    [task.title, task.instructions, task.source.title, task.source.url ?? '', task.source.quote ?? '', task.source.siteName ?? ''].join('\n'),
  );
  return words.every((word) => haystack.includes(word));
}

/** Splits tasks into the popup's sections for `role`, filtered by `query`, each sorted. */
export function groupTasks(tasks: Task[], role: ListRole, query = ''): TaskSections {
  const waitingFor = waitingStatuses(role);
  const sections: TaskSections = { waiting: [], open: [], done: [] };
  for (const task of tasks) {
    if (task.deleted || !matchesQuery(task, query)) continue;
    if (waitingFor.includes(task.status)) sections.waiting.push(task);
    else if (FINISHED.includes(task.status)) sections.done.push(task);
    else sections.open.push(task);
  }
  sections.waiting.sort(compareTasks);
  sections.open.sort(compareTasks);
  sections.done.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return sections;
}

/** The toolbar badge: how many tasks wait for `role`. */
export function waitingCount(tasks: Task[], role: ListRole): number {
  const waitingFor = waitingStatuses(role);
  return tasks.filter((t) => !t.deleted && waitingFor.includes(t.status)).length;
}

/** The host name shown for a task's source, without `www.`. */
export function sourceDomain(task: Pick<Task, 'source'>): string | null {
  if (!task.source.url) return null;
  try {
    return new URL(task.source.url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}
