/**
 * Standing tasks and their occurrences in the store (issue 9). Occurrence records are written only
 * when someone changes one (done, skipped, a result); their id is `<taskId>:<day>`, so two devices
 * changing the same occurrence offline write to one record and converge field by field.
 */
import { occurrenceSchema, type Occurrence, type OccurrenceStatus, type Task, type TaskResult } from '../model';
import { occurrenceId, standingRuleOf } from '../standing/rule';
import { getConnection } from './connection';
import type { Db } from './db';
import { listRecords, type Listing } from './records';
import { updateRecord } from './record-writes';
import { getSyncState } from './sync-state';

/** The standing tasks with all their occurrence records, for the list and the badge. */
export interface StandingData {
  tasks: Task[];
  occurrences: Occurrence[];
  /** Whether occurrences may be derived yet (see `occurrencesReady`). */
  ready: boolean;
}

/**
 * Nothing is derived before this device's first sync: a device that just joined would otherwise
 * show (and count on the badge) occurrences the other side has long done. A device without a
 * workspace has nothing to wait for. Once synced, the device keeps deriving offline.
 */
export async function occurrencesReady(db: Db): Promise<boolean> {
  if ((await getConnection(db)) === null) return true;
  return (await getSyncState(db)).lastSuccessAt !== null;
}

/** The standing tasks (not deleted, with a rule this version evaluates) and their occurrences. */
export async function loadStanding(db: Db): Promise<StandingData> {
  const [tasks, occurrences, ready] = await Promise.all([listRecords(db, 'task'), listRecords(db, 'occurrence'), occurrencesReady(db)]);
  return { tasks: tasks.records.filter((t) => standingRuleOf(t) !== null), occurrences: occurrences.records, ready };
}

/** The occurrence records of one task. */
export async function listOccurrences(db: Db, taskId: string): Promise<Listing<Occurrence>> {
  const records: Occurrence[] = [];
  let skipped = 0;
  for (const { data } of await db.getAllFromIndex('occurrence', 'by-task', taskId)) {
    const parsed = occurrenceSchema.safeParse(data);
    if (!parsed.success) skipped++;
    else if (!parsed.data.deleted) records.push(parsed.data);
  }
  return { records, skipped };
}

/**
 * Sets an occurrence's status (done, skipped, back to new …), creating its record if nobody changed
 * it yet. `today` becomes `doneOn` when it is done, which the completion anchor counts from.
 */
export async function setOccurrenceStatus(db: Db, taskId: string, day: string, status: OccurrenceStatus, today: string): Promise<void> {
  const doneOn = status === 'done' ? today : null;
  await updateRecord(db, 'occurrence', occurrenceId(taskId, day), { taskId, day, status, doneOn });
}

/** Sets the result of an occurrence (its status stays as it is, or `new` for a record created by it). */
export async function setOccurrenceResult(
  db: Db,
  occurrence: Pick<Occurrence, 'taskId' | 'day' | 'status'>,
  result: TaskResult | null,
): Promise<void> {
  const { taskId, day, status } = occurrence;
  await updateRecord(db, 'occurrence', occurrenceId(taskId, day), { taskId, day, status, result });
}
