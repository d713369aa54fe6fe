/**
 * Endpoints and invitations (lib/sync/invitation.ts: v2 written, v1 still read). The stored
 * connection itself lives in lib/store/connection.ts (re-exported here for sync code).
 */
import { toBase64Url } from './crypto';

export * from '../store/connection';
export { formatInvitation, parseInvitation, type ParsedInvitation } from './invitation';

/** Normalises what a user typed as the endpoint into an origin, or throws with a reason. */
export function normaliseEndpoint(input: string): string {
  const trimmed = input.trim();
  const url = new URL(/^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('Only http and https endpoints');
  return url.origin;
}

/** base64url of raw key bytes, as kept in the connection. */
export function encodeKey(raw: Uint8Array): string {
  return toBase64Url(raw);
}
