/**
 * A standing task's rule as the rest of the app reads it (issue 9): the stored value, migrated on
 * read when an older device wrote the `{ every, interval }` form, and the occurrence ids.
 */
import type { StandingRule, Task } from '../model';
import { buildRule, tryParseRule } from '../recurrence';

const UNIT = { day: 'day', week: 'week', month: 'month' } as const;

/**
 * The task's rule, or null for a one-off task. The old form had no start: it is counted from the
 * day the task was created (UTC, as `createdAt` is stored), the schedule its anchor.
 */
export function standingRuleOf(task: Pick<Task, 'recurrence' | 'createdAt'>): StandingRule | null {
  const recurrence = task.recurrence;
  if (recurrence === null || recurrence === undefined) return null;
  if ('rule' in recurrence) return tryParseRule(recurrence.rule).ok ? recurrence : null;
  const rule = buildRule({
    kind: 'every',
    unit: UNIT[recurrence.every],
    interval: recurrence.interval,
    start: task.createdAt.slice(0, 10),
  });
  return { rule, anchor: 'schedule' };
}

/** Whether a task is a standing one (it has a rule this version can evaluate). */
export function isStanding(task: Pick<Task, 'recurrence' | 'createdAt'>): boolean {
  return standingRuleOf(task) !== null;
}

/** The record id of a task's occurrence on `day`: the same on every device, so concurrent changes meet. */
export function occurrenceId(taskId: string, day: string): string {
  return `${taskId}:${day}`;
}

/** The task id and day an occurrence id names, or null when it is not one. */
export function parseOccurrenceId(id: string): { taskId: string; day: string } | null {
  const match = /^(.+):(\d{4}-\d{2}-\d{2})$/.exec(id);
  return match ? { taskId: match[1], day: match[2] } : null;
}
