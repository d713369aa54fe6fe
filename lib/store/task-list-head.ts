/**
 * The task list's first screen from its index (issue 14, lib/store/task-rows.ts): per section the
 * first rows and the count, read with bounded index reads, so the popup's first paint does not
 * grow with the store.
 */
import type { Role, Task } from '../model';
import { waitsFor, type LastWord } from '../model/sections';
import type { IDBPTransaction } from 'idb';
import type { Db, ZuarbeitDb } from './db';
import { readSession, readStoredSession, sessionOf, sessionSide, type Session } from './session';
import { compareRows, rangeSection, type ValidTaskRow } from './task-row-order';

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

/** Upper end of every key starting with `prefix` (an array sorts after every number and string). */
const past = (...prefix: (string | number)[]) => [...prefix, []];

/** Who wrote a task's last comment, seen from `side` (no author: nobody wrote yet). */
function wordOf(author: string | 0 | null | undefined, side: ReadonlySet<string>): LastWord | undefined {
  return author === 0 || author === null || author === undefined ? undefined : side.has(author) ? 'mine' : 'theirs';
}

/** The index's counters as read from taskRowCount: live and invalid tasks, and each non-empty (author, class) range. */
interface Counters {
  live: number;
  invalid: number;
  ranges: { author: string | 0; cls: number; count: number }[];
}

async function readCounters(tx: IDBPTransaction<ZuarbeitDb, ('task' | 'taskRowCount' | 'meta')[], 'readonly'>): Promise<Counters> {
  const store = tx.objectStore('taskRowCount');
  const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
  const counters: Counters = { live: 0, invalid: 0, ranges: [] };
  keys.forEach((key, i) => {
    if (key === 'live') counters.live = values[i];
    else if (key === 'invalid') counters.invalid = values[i];
    else if (key.startsWith('range:')) {
      const [author, cls] = JSON.parse(key.slice('range:'.length)) as [string | 0, number];
      counters.ranges.push({ author, cls, count: values[i] });
    }
  });
  return counters;
}

/** The first `limit` rows of each section for `role` and the section counts (see the file comment). */
export async function readTaskListHead(
  db: Db,
  role: Role,
  limit: number,
  /** This device's side (this device and the known devices of its role) when the caller knows it already, e.g. from the session. */
  knownSide?: ReadonlySet<string>,
): Promise<TaskListHead> {
  const side = knownSide ?? sessionSide(await readSession(db));
  const tx = db.transaction(['task', 'taskRowCount'], 'readonly');
  const [head] = await Promise.all([readHeadIn(tx, limit), tx.done]);
  return head(role, side);
}

/**
 * The session and the list's head for it, in one read-only transaction (the popup's first screen,
 * issue 14): the session's records and the index's counters are read at once, then the rows, so the
 * head does not wait for a transaction of its own after the session.
 */
export async function readSessionAndHead(db: Db, limit: number): Promise<{ session: Session; head: TaskListHead }> {
  const tx = db.transaction(['meta', 'task', 'taskRowCount'], 'readonly');
  const [stored, head] = await Promise.all([readStoredSession(tx.objectStore('meta')), readHeadIn(tx, limit), tx.done]);
  // After the transaction: a device without a clock writes one here (sessionOf).
  const session = await sessionOf(db, stored);
  return { session, head: head(session.role, sessionSide(session)) };
}

/**
 * Reads the counters and every non-empty (author, class) range's first `limit` rows in `tx`; which
 * section a range is in depends on the role and the side, so the sections are sorted out by the
 * function it gives, once they are known.
 */
async function readHeadIn(
  tx: IDBPTransaction<ZuarbeitDb, ('task' | 'taskRowCount' | 'meta')[], 'readonly'>,
  limit: number,
): Promise<(role: Role, side: ReadonlySet<string>) => TaskListHead> {
  const { live, invalid, ranges } = await readCounters(tx);
  // The rows are in their task records (version 8); a record in a range has one.
  const index = tx.objectStore('task').index('by-order');
  const found = await Promise.all(
    ranges.map(({ author, cls }) =>
      index
        .getAll(IDBKeyRange.bound([author, cls], past(author, cls)), limit)
        .then((records) => records.map(({ row }) => row as ValidTaskRow)),
    ),
  );
  return (role, side) => {
    const rows: Record<TaskSectionName, ValidTaskRow[]> = { waiting: [], open: [], done: [] };
    const counts: Record<TaskSectionName, number> = { waiting: 0, open: 0, done: 0 };
    // Each non-empty range: its rows are in one section for this role.
    ranges.forEach(({ author, cls, count }, i) => {
      const section = rangeSection(cls, role, wordOf(author, side));
      counts[section] += count;
      rows[section].push(...found[i]);
    });
    for (const section of ['waiting', 'open', 'done'] as const) rows[section] = rows[section].sort(compareRows).slice(0, limit);
    return { rows, counts, total: live, skipped: invalid };
  };
}

/**
 * How many tasks wait for `role`, as `waitingCount` of the records has it (lib/model/sections.ts,
 * the toolbar badge), from the index's counters: each (author, class) range's count, in its section
 * for this role as readTaskListHead has it. Standing tasks not finished are in no range; there are
 * `live` minus the ranges' sum of them, and only when there are any are the rows read to judge them.
 */
export async function countWaitingTasks(
  db: Db,
  role: Role,
  /** This device's side, when the caller knows it already (see readTaskListHead). */
  knownSide?: ReadonlySet<string>,
): Promise<number> {
  const side = knownSide ?? sessionSide(await readSession(db));
  const tx = db.transaction(['task', 'taskRowCount'], 'readonly');
  const { live, ranges } = await readCounters(tx);
  let waiting = 0;
  let ranged = 0;
  for (const { author, cls, count } of ranges) {
    ranged += count;
    if (rangeSection(cls, role, wordOf(author, side)) === 'waiting') waiting += count;
  }
  if (live > ranged) {
    // Standing tasks not finished: each waits as its status and thread say (waitsFor).
    for (const { row } of await tx.objectStore('task').getAll()) {
      if (row?.live && !row.order && row.status && waitsFor({ status: row.status } as Task, role, wordOf(row.lastAuthor, side))) waiting++;
    }
  }
  await tx.done;
  return waiting;
}

/** Every row of the index that is valid (the list from the index, e.g. for search). */
export async function listTaskRows(db: Db): Promise<ValidTaskRow[]> {
  const rows: ValidTaskRow[] = [];
  for (const { row } of await db.getAll('task')) if (row && row.invalid === undefined) rows.push(row as ValidTaskRow);
  return rows;
}
