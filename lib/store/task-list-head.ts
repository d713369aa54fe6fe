/**
 * The task list's first screen from its index (issue 14, lib/store/task-rows.ts): per section the
 * first rows and the count, read with bounded index reads, so the popup's first paint does not
 * grow with the store.
 */
import type { Role } from '../model';
import type { LastWord } from '../model/sections';
import type { Db } from './db';
import { announceChange } from './events';
import { getKnownDevices } from './devices';
import { authorDeviceId } from './records';
import { getRole } from './meta';
import {
  buildAllTaskRows,
  compareRows,
  rangeSection,
  TASK_ROW_CLASSES,
  type TaskRow,
  type TaskRowOrder,
  type ValidTaskRow,
} from './task-rows';

export type TaskSectionName = 'waiting' | 'open' | 'done';

/** The first rows of each section (in the list's order), each section's size, the list's total and the invalid records. */
export interface TaskListHead {
  rows: Record<TaskSectionName, ValidTaskRow[]>;
  counts: Record<TaskSectionName, number>;
  /** Tasks not deleted (standing ones included), as the list's `total`. */
  total: number;
  /** Task records failing validation. */
  skipped: number;
}

/** This device's side: this device and the known devices of its role (as threadLastWords has it). */
async function mySide(db: Db): Promise<Set<string>> {
  const [me, role, devices] = await Promise.all([authorDeviceId(db), getRole(db), getKnownDevices(db)]);
  return new Set([me, ...devices.filter((d) => d.role === role).map((d) => d.id)]);
}

/** Upper end of every key starting with `prefix` (an array sorts after every number and string). */
const past = (...prefix: (string | number)[]) => [...prefix, []];

/** The first `limit` rows of each section for `role` and the section counts (see the file comment). */
export async function readTaskListHead(db: Db, role: Role, limit: number): Promise<TaskListHead> {
  const side = await mySide(db);
  const tx = db.transaction('taskRow', 'readonly');
  const store = tx.objectStore('taskRow');
  const index = store.index('by-order');
  // The distinct authors of last comments (0: none), one seek each.
  const authors: (string | 0)[] = [];
  let cursor = await index.openKeyCursor();
  while (cursor) {
    const author = (cursor.key as TaskRowOrder)[0];
    authors.push(author);
    cursor = await cursor.continue(past(author) as unknown as TaskRowOrder);
  }
  const rows: Record<TaskSectionName, ValidTaskRow[]> = { waiting: [], open: [], done: [] };
  const counts: Record<TaskSectionName, number> = { waiting: 0, open: 0, done: 0 };
  const reads: Promise<void>[] = [];
  for (const author of authors) {
    const word: LastWord | undefined = author === 0 ? undefined : side.has(author) ? 'mine' : 'theirs';
    for (const cls of TASK_ROW_CLASSES) {
      const section = rangeSection(cls, role, word);
      const range = IDBKeyRange.bound([author, cls], past(author, cls));
      reads.push(
        index.getAll(range, limit).then((found) => void rows[section].push(...(found as ValidTaskRow[]))),
        index.count(range).then((n) => void (counts[section] += n)),
      );
    }
  }
  const [total, skipped] = await Promise.all([store.index('live').count(), store.index('invalid').count(), ...reads]);
  await tx.done;
  for (const section of ['waiting', 'open', 'done'] as const) rows[section] = rows[section].sort(compareRows).slice(0, limit);
  return { rows, counts, total, skipped };
}

/** Every row of the index that is valid (the list from the index, e.g. for search). */
export async function listTaskRows(db: Db): Promise<ValidTaskRow[]> {
  return (await db.getAll('taskRow')).filter((row: TaskRow): row is ValidTaskRow => row.invalid === undefined);
}

/** Rebuilds the whole index from the stored tasks and comments, in one transaction (as the v7 migration does). */
export async function rebuildTaskRows(db: Db): Promise<number> {
  const tx = db.transaction(['task', 'comment', 'taskRow'], 'readwrite');
  const [tasks, comments] = await Promise.all([tx.objectStore('task').getAll(), tx.objectStore('comment').getAll()]);
  const rows = tx.objectStore('taskRow');
  await rows.clear();
  await Promise.all([...buildAllTaskRows(tasks, comments).map((row) => rows.put(row)), tx.done]);
  announceChange({ db: db.name, kind: 'task' });
  return tasks.length;
}
