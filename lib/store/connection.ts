/**
 * This device's membership in a workspace: endpoint, credentials, role and workspace keys,
 * kept in the `meta` store. The keys never leave the device except inside an invitation string.
 * The store owns the stored shape, so every context reads it through one parsed function.
 */
import * as z from 'zod/mini';
import { ROLES } from '../model';
import type { Db } from './db';
import { announceChange } from './events';

export const META_CONNECTION = 'connection';

export const connectionSchema = z.object({
  endpoint: z.string(),
  workspaceId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  token: z.string(),
  role: z.enum(ROLES),
  /** Workspace key generations, base64url of the raw 32 bytes, by keyId. */
  keys: z.record(z.string(), z.string()),
  currentKeyId: z.string(),
  joinedAt: z.string(),
});
export type Connection = z.infer<typeof connectionSchema>;

/** The stored connection, or null when this device is not paired. */
export async function getConnection(db: Db): Promise<Connection | null> {
  const parsed = connectionSchema.safeParse(await db.get('meta', META_CONNECTION));
  return parsed.success ? parsed.data : null;
}

/** Stores the connection (after creating or joining a workspace). */
export async function setConnection(db: Db, connection: Connection): Promise<void> {
  await db.put('meta', connectionSchema.parse(connection), META_CONNECTION);
  announceChange({ kind: 'meta', ids: [META_CONNECTION] });
}

/** Forgets the workspace on this device (local data stays). */
export async function clearConnection(db: Db): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  await tx.store.delete(META_CONNECTION);
  await tx.store.delete('cursor');
  await tx.store.delete('devices');
  // An old problem must not show for the next workspace.
  await tx.store.delete('syncState');
  await tx.done;
  announceChange({ kind: 'meta', ids: [META_CONNECTION] });
}
