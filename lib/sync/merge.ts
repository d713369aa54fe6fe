/**
 * What a received field may change (DESIGN.md, "Merge"; docs/protocol.md, "Grouped messages"):
 * its value must parse with the model's schema for that field before it can win a merge, and
 * every client applies only what the author's role allows, judged per field with the
 * workspace's device list. Pure, so it is tested in Node.
 */
import * as z from 'zod/mini';
import { ENTITIES, entitySchemas, type Entity, type Role } from '../model';
import type { FieldChange } from '../store/changes';

export type { Role };

/** Why a received field is refused before the merge: a name this version does not know, or a value its schema refuses. */
export type FieldRefusal = 'unknown-field' | 'invalid-value';

/**
 * Per entity, the schema of every field a message may write, taken from the model's record
 * schemas (so the two never disagree). `id` is the record's key, never a field to write.
 */
const FIELD_SCHEMAS = new Map<Entity, ReadonlyMap<string, z.ZodMiniType>>(
  ENTITIES.map((entity) => [
    entity,
    new Map(Object.entries<z.ZodMiniType>(entitySchemas[entity].shape).filter(([field]) => field !== 'id')),
  ]),
);

/** Whether `value` may become `field` of an `entity` record: null, or why not. */
export function checkField(entity: Entity, field: string, value: unknown): FieldRefusal | null {
  const schema = FIELD_SCHEMAS.get(entity)?.get(field);
  if (!schema) return 'unknown-field';
  // JSON cannot carry undefined; an optional field is cleared by no message at all.
  return value !== undefined && schema.safeParse(value).success ? null : 'invalid-value';
}

/** The task fields an assistant may write. */
export const ASSISTANT_TASK_FIELDS: ReadonlySet<string> = new Set(['status', 'result']);

/** The occurrence fields an assistant may write: like a task's status and result, plus the day it was done. */
export const ASSISTANT_OCCURRENCE_FIELDS: ReadonlySet<string> = new Set(['status', 'result', 'doneOn']);

/** The handover fields an assistant may write, on the record she authored: the package and that it is ready. */
export const ASSISTANT_HANDOVER_FIELDS: ReadonlySet<string> = new Set(['content', 'ready']);

/**
 * Whether an occurrence's `taskId` or `day` is the one its id `<taskId>:<day>` names: an assistant
 * completing an occurrence nobody changed yet creates its record, but can never point it elsewhere.
 */
function namedByOccurrenceId(change: FieldChange): boolean {
  const cut = change.id.length - 11;
  if (change.id[cut] !== ':') return false;
  return change.value === (change.field === 'taskId' ? change.id.slice(0, cut) : change.id.slice(cut + 1));
}

/**
 * Whether a device of `role` with id `device` may write `change`. `owner` is the authorDevice of
 * the comment or time entry the change belongs to (stored, or set in the same batch), if known.
 */
export function mayWrite(role: Role, device: string, change: FieldChange, owner: string | undefined): boolean {
  if (role === 'client') return true;
  switch (change.entity) {
    case 'task':
      if (!ASSISTANT_TASK_FIELDS.has(change.field)) return false;
      return change.field !== 'status' || change.value !== 'archived';
    case 'comment':
    case 'timeEntry':
    case 'timer':
      // An assistant writes only its own records, and cannot claim someone else's.
      if (change.field === 'authorDevice') return change.value === device && (owner === undefined || owner === device);
      return owner === device;
    case 'occurrence':
      if (change.field === 'taskId' || change.field === 'day') return namedByOccurrenceId(change);
      // Skipping an occurrence, like archiving a task, is the client's decision.
      if (change.field === 'status') return change.value !== 'archived' && change.value !== 'skipped';
      return ASSISTANT_OCCURRENCE_FIELDS.has(change.field);
    case 'handover':
      // The outgoing assistant drafts the package of the handover the client opened in her name
      // (issue 11); only the client names her, so she can neither open one nor take another's.
      return owner === device && ASSISTANT_HANDOVER_FIELDS.has(change.field);
    // Standing instructions, settings and the page as the client saw it (issue 12): the client's alone.
    case 'instruction':
    case 'setting':
    case 'snapshot':
    case 'snapshotPart':
      return false;
  }
}
