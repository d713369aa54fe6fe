/**
 * Endpoints and invitations. The stored connection itself lives in lib/store/connection.ts
 * (re-exported here for sync code).
 */
import { fromBase64Url, KEY_BYTES, toBase64Url } from './crypto';

export * from '../store/connection';

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
