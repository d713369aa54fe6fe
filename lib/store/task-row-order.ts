/**
 * The task list index's order (issue 14, see lib/store/task-rows.ts for the index itself): the row
 * types, the sections of a range and the order within a section — what reading the first screen
 * needs. Building and keeping the rows is task-rows.ts, which only writers and the migration load.
 */
import type { Role, Task, TaskStatus } from '../model';
import { waitsFor, type LastWord } from '../model/sections';

/** The `by-order` key: author (0: no comment), class, due ('\uffff': none), priority rank, -createdAt (ms). */
export type TaskRowOrder = [string | 0, number, string, number, number];

/** One task as the list shows it (see the file comment). */
export interface TaskRow {
  id: string;
  /** 1 when the stored record fails the task schema: such a row carries nothing else. */
  invalid?: 1;
  title?: string;
  kind?: Task['kind'];
  status?: TaskStatus;
  domain?: string | null;
  documentType?: Task['source']['documentType'] | null;
  due?: string | null;
  priority?: Task['priority'];
  createdAt?: string;
  recurring?: boolean;
  deleted?: boolean;
  searchKey?: string;
  /** The last (non-deleted, valid) comment's author and time; null without comments. */
  lastAuthor?: string | null;
  lastAt?: string | null;
  /** 1 when valid and not deleted (the list's total). */
  live?: 1;
  /** Absent when the task is in no section (deleted, or a standing task not finished). */
  order?: TaskRowOrder;
}

/** A row of a valid task: every field set. */
export type ValidTaskRow = Required<Omit<TaskRow, 'invalid' | 'live' | 'order'>> & Pick<TaskRow, 'live' | 'order'>;

/** Class of finished tasks (the last of the order key's classes). */
export const CLASS_DONE = 4;

/** A representative status per class, for waitsFor (which looks only at new, question, review, finished). */
const CLASS_STATUS: readonly TaskStatus[] = ['new', 'question', 'review', 'accepted', 'done'];

/** Sections of a role for one (author, class) range: who wrote last decides, see waitsFor. */
export function rangeSection(cls: number, role: Role, word: LastWord | undefined): 'waiting' | 'open' | 'done' {
  const status = CLASS_STATUS[cls];
  if (cls === CLASS_DONE) return 'done';
  return waitsFor({ status } as Task, role, word) ? 'waiting' : 'open';
}

/** Orders rows of one section as the list does: by the order key after author and class, then id. */
export function compareRows(a: TaskRow, b: TaskRow): number {
  const x = a.order!;
  const y = b.order!;
  for (let i = 2; i < 5; i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
