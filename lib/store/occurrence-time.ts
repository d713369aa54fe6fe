/**
 * Which occurrence of a standing task time belongs to (issue 10: a standing task's budget is per
 * occurrence): the one that is current on the day the time is logged or the timer starts. Time on
 * a one-off task belongs to no occurrence.
 */
import { deriveStanding } from '../standing/derive';
import type { Db } from './db';
import { getRecord } from './records';
import { listOccurrences } from './standing';

/** The calendar day of `at` (epoch ms) on this device's wall clock, `YYYY-MM-DD`. */
export function wallDay(at: number): string {
  const date = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * The id (`<taskId>:<day>`) of the occurrence of `taskId` current on `day`, or null for a one-off
 * task, an unknown one, or a standing task whose rule has ended.
 */
export async function occurrenceOn(db: Db, taskId: string, day: string): Promise<string | null> {
  const task = await getRecord(db, 'task', taskId);
  if (!task?.recurrence) return null;
  const { records } = await listOccurrences(db, taskId);
  return deriveStanding(task, records, day)?.current?.id ?? null;
}
