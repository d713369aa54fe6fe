/**
 * This device's membership in a workspace: endpoint, credentials, role and workspace keys,
 * kept in the `meta` store. The keys never leave the device except inside an invitation string.
 * The store owns the stored shape, so every context reads it through one parsed function.
 */
import * as z from 'zod/mini';
import { ROLES } from '../model';
import type { Db } from './db';
import { announceChange } from './events';
import { META } from './meta-keys';

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
  const parsed = connectionSchema.safeParse(await db.get('meta', META.connection));
  return parsed.success ? parsed.data : null;
}

/** Stores the connection (after creating or joining a workspace). */
export async function setConnection(db: Db, connection: Connection): Promise<void> {
  await db.put('meta', connectionSchema.parse(connection), META.connection);
  announceChange({ db: db.name, kind: 'meta', ids: [META.connection] });
}

/**
 * Changes the stored connection in one transaction (read, `update`, write), so two contexts taking
 * in key generations at once cannot lose one; `update` returns null to leave it as it is.
 */
export async function updateConnection(db: Db, update: (connection: Connection) => Connection | null): Promise<Connection | null> {
  const tx = db.transaction('meta', 'readwrite');
  const parsed = connectionSchema.safeParse(await tx.store.get(META.connection));
  const next = parsed.success ? update(parsed.data) : null;
  if (next) await tx.store.put(connectionSchema.parse(next), META.connection);
  await tx.done;
  if (next) announceChange({ db: db.name, kind: 'meta', ids: [META.connection] });
  return next;
}

/** What belongs to one workspace in `meta`, forgotten with it (the device key too: a new workspace gets a new one). */
const WORKSPACE_KEYS = [
  META.connection,
  META.cursor,
  META.devices,
  META.syncState,
  META.deviceKey,
  META.trustedDevices,
  META.inviteSecrets,
  META.pendingRotation,
];

/** Forgets the workspace on this device (local data stays). */
export async function clearConnection(db: Db): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  // The cursor and device list belong to the old workspace, and an old problem must not show for the next one.
  await Promise.all(WORKSPACE_KEYS.map((key) => tx.store.delete(key)));
  await tx.done;
  announceChange({ db: db.name, kind: 'meta', ids: [...WORKSPACE_KEYS] });
}
