/**
 * Building a task with the defaults of a fresh delegation, in one place for the store, the
 * views, the bench and the tests.
 */
import type { Task, TaskDraft } from './index';

/** The fields a new task needs; every other field takes its default. */
export type NewTask = Pick<Task, 'id' | 'title'> & Partial<Omit<Task, 'id' | 'title'>>;

/**
 * A new task: status new, kind other, no instructions, no due date ("no rush"), normal priority,
 * ask first at its kind's level, no recurrence, no result, and a manual source named by the title, unless `fields`
 * say otherwise. `now` stamps `createdAt` (and the manual source) when `fields` do not.
 */
export function newTask(fields: NewTask, now: Date = new Date()): Task {
  const createdAt = fields.createdAt ?? now.toISOString();
  return {
    kind: 'other',
    status: 'new',
    instructions: '',
    source: { type: 'manual', url: null, title: fields.title, capturedAt: createdAt },
    due: null,
    priority: 'normal',
    autonomy: 'ask-first',
    level: null,
    recurrence: null,
    result: null,
    createdAt,
    ...fields,
  };
}

/** The task a draft becomes when delegated; a blank title falls back to the source's. */
export function taskFromDraft(draft: TaskDraft): Task {
  const { id, kind, instructions, source, due, priority, autonomy, createdAt } = draft;
  const recurrence = draft.recurrence ?? null;
  // A draft without a level of its own follows its kind's.
  const level = draft.level ?? null;
  return newTask({
    id,
    title: draft.title.trim() || source.title,
    kind,
    instructions,
    source,
    due,
    priority,
    autonomy,
    level,
    recurrence,
    createdAt,
  });
}
