/**
 * Handovers in the store (issue 11): the record the client opens in the outgoing assistant's
 * name, her package drafts, and what the package is generated from. The flow around it (keys,
 * invitations, revocation) is lib/sync/handover.ts.
 */
import * as z from 'zod/mini';
import { successorLevels } from '../levels';
import { checkPackage, generatePackage, type PackageRefusal } from '../handover/package';
import { newId, TASK_KINDS, type Handover, type HandoverContent, type SuccessorMode } from '../model';
import { applyLocalChange } from './changes';
import type { Db } from './db';
import { getKnownDevices } from './devices';
import { announceChange, type StoreChange } from './events';
import { getLevelSettings, setKindLevel } from './levels';
import { getRole } from './meta';
import { META } from './meta-keys';
import { authorDeviceId, getRecord, listRecords } from './records';
import { fieldsOf, updateRecord } from './record-writes';

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

const seenSchema = z.array(z.string().check(z.maxLength(200))).check(z.maxLength(100));

/** The handover ids this device has shown as its first page. */
async function seenHandovers(db: Db): Promise<string[]> {
  const parsed = seenSchema.safeParse(await db.get('meta', META.handoverSeen));
  return parsed.success ? parsed.data : [];
}

/**
 * The package a successor sees as her first page, once: on an assistant's device that was not
 * in the workspace when the handover began, the newest ready package not yet seen here; else null.
 */
export async function welcomePackage(db: Db): Promise<Handover | null> {
  const [role, me, seen] = await Promise.all([getRole(db), authorDeviceId(db), seenHandovers(db)]);
  if (role !== 'assistant') return null;
  const handover = await packageForSuccessor(db);
  if (!handover || handover.devicesBefore.includes(me) || seen.includes(handover.id)) return null;
  return handover;
}

/** The successor has read the package: from now on the side panel opens on the task list. */
export async function markHandoverSeen(db: Db, id: string): Promise<void> {
  const seen = await seenHandovers(db);
  if (!seen.includes(id)) await db.put('meta', [...seen, id].slice(-100), META.handoverSeen);
  announceChange({ db: db.name, kind: 'meta', ids: [META.handoverSeen] });
}

/** The client calls a handover off before finishing it: the record goes (the outgoing assistant keeps her device). */
export async function cancelHandover(db: Db, id: string): Promise<void> {
  await updateRecord(db, 'handover', id, { deleted: true });
}

/** On the outgoing assistant's device: the handover the client opened in her name, while its package is not ready; else null. */
export async function handoverRequestedOfMe(db: Db): Promise<Handover | null> {
  const [role, me, handover] = await Promise.all([getRole(db), authorDeviceId(db), openHandover(db)]);
  return role === 'assistant' && handover && handover.authorDevice === me && !handover.ready ? handover : null;
}
