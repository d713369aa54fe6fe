/**
 * The task list's index (issue 14): per task one compact row with what a row and its section
 * need, kept in the same readwrite transaction as every task and comment write, so the popup reads
 * its first screen with a few bounded index reads instead of validating every task and comment.
 * Since version 8 the row is the task record's `row` and the `by-order` index is the task store's
 * (`row.order`): one put per task instead of two (the first sync of 10,000 tasks 2.05 → 1.7 s).
 *
 * Decisions:
 * - Which section a task is in depends on the role and on whether the last comment was written by
 *   this side ("mine") or not ("theirs"), and this side (this device and the known devices of its
 *   role) can change after the comment was stored. So rows do not store a section: they store the
 *   last comment's author, and the `by-order` index key is
 *   `[author, class, due, priority rank, -createdAt]` with author 0 for a thread without comments
 *   and class 0 new, 1 question, 2 review, 3 other open statuses, 4 finished. For each distinct
 *   author (few: the workspace's devices) and class the section is fixed (waitsFor), and the range
 *   is already in the section's order (lib/model/sections.ts compareTasks; done by createdAt desc,
 *   due and rank constant), ties by id as the list's stable sort over id-ordered records has them.
 *   A role's first screen is then `limit` rows per (author, class) range, merged. The section
 *   counts come from `taskRowCount`: per range (and `live`, `invalid`) how many rows it holds,
 *   moved from the old row to the new one in the same transaction — IndexedDB's count() walks
 *   the range (about 100 ms for 10,000 rows in Chromium), which the first paint cannot afford.
 *   The counter keys also name the distinct authors, so the first screen reads no cursor.
 * - Deleted tasks and standing tasks not finished (left to the standing list, STANDING_NOT_LOADED)
 *   carry no `order`, so they are in no range; `live` (1 when valid and not deleted) counts the
 *   total, `invalid` (1) the records failing the task schema, which get a row with nothing else.
 * - The row is a pure function of the task record and its task's comment records (`buildTaskRow`);
 *   writers call `refreshTaskRows` for every task whose record or comments they touched, after
 *   issuing their puts; the v7 migration and `rebuildTaskRows` build every row the same way.
 */
import { entitySchemas, FINISHED, PRIORITIES, type Comment, type Task, type TaskStatus } from '../model';
import { rowFields, searchKey } from '../model/sections';
import type { StoredRecord } from './db';
import { entityOfKey, hasClocks, recordKey } from './field-clocks';
import { CLASS_DONE, type TaskRow } from './task-row-order';
import { nativeStore } from './transaction';

export { compareRows, rangeSection, type TaskRow, type TaskRowOrder, type ValidTaskRow } from './task-row-order';

const NO_DUE = '\uffff';

function statusClass(status: TaskStatus): number {
  if (FINISHED.includes(status)) return CLASS_DONE;
  if (status === 'new') return 0;
  if (status === 'question') return 1;
  if (status === 'review') return 2;
  return 3;
}

const priorityRank = (task: Pick<Task, 'priority'>) => PRIORITIES.length - PRIORITIES.indexOf(task.priority);

function createdKey(createdAt: string): number {
  const ms = Date.parse(createdAt);
  return Number.isFinite(ms) ? -ms : 0;
}

/** The last comment of a thread as lastWords (lib/model/sections.ts) picks it: latest createdAt, the first by id on ties. */
function lastComment(comments: readonly StoredRecord[]): Comment | undefined {
  let latest: Comment | undefined;
  for (const { data } of comments) {
    const parsed = entitySchemas.comment.safeParse(data);
    if (!parsed.success || parsed.data.deleted) continue;
    if (!latest || latest.createdAt < parsed.data.createdAt) latest = parsed.data;
  }
  return latest;
}

/** The row of a task record and the comment records of its thread (those with this taskId, in id order). */
export function buildTaskRow(record: StoredRecord, comments: readonly StoredRecord[]): TaskRow {
  const parsed = entitySchemas.task.safeParse(record.data);
  if (!parsed.success) return { id: record.id, invalid: 1 };
  const task = parsed.data;
  const last = lastComment(comments);
  const cls = statusClass(task.status);
  const recurring = task.recurrence !== null;
  const listed = !task.deleted && !(recurring && cls !== CLASS_DONE);
  // rowFields' object with the rest added, not spread into a new one: the spread cost the first
  // sync 8 µs a task (issue 14); the stored order of the fields stays the same.
  const row: TaskRow = Object.assign(rowFields(task), {
    id: record.id,
    createdAt: task.createdAt,
    recurring,
    deleted: task.deleted === true,
    searchKey: searchKey(task),
    lastAuthor: last?.authorDevice ?? null,
    lastAt: last?.createdAt ?? null,
  });
  if (!task.deleted) row.live = 1;
  if (listed) {
    row.order =
      cls === CLASS_DONE
        ? [last?.authorDevice ?? 0, cls, '', 0, createdKey(task.createdAt)]
        : [last?.authorDevice ?? 0, cls, task.due ?? NO_DUE, priorityRank(task), createdKey(task.createdAt)];
  }
  return row;
}

/**
 * The counters a row adds one to (the `taskRowCount` store, see the file comment): `live`,
 * `invalid`, and its (author, class) range as `range:<JSON [author, class]>`.
 */
export function rowCounters(row: TaskRow | undefined): string[] {
  if (!row) return [];
  const keys: string[] = [];
  if (row.invalid) keys.push('invalid');
  if (row.live) keys.push('live');
  if (row.order) keys.push(`range:${JSON.stringify([row.order[0], row.order[1]])}`);
  return keys;
}

/** The counters of all `rows`, as the migration and rebuildTaskRows store them. */
export function countRows(rows: readonly TaskRow[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of rows) for (const key of rowCounters(row)) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** What refreshing rows needs of a readwrite transaction over task, comment and taskRowCount. */
interface RowStores {
  objectStore(name: 'task'): { get(id: string): Promise<StoredRecord | undefined> };
  objectStore(name: 'comment'): { index(name: 'by-task'): { getAll(query: string): Promise<StoredRecord[]> } };
  objectStore(name: 'taskRowCount'): {
    get(key: string): Promise<number | undefined>;
    put(value: number, key: string): Promise<unknown>;
    delete(key: string): Promise<unknown>;
  };
}

/**
 * What a writer knows of the transaction besides its records, so refreshTaskRows reads less (the
 * first sync: a page of new tasks into a store without comments reads no thread).
 */
export interface RowHints {
  /**
   * Every comment record stored after the writer's puts, when the writer knows them all (the
   * comment store held none before, and these are the ones it put): no thread is read.
   */
  allComments?: readonly StoredRecord[];
}

/** The comment records of `comments` by their task, each thread in id order (as the by-task index hands them out). */
function threadsOf(comments: readonly StoredRecord[]): Map<string, StoredRecord[]> {
  const threads = new Map<string, StoredRecord[]>();
  const sorted = [...comments].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const comment of sorted) {
    const taskId = comment.data.taskId;
    if (typeof taskId !== 'string') continue;
    let thread = threads.get(taskId);
    if (!thread) threads.set(taskId, (thread = []));
    thread.push(comment);
  }
  return threads;
}

const sameRow = (a: TaskRow | undefined, b: TaskRow) => a !== undefined && JSON.stringify(a) === JSON.stringify(b);

/**
 * Rewrites the rows of `taskIds` from what the transaction holds now, and moves the counters from
 * the old rows to the new. A row lives in its task record (`row`, version 8), so this also PUTS
 * the task records: every task record the writer changed (`written`, from putChanged: the writer
 * does not put task records itself), and any other task record whose row changed (a comment
 * moved it). Call it after putChanged issued the writer's other puts: requests run in order.
 * A task without a record has no row. With `hints`, what they say is taken instead of read.
 */
export async function refreshTaskRows(
  tx: unknown,
  taskIds: Iterable<string>,
  write: (request: Promise<unknown>) => void,
  /** The records the writer changed, keyed as readRecords files them (putChanged): task records there are not read again, and are put. */
  written?: ReadonlyMap<string, StoredRecord>,
  hints: RowHints = {},
): Promise<void> {
  const stores = tx as RowStores;
  const ids = [...new Set(taskIds)];
  if (ids.length === 0) return;
  const threads = hints.allComments && threadsOf(hints.allComments);
  const read = await Promise.all(
    ids.map((id) => {
      const held = written?.get(recordKey({ entity: 'task', id }));
      // A held record without any clock is an empty one readRecords made up: nothing was stored or merged.
      const mine = held !== undefined && hasClocks(held);
      // Nothing to read (the first sync's pages): no request, no promise per task.
      if (mine && threads) return { record: held, comments: threads.get(id) ?? [], mine };
      return Promise.all([
        mine ? held : stores.objectStore('task').get(id),
        threads ? (threads.get(id) ?? []) : stores.objectStore('comment').index('by-task').getAll(id),
      ]).then(([record, comments]) => ({ record, comments, mine }));
    }),
  );
  const delta = new Map<string, number>();
  const move = (keys: string[], by: number) => {
    for (const key of keys) delta.set(key, (delta.get(key) ?? 0) + by);
  };
  const tasks = nativeStore(stores.objectStore('task'));
  for (const { record, comments, mine } of read) {
    if (!record) continue;
    // The row as stored: the writer merges into `data` and `clocks` only.
    const old = record.row;
    const row = buildTaskRow(record, comments);
    move(rowCounters(old), -1);
    move(rowCounters(row), 1);
    if (!mine && sameRow(old, row)) continue;
    record.row = row;
    // Put at once, not after the loop: IndexedDB writes this record while the next row is built.
    // In its stored form already: the writer's records from putChanged, the others as read.
    tasks.put(record);
  }
  const counters = stores.objectStore('taskRowCount');
  const changed = [...delta].filter(([, by]) => by !== 0);
  const current = await Promise.all(changed.map(([key]) => counters.get(key)));
  changed.forEach(([key, by], i) => {
    const n = (current[i] ?? 0) + by;
    write(n > 0 ? counters.put(n, key) : counters.delete(key));
  });
}

/** Every row built from the given task and comment records (the migration's and rebuildTaskRows' result). */
export function buildAllTaskRows(tasks: readonly StoredRecord[], comments: readonly StoredRecord[]): TaskRow[] {
  const threads = threadsOf(comments);
  return tasks.map((task) => buildTaskRow(task, threads.get(task.id) ?? []));
}

/** The store names a transaction needs to refresh rows, when it writes tasks or comments (else none). */
export function taskRowStores(entities: Iterable<string>): ('task' | 'comment' | 'taskRowCount')[] {
  for (const entity of entities) if (entity === 'task' || entity === 'comment') return ['task', 'comment', 'taskRowCount'];
  return [];
}

/** The tasks whose rows depend on the records of `records` (keyed as readRecords files them), as they are now. */
export function rowTaskIds(records: ReadonlyMap<string, StoredRecord>, keys: Iterable<string> = records.keys()): string[] {
  const ids: string[] = [];
  for (const key of keys) {
    const entity = entityOfKey(key);
    const record = records.get(key)!;
    if (entity === 'task') ids.push(record.id);
    else if (entity === 'comment' && typeof record.data.taskId === 'string') ids.push(record.data.taskId);
  }
  return ids;
}
