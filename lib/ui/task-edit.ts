/**
 * Editing a task: the fields a view edits, what changed, and keeping local edits when the
 * stored task changes underneath (another tab, or sync).
 */
import { newTask, TASK_STATUSES, type Role, type Task, type TaskResult, type TaskStatus } from '../model';
import { waitsFor, type LastWord } from '../model/sections';
import { mayWrite } from '../sync/merge';

export const EDITABLE_TASK_FIELDS = ['title', 'kind', 'status', 'instructions', 'due', 'priority', 'autonomy', 'result'] as const;
export type TaskFields = Pick<Task, (typeof EDITABLE_TASK_FIELDS)[number]>;

/** The editable fields of `task`. */
export function taskFields(task: Task): TaskFields {
  const { title, kind, status, instructions, due, priority, autonomy, result } = task;
  return { title, kind, status, instructions, due, priority, autonomy, result };
}

function same(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** The fields of `edited` that differ from `base` (what updateRecord has to write). */
export function changedFields(base: TaskFields, edited: TaskFields): Partial<TaskFields> {
  const patch: Partial<TaskFields> = {};
  for (const field of EDITABLE_TASK_FIELDS) {
    if (!same(base[field], edited[field])) (patch as Record<string, unknown>)[field] = edited[field];
  }
  return patch;
}

/**
 * Three-way merge for a form: fields the user has not touched (local equals base) take the
 * incoming stored value; fields being edited keep the user's text.
 */
export function rebaseFields(base: TaskFields, local: TaskFields, incoming: TaskFields): TaskFields {
  const merged = { ...local } as Record<string, unknown>;
  for (const field of EDITABLE_TASK_FIELDS) {
    if (same(base[field], local[field])) merged[field] = incoming[field];
  }
  return merged as TaskFields;
}

/** A result from the form's text and links (one per line); null when both are empty. */
export function resultFromForm(text: string, links: string): TaskResult | null {
  const list = links
    .split('\n')
    .map((link) => link.trim())
    .filter(Boolean);
  return text.trim() === '' && list.length === 0 ? null : { text, links: list };
}

/** A manual task typed into quick add (the model's defaults, the title as typed without surrounding blanks). */
export function manualTask(id: string, title: string, now: Date): Task {
  return newTask({ id, title: title.trim() }, now);
}

// Task fields are judged by the author's role alone; the device only matters for comments and time entries.
const ANY_DEVICE = '';

/** The statuses `role` may set: asked of the merge policy every receiver applies. */
export function allowedStatuses(role: Role): TaskStatus[] {
  return TASK_STATUSES.filter((value) => mayWrite(role, ANY_DEVICE, { entity: 'task', id: '', field: 'status', value }, undefined));
}

/** One choice of the status field. */
export interface StatusOption {
  status: TaskStatus;
  disabled: boolean;
}

/**
 * The status field's choices for `role` on a task in `current`: what the role may set, or, when
 * the current status is not among them (an archived task for the assistant), every status with
 * the current one shown but not choosable.
 */
export function statusOptions(role: Role, current: TaskStatus): StatusOption[] {
  const allowed = allowedStatuses(role);
  if (allowed.includes(current)) return allowed.map((status) => ({ status, disabled: false }));
  return TASK_STATUSES.map((status) => ({ status, disabled: !allowed.includes(status) }));
}

/**
 * What waits for this side in an opened task (issue 15, got in the way 2), so the view opens
 * there instead of at the top of a long form: the delivered result the client reviews, or the
 * thread whose last word is the other side's (or a question). Null when nothing waits, and for a
 * new task the assistant reads from the top.
 */
export type TaskWait = 'review' | 'thread' | null;

/** What waits for `role` in `task`, given who wrote last in its thread (see waitsFor). */
export function whatWaits(task: Task, role: Role, lastWord: LastWord | undefined): TaskWait {
  if (!waitsFor(task, role, lastWord)) return null;
  if (role === 'client' && task.status === 'review') return 'review';
  if (role === 'assistant' && task.status === 'new' && lastWord !== 'theirs') return null;
  return 'thread';
}

/**
 * Who holds the result (issue 15, got in the way 4): the assistant writes it until delivering;
 * under review it is the client's to approve, read-only for the assistant, who may withdraw it
 * (back to in progress) to change it; the client only ever reads a delivered result.
 * `pending`: nothing delivered yet (the client sees no result fields).
 */
export type ResultAccess = 'edit' | 'withdrawable' | 'read' | 'pending';

/** Statuses in which a result counts as delivered. */
export const DELIVERED_STATUSES: readonly TaskStatus[] = ['review', 'done', 'archived'];

/** How `role` may treat the result of a task in `status`. */
export function resultAccess(role: Role, status: TaskStatus, result: TaskResult | null): ResultAccess {
  const delivered = DELIVERED_STATUSES.includes(status);
  if (role === 'client') return delivered && result !== null ? 'read' : 'pending';
  if (!delivered) return 'edit';
  // Withdrawing sets the status back: only when the merge policy lets the assistant do that.
  return status === 'review' && allowedStatuses(role).includes('in-progress') ? 'withdrawable' : 'read';
}
