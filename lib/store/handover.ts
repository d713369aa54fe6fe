/**
 * Handovers in the store (issue 11): the record the client opens in the outgoing assistant's
 * name, her package drafts, and what the package is generated from. The flow around it (keys,
 * invitations, revocation) is lib/sync/handover.ts.
 */
import { successorLevels } from '../levels';
import { checkPackage, generatePackage, type PackageRefusal } from '../handover/package';
import { newId, TASK_KINDS, type Handover, type HandoverContent, type SuccessorMode } from '../model';
import { applyLocalChange } from './changes';
import type { Db } from './db';
import { getKnownDevices } from './devices';
import type { StoreChange } from './events';
import { getLevelSettings, setKindLevel } from './levels';
import { getRole } from './meta';
import { authorDeviceId, fieldsOf, getRecord, listRecords, updateRecord } from './records';

/** Newest first. */
export async function listHandovers(db: Db): Promise<Handover[]> {
  const { records } = await listRecords(db, 'handover');
  return records.sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id.localeCompare(a.id));
}

/** The handover under way (not finished), newest first, or null. */
export async function openHandover(db: Db): Promise<Handover | null> {
  return (await listHandovers(db)).find((h) => !h.finishedAt) ?? null;
}

export interface HandoverStart {
  outgoingDevice: string;
  mode: SuccessorMode;
  overlapUntil: string | null;
  keepLevels: boolean;
  devicesBefore: readonly string[];
}

/** Opens a handover in the outgoing assistant's name (the client's step): she may then write its package. */
export async function createHandover(db: Db, start: HandoverStart, now = new Date()): Promise<Handover> {
  const handover: Handover = {
    id: newId(),
    authorDevice: start.outgoingDevice,
    createdAt: now.toISOString(),
    mode: start.mode,
    overlapUntil: start.overlapUntil,
    keepLevels: start.keepLevels,
    devicesBefore: [...start.devicesBefore],
    content: null,
    ready: false,
  };
  await applyLocalChange(db, fieldsOf('handover', handover));
  return handover;
}

/** Saves an edited package, or says why not (nothing is written then). */
export async function saveHandoverContent(db: Db, id: string, content: HandoverContent): Promise<PackageRefusal | null> {
  const refusal = checkPackage(content);
  if (refusal) return refusal;
  await updateRecord(db, 'handover', id, { content });
  return null;
}

/** The package generated from this device's data now, keeping what was written in the stored one. */
export async function generateHandoverContent(db: Db, id: string, today: string, now = new Date()): Promise<HandoverContent> {
  const [handover, tasks, comments, timeEntries, instructions, occurrences, { levels }, devices, role, me] = await Promise.all([
    getRecord(db, 'handover', id),
    listRecords(db, 'task'),
    listRecords(db, 'comment'),
    listRecords(db, 'timeEntry'),
    listRecords(db, 'instruction'),
    listRecords(db, 'occurrence'),
    getLevelSettings(db),
    getKnownDevices(db),
    getRole(db),
    authorDeviceId(db),
  ]);
  const clientDevices = new Set(devices.filter((d) => d.role === 'client').map((d) => d.id));
  if (role === 'client') clientDevices.add(me);
  return generatePackage(
    {
      tasks: tasks.records,
      comments: comments.records,
      timeEntries: timeEntries.records,
      instructions: instructions.records,
      occurrences: occurrences.records,
      levels,
      clientDevices,
      today,
      now: now.toISOString(),
    },
    handover?.content ?? null,
  );
}

/** The outgoing assistant marks her package ready for the client's review (or takes it back to edit). */
export async function setHandoverReady(db: Db, id: string, ready: boolean): Promise<void> {
  await updateRecord(db, 'handover', id, { ready });
}

/** The client's last step: the handover is done; unless the client keeps them, the levels go one lower per kind. */
export async function completeHandover(db: Db, handover: Handover, now = new Date()): Promise<void> {
  if (!handover.keepLevels) {
    const lower = successorLevels((await getLevelSettings(db)).levels);
    for (const kind of TASK_KINDS) await setKindLevel(db, kind, lower[kind], now);
  }
  await updateRecord(db, 'handover', handover.id, { finishedAt: now.toISOString() });
}

/** The package a successor sees first: the newest ready one someone else wrote, or null. */
export async function packageForSuccessor(db: Db): Promise<Handover | null> {
  const me = await authorDeviceId(db);
  return (await listHandovers(db)).find((h) => h.ready && h.content !== null && h.authorDevice !== me) ?? null;
}

/** Handovers may have changed. */
export function affectsHandover(change: StoreChange): boolean {
  return change.kind === 'handover' || change.kind === 'meta';
}
