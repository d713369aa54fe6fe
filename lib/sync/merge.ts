/**
 * Who may write what (DESIGN.md, "Merge"): every client applies only what the author's role
 * allows, judged per message with the workspace's device list. Pure, so it is tested in Node.
 */
import type { Role } from '../model';
import type { FieldChange } from '../store/changes';

export type { Role };

/** The task fields an assistant may write. */
export const ASSISTANT_TASK_FIELDS: ReadonlySet<string> = new Set(['status', 'result']);

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
      // An assistant writes only its own records, and cannot claim someone else's.
      if (change.field === 'authorDevice') return change.value === device && (owner === undefined || owner === device);
      return owner === device;
    case 'instruction':
      return false;
  }
}
