/**
 * How the task list is grouped: what waits for me, what is open, what is done.
 */
import { FINISHED, PRIORITIES, type Comment, type Role, type Task } from './index';

export interface TaskSections {
  waiting: Task[];
  open: Task[];
  done: Task[];
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
  return text
    .normalize('NFKD')
    .replace(/\p{Diacritic}/gu, '')
    .toLocaleLowerCase();
}

/** The words of a search query, normalised as the search keys are (empty: everything matches). */
export function queryWords(query: string): string[] {
  return normalise(query).split(/\s+/).filter(Boolean);
}

/**
 * What a search looks in (title, instructions, source), normalised: computed once per record so
 * a keystroke only compares strings (issue 14).
 */
export function searchKey(task: Pick<Task, 'title' | 'instructions' | 'source'>): string {
  return normalise(
    [task.title, task.instructions, task.source.title, task.source.url ?? '', task.source.quote ?? '', task.source.siteName ?? ''].join(
      '\n',
    ),
  );
}

/** Whether a search key (see searchKey) holds every word of `queryWords`. */
export function keyMatches(key: string, words: readonly string[]): boolean {
  return words.every((word) => key.includes(word));
}

/** Whether a task matches every word of a search query (title, instructions, source). */
export function matchesQuery(task: Task, query: string): boolean {
  const words = queryWords(query);
  return words.length === 0 || keyMatches(searchKey(task), words);
}

/** Who wrote the last message of a task's thread: this side or the other. */
export type LastWord = 'mine' | 'theirs';

/** The last word of every task's thread; `mySide` holds the ids of this role's devices. */
export function lastWords(comments: Comment[], mySide: ReadonlySet<string>): Map<string, LastWord> {
  const latest = new Map<string, Comment>();
  for (const comment of comments) {
    if (comment.deleted) continue;
    const current = latest.get(comment.taskId);
    if (!current || current.createdAt < comment.createdAt) latest.set(comment.taskId, comment);
  }
  const words = new Map<string, LastWord>();
  for (const [taskId, comment] of latest) words.set(taskId, mySide.has(comment.authorDevice) ? 'mine' : 'theirs');
  return words;
}

/**
 * Whether a task waits for `role`. The client: results to review, and questions not yet answered.
 * The assistant: new tasks. Both: a running task whose thread ends with the other side (an answer
 * to my question, or a question asked without changing the status).
 */
export function waitsFor(task: Task, role: Role, lastWord: LastWord | undefined): boolean {
  if (FINISHED.includes(task.status)) return false;
  if (role === 'client') {
    if (task.status === 'review') return true;
    if (task.status === 'question') return lastWord !== 'mine';
  } else {
    if (task.status === 'new') return true;
    // A result under review is the client's turn, whatever the thread says.
    if (task.status === 'review') return false;
  }
  return lastWord === 'theirs';
}

/** Splits tasks into the popup's sections for `role` (see waitsFor), filtered by `query`, each sorted. */
export function groupTasks(tasks: Task[], role: Role, query = '', words: ReadonlyMap<string, LastWord> = new Map()): TaskSections {
  const sections: TaskSections = { waiting: [], open: [], done: [] };
  for (const task of tasks) {
    if (task.deleted || !matchesQuery(task, query)) continue;
    if (waitsFor(task, role, words.get(task.id))) sections.waiting.push(task);
    else if (FINISHED.includes(task.status)) sections.done.push(task);
    else sections.open.push(task);
  }
  sections.waiting.sort(compareTasks);
  sections.open.sort(compareTasks);
  sections.done.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return sections;
}

/** The toolbar badge: how many tasks wait for `role`. */
export function waitingCount(tasks: Task[], role: Role, words: ReadonlyMap<string, LastWord> = new Map()): number {
  return tasks.filter((t) => !t.deleted && waitsFor(t, role, words.get(t.id))).length;
}

/** What a row of the task list shows of a task (the list's model and the store's list index both take it). */
export function rowFields(task: Task) {
  return {
    id: task.id,
    title: task.title || task.source.title,
    kind: task.kind,
    status: task.status,
    domain: sourceDomain(task),
    documentType: task.source.documentType ?? null,
    due: task.due,
    priority: task.priority,
  };
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
