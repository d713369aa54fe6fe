/**
 * This device's membership in a workspace: endpoint, credentials, role and workspace keys,
 * kept in the `meta` store. The keys never leave the device except inside an invitation string.
 */
import * as z from 'zod/mini';
import type { Db } from '../store/db';
import { announceChange } from '../store/events';
import { fromBase64Url, KEY_BYTES, toBase64Url } from './crypto';

export const META_CONNECTION = 'connection';

export const connectionSchema = z.object({
  endpoint: z.string(),
  workspaceId: z.string(),
  deviceId: z.string(),
  deviceName: z.string(),
  token: z.string(),
  role: z.enum(['client', 'assistant']),
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

/** Normalises what a user typed as the endpoint into an origin, or throws with a reason. */
export function normaliseEndpoint(input: string): string {
  const trimmed = input.trim();
  const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Only http and https endpoints');
  return url.origin;
}

export interface Invitation {
  endpoint: string;
  code: string;
  keyId: string;
  key: string;
}

/**
 * `zuarbeit:<endpoint origin>#<code>.<base64url key>` (DESIGN.md, "Pairing"), with the key
 * generation appended as `.<keyId>` when it is not the first one, `k1`.
 * The part after `#` is never sent to the server.
 */
export function formatInvitation(invitation: Invitation): string {
  const suffix = invitation.keyId === 'k1' ? '' : `.${invitation.keyId}`;
  return `zuarbeit:${invitation.endpoint}#${invitation.code}.${invitation.key}${suffix}`;
}

/** Parses a pasted invitation string; returns null when it is not one. */
export function parseInvitation(text: string): Invitation | null {
  const match = /^zuarbeit:(https?:\/\/[^#\s]+)#([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]{43})(?:\.([A-Za-z0-9_-]{1,32}))?$/.exec(text.trim());
  if (!match) return null;
  try {
    if (fromBase64Url(match[3]).length !== KEY_BYTES) return null;
    return { endpoint: new URL(match[1]).origin, code: match[2], key: match[3], keyId: match[4] ?? 'k1' };
  } catch {
    return null;
  }
}

/** base64url of raw key bytes, as kept in the connection. */
export function encodeKey(raw: Uint8Array): string {
  return toBase64Url(raw);
}
